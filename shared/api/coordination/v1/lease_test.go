package coordinationv1

import (
	"encoding/json"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/shared/api/internal/apitest"
)

// A leader-election Lease decodes with no unknown field and encodes to the
// same document, keeping the microseconds of its times.
func TestLeaseRoundTrip(t *testing.T) {
	var lease Lease
	apitest.RoundTrip(t, "lease.json", &lease)
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
