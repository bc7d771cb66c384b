package batchv1

import (
	"encoding/json"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/shared/api/internal/apitest"
)

// A finished Job as the API server returns it decodes with no unknown
// field and encodes to the same document.
func TestJobRoundTrip(t *testing.T) {
	var job Job
	apitest.RoundTrip(t, "job.json", &job)

	if job.Spec.CompletionMode == nil || *job.Spec.CompletionMode != IndexedCompletion {
		t.Errorf("completionMode = %v, want Indexed", job.Spec.CompletionMode)
	}
	if got := job.Status.UncountedTerminatedPods.Succeeded; len(got) != 1 {
		t.Errorf("uncounted succeeded = %v, want one UID", got)
	}
}

// The shapes of empty Jobs: the template is required and written even
// when empty; counters and pointers are left out.
func TestZeroValueShape(t *testing.T) {
	tests := []struct {
		name string
		obj  any
		want string
	}{
		{
			name: "job",
			obj:  Job{},
			want: `{"metadata":{},"spec":{"template":{"metadata":{},"spec":{"containers":null}}},"status":{}}`,
		},
		{
			name: "job condition writes null times",
			obj:  JobCondition{Type: JobComplete, Status: "True"},
			want: `{"type":"Complete","status":"True","lastProbeTime":null,"lastTransitionTime":null}`,
		},
		{
			name: "uncounted pods without any",
			obj:  UncountedTerminatedPods{},
			want: `{}`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := json.Marshal(tc.obj)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("json.Marshal\n got: %s\nwant: %s", got, tc.want)
			}
		})
	}
}
