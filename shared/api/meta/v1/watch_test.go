package metav1

import (
	"bytes"
	"encoding/json"
	"testing"
)

// Talk 001, "informers": a watch response is a stream of events, one JSON
// document after another; each decodes on its own.
func TestWatchEventStream(t *testing.T) {
	stream := `{"type":"ADDED","object":{"kind":"Pod","apiVersion":"v1","metadata":{"name":"a","resourceVersion":"1"}}}
{"type":"BOOKMARK","object":{"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"5"}}}
{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 1 (5)","reason":"Expired","code":410}}
`
	dec := json.NewDecoder(bytes.NewBufferString(stream))
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	var types []string
	for dec.More() {
		var ev WatchEvent
		if err := dec.Decode(&ev); err != nil {
			t.Fatalf("decode: %v", err)
		}
		types = append(types, ev.Type)
		if err := enc.Encode(ev); err != nil {
			t.Fatalf("encode: %v", err)
		}
		if ev.Type == Error {
			var st Status
			if err := json.Unmarshal(ev.Object, &st); err != nil || st.Reason != StatusReasonExpired || st.Code != 410 {
				t.Errorf("ERROR event status = %+v, %v", st, err)
			}
		}
	}
	if want := []string{Added, Bookmark, Error}; len(types) != 3 || types[0] != want[0] || types[1] != want[1] || types[2] != want[2] {
		t.Errorf("types = %v, want %v", types, want)
	}
	if out.String() != stream {
		t.Errorf("re-encoded stream differs:\n got %s\nwant %s", out.String(), stream)
	}
}
