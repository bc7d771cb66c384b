// Age: how long ago something happened, in kubectl's few characters.
//
// Interface:
//   - HumanDuration(d) renders a duration the way every AGE column does:
//     "45s", "2m30s", "15m", "5h12m", "3d4h", "2y30d".
//   - Since(t, now) is HumanDuration(now - t), or "<unknown>" for a zero
//     time.
//
// The rounding rules are upstream apimachinery's (util/duration): exact
// seconds below two minutes, then fewer digits the older a thing is.

package scheme

import (
	"fmt"
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// HumanDuration returns d with two or three significant figures:
//
//	d < 2m        seconds         "119s"
//	d < 10m       minutes+seconds "9m59s" ("5m" when the seconds are 0)
//	d < 3h        minutes         "179m"
//	d < 8h        hours+minutes   "7h5m"
//	d < 48h       hours           "47h"
//	d < 8d        days+hours      "7d23h"
//	d < 2y        days            "729d"
//	d < 8y        years+days      "7y364d"
//	otherwise     years           "12y"
//
// A year is 365 days. A slightly negative d (up to one second, clock skew
// between machines) is "0s"; anything more negative is "<invalid>".
func HumanDuration(d time.Duration) string {
	seconds := int(d.Seconds())
	switch {
	case seconds < -1:
		return "<invalid>"
	case seconds < 0:
		return "0s"
	case seconds < 2*60:
		return fmt.Sprintf("%ds", seconds)
	}
	minutes := int(d / time.Minute)
	switch {
	case minutes < 10:
		return withRest(minutes, "m", int(d/time.Second)%60, "s")
	case minutes < 3*60:
		return fmt.Sprintf("%dm", minutes)
	}
	hours := int(d / time.Hour)
	switch {
	case hours < 8:
		return withRest(hours, "h", minutes%60, "m")
	case hours < 48:
		return fmt.Sprintf("%dh", hours)
	case hours < 24*8:
		return withRest(hours/24, "d", hours%24, "h")
	case hours < 24*365*2:
		return fmt.Sprintf("%dd", hours/24)
	case hours < 24*365*8:
		return withRest(hours/24/365, "y", (hours/24)%365, "d")
	}
	return fmt.Sprintf("%dy", hours/24/365)
}

// withRest prints "<n><unit><rest><restUnit>", leaving out a zero rest.
func withRest(n int, unit string, rest int, restUnit string) string {
	if rest == 0 {
		return fmt.Sprintf("%d%s", n, unit)
	}
	return fmt.Sprintf("%d%s%d%s", n, unit, rest, restUnit)
}

// Since returns HumanDuration(now - t), or "<unknown>" when t is zero (an
// object that was never stored has no creationTimestamp).
func Since(t metav1.Time, now time.Time) string {
	if t.IsZero() {
		return "<unknown>"
	}
	return HumanDuration(now.Sub(t.Time))
}

// sinceMicro is Since for a MicroTime (events' eventTime).
func sinceMicro(t metav1.MicroTime, now time.Time) string {
	if t.IsZero() {
		return "<unknown>"
	}
	return HumanDuration(now.Sub(t.Time))
}
