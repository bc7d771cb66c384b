package coordinationv1

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A leader-election Lease decodes with no unknown field and encodes to the
// same document, keeping the microseconds of its times.
func TestLeaseRoundTrip(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "lease.json"))
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var lease Lease
	if err := dec.Decode(&lease); err != nil {
		t.Fatalf("strict decode: %v", err)
	}
	out, err := json.Marshal(&lease)
	if err != nil {
		t.Fatal(err)
	}
	var want, got any
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("round trip changed the Lease (-want +got):\n%s", diff)
	}
	if got := lease.Spec.RenewTime.Nanosecond(); got != 107551000 {
		t.Errorf("renewTime nanoseconds = %d, want 107551000", got)
	}
}

// Every field of LeaseSpec is an optional pointer: an empty Lease has an
// empty spec.
func TestZeroValueShape(t *testing.T) {
	got, err := json.Marshal(Lease{})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"metadata":{},"spec":{}}`; string(got) != want {
		t.Errorf("json.Marshal(Lease{}) = %s, want %s", got, want)
	}
}
