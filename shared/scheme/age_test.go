package scheme

import (
	"testing"
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

func TestHumanDuration(t *testing.T) {
	// Every AGE cell of every table goes through here; each row is a
	// boundary of upstream's rounding.
	const day, year = 24 * time.Hour, 365 * 24 * time.Hour
	tests := []struct {
		name string
		d    time.Duration
		want string
	}{
		{name: "clock skew of a second", d: -time.Second, want: "0s"},
		{name: "more skew is invalid", d: -2 * time.Second, want: "<invalid>"},
		{name: "zero", d: 0, want: "0s"},
		{name: "under a second", d: 999 * time.Millisecond, want: "0s"},
		{name: "seconds up to two minutes", d: 119 * time.Second, want: "119s"},
		{name: "two minutes", d: 2 * time.Minute, want: "2m"},
		{name: "minutes and seconds", d: 2*time.Minute + 30*time.Second, want: "2m30s"},
		{name: "under ten minutes", d: 9*time.Minute + 59*time.Second, want: "9m59s"},
		{name: "ten minutes drops seconds", d: 10*time.Minute + 59*time.Second, want: "10m"},
		{name: "under three hours in minutes", d: 179 * time.Minute, want: "179m"},
		{name: "three hours", d: 3 * time.Hour, want: "3h"},
		{name: "hours and minutes", d: 7*time.Hour + 5*time.Minute, want: "7h5m"},
		{name: "eight hours drops minutes", d: 8*time.Hour + 59*time.Minute, want: "8h"},
		{name: "under two days in hours", d: 47 * time.Hour, want: "47h"},
		{name: "two days", d: 2 * day, want: "2d"},
		{name: "days and hours", d: 3*day + 4*time.Hour, want: "3d4h"},
		{name: "eight days drops hours", d: 8*day + 5*time.Hour, want: "8d"},
		{name: "under two years in days", d: 729 * day, want: "729d"},
		{name: "two years", d: 2 * year, want: "2y"},
		{name: "years and days", d: 2*year + 30*day, want: "2y30d"},
		{name: "eight years", d: 8*year + 100*day, want: "8y"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := HumanDuration(tc.d); got != tc.want {
				t.Errorf("HumanDuration(%v) = %q, want %q", tc.d, got, tc.want)
			}
		})
	}
}

func TestSince(t *testing.T) {
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		t    metav1.Time
		want string
	}{
		{name: "never stored", t: metav1.Time{}, want: "<unknown>"},
		{name: "five minutes ago", t: metav1.NewTime(now.Add(-5 * time.Minute)), want: "5m"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Since(tc.t, now); got != tc.want {
				t.Errorf("Since = %q, want %q", got, tc.want)
			}
		})
	}
}
