package eventsv1

import (
	"testing"

	"github.com/kubeworkbook/kubeworkbook/shared/api/internal/apitest"
)

// Talk 002, "kubectl api-resources": an events.k8s.io/v1 Event as the API
// server returns it (a scheduler's FailedScheduling series) decodes with
// no unknown field and encodes to the same document, microseconds, nulls
// and the empty deprecatedSource included.
func TestEventRoundTrip(t *testing.T) {
	var ev Event
	apitest.RoundTrip(t, "event.json", &ev)
	if ev.Series == nil || ev.Series.Count != 4 {
		t.Fatalf("series = %+v, want count 4", ev.Series)
	}
	if got := ev.EventTime.Nanosecond(); got != 482915000 {
		t.Errorf("eventTime nanoseconds = %d, want 482915000", got)
	}
	if ev.Regarding.Name != "web-7c5ddbdf54-q4n7z" {
		t.Errorf("regarding = %+v", ev.Regarding)
	}
}

// The JSON shape of empty values is upstream's: eventTime and the
// deprecated timestamps are null, regarding and deprecatedSource are {}
// (structs are never omitted), and a series keeps count and
// lastObservedTime even when zero.
func TestZeroValueShape(t *testing.T) {
	tests := []struct {
		name string
		obj  any
		want string
	}{
		{name: "event", obj: Event{},
			want: `{"metadata":{},"eventTime":null,"regarding":{},"deprecatedSource":{},"deprecatedFirstTimestamp":null,"deprecatedLastTimestamp":null}`},
		{name: "series", obj: EventSeries{}, want: `{"count":0,"lastObservedTime":null}`},
		{name: "list", obj: EventList{}, want: `{"metadata":{},"items":null}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			apitest.MarshalsTo(t, tc.obj, tc.want)
		})
	}
}
