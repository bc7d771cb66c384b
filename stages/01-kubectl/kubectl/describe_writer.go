// The describe layout: indented "Field:<tab>value" lines aligned by a
// tabwriter, the form every `kubectl describe` output shares.
//
// Interface:
//   - newPrefixWriter(out) and (*prefixWriter).Write(level, format, ...)
//     write one line indented by two spaces per level; Flush aligns the
//     columns.
//   - writeLabels / writeAnnotations print a map one entry per line under
//     its heading, "<none>" when empty.
//   - writeEvents prints the Events table (Type, Reason, Age, From,
//     Message) or "Events: <none>".
//   - describeAge renders how long ago t was, as the AGE column does.
//
// The field names and their order follow upstream describe.go, so a
// student can read both outputs side by side.

package kubectl

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
)

// prefixWriter writes describe lines into a tabwriter with upstream's
// settings: minimum cell width 0, tab width 8, padding 2, spaces.
type prefixWriter struct {
	tw *tabwriter.Writer
}

func newPrefixWriter(out io.Writer) *prefixWriter {
	return &prefixWriter{tw: tabwriter.NewWriter(out, 0, 8, 2, ' ', 0)}
}

// Write prints one line at the given nesting level (0 = top).
func (w *prefixWriter) Write(level int, format string, a ...any) {
	fmt.Fprintf(w.tw, strings.Repeat("  ", level)+format, a...)
}

// Flush aligns and writes everything written so far.
func (w *prefixWriter) Flush() error { return w.tw.Flush() }

// writeObjectMeta prints the lines every describer starts with.
func writeObjectMeta(w *prefixWriter, m metav1.ObjectMeta, namespaced bool) {
	w.Write(0, "Name:\t%s\n", m.Name)
	if namespaced {
		w.Write(0, "Namespace:\t%s\n", m.Namespace)
	}
}

// writeLabels prints "title:" with one k=v per line, sorted by key. title
// may start with spaces ("  Labels" inside a pod template), as upstream's
// printLabelsMultiline takes it.
func writeLabels(w *prefixWriter, title string, labels map[string]string) {
	writeMultiline(w, title, labels, "=")
}

// writeAnnotations prints "title:" with one "k: v" per line, minus the
// last-applied manifest.
func writeAnnotations(w *prefixWriter, title string, annotations map[string]string) {
	shown := map[string]string{}
	for k, v := range annotations {
		if k != lastAppliedAnnotation {
			shown[k] = v
		}
	}
	writeMultiline(w, title, shown, ": ")
}

func writeMultiline(w *prefixWriter, title string, m map[string]string, sep string) {
	w.Write(0, "%s:\t", title)
	if len(m) == 0 {
		w.Write(0, "<none>\n")
		return
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for i, k := range keys {
		if i > 0 {
			w.Write(0, "\t")
		}
		w.Write(0, "%s%s%s\n", k, sep, m[k])
	}
}

// joinOrNone returns the values joined by sep, or "<none>".
func joinOrNone(values []string, sep string) string {
	if len(values) == 0 {
		return "<none>"
	}
	return strings.Join(values, sep)
}

// writeEvents prints the Events section, oldest first.
func writeEvents(w *prefixWriter, events []corev1.Event, now time.Time) {
	if len(events) == 0 {
		w.Write(0, "Events:\t<none>\n")
		return
	}
	sort.SliceStable(events, func(i, j int) bool {
		return eventTime(events[i]).Before(eventTime(events[j]))
	})
	w.Write(0, "Events:\n")
	w.Write(1, "Type\tReason\tAge\tFrom\tMessage\n")
	w.Write(1, "----\t------\t----\t----\t-------\n")
	for _, e := range events {
		age := describeAge(eventTime(e), now)
		if count := e.Count; count > 1 {
			age = fmt.Sprintf("%s (x%d over %s)", age, count, describeAge(e.FirstTimestamp.Time, now))
		} else if e.Series != nil && e.Series.Count > 1 {
			age = fmt.Sprintf("%s (x%d over %s)", describeAge(e.Series.LastObservedTime.Time, now), e.Series.Count, describeAge(e.EventTime.Time, now))
		}
		from := e.Source.Component
		if from == "" {
			from = e.ReportingController
		}
		if e.Source.Host != "" {
			from += ", " + e.Source.Host
		}
		w.Write(1, "%s\t%s\t%s\t%s\t%s\n", e.Type, e.Reason, age, from, strings.TrimSpace(e.Message))
	}
}

// eventTime is when an event last happened, whichever API wrote it.
func eventTime(e corev1.Event) time.Time {
	switch {
	case !e.LastTimestamp.IsZero():
		return e.LastTimestamp.Time
	case e.Series != nil && !e.Series.LastObservedTime.IsZero():
		return e.Series.LastObservedTime.Time
	default:
		return e.EventTime.Time
	}
}

// describeAge renders now-t as the short human form ("5s", "3m", "2d4h");
// "<unknown>" for a zero time.
func describeAge(t, now time.Time) string {
	if t.IsZero() {
		return "<unknown>"
	}
	return scheme.HumanDuration(now.Sub(t))
}

// describeTime renders a timestamp as upstream's describe does
// (RFC 1123 with a numeric zone).
func describeTime(t metav1.Time) string {
	if t.IsZero() {
		return "<unset>"
	}
	return t.Time.Format(time.RFC1123Z)
}
