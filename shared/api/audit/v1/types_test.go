package auditv1

import (
	"testing"

	"github.com/kubeworkbook/kubeworkbook/shared/api/internal/apitest"
)

// Talk 000, "Server side authentication" to "Write to etcd": an audit
// line records who asked what and how the chain answered. Lines as
// upstream's API server writes them, and upstream's example policy
// shapes, decode with no unknown field and encode back the same.
func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		file string
		obj  any
	}{
		{"create of a pod at RequestResponse, impersonated", "event.json", &Event{}},
		{"forbidden list at Metadata", "forbidden-event.json", &Event{}},
		{"policy with every rule field", "policy.json", &Policy{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			apitest.RoundTrip(t, tc.file, tc.obj)
		})
	}
}

// Empty values have upstream's shape: the event's required fields are
// always written (timestamps as null), a policy always has "rules".
func TestZeroValueShape(t *testing.T) {
	tests := []struct {
		name string
		obj  any
		want string
	}{
		{"event", Event{}, `{"level":"","auditID":"","stage":"","requestURI":"","verb":"","user":{},"requestReceivedTimestamp":null,"stageTimestamp":null}`},
		{"event list", EventList{}, `{"metadata":{},"items":null}`},
		{"policy", Policy{}, `{"metadata":{},"rules":null}`},
		{"policy rule", PolicyRule{}, `{"level":""}`},
		{"group resources", GroupResources{}, `{}`},
		{"object reference", ObjectReference{}, `{}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			apitest.MarshalsTo(t, tc.obj, tc.want)
		})
	}
}

// Each level records at least what the one before it does.
func TestLevelLess(t *testing.T) {
	tests := []struct {
		name string
		a, b Level
		want bool
	}{
		{"none below metadata", LevelNone, LevelMetadata, true},
		{"metadata below request", LevelMetadata, LevelRequest, true},
		{"request below request-response", LevelRequest, LevelRequestResponse, true},
		{"request-response not below request", LevelRequestResponse, LevelRequest, false},
		{"a level not below itself", LevelMetadata, LevelMetadata, false},
		{"unknown ranks as none", Level("Verbose"), LevelMetadata, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.a.Less(tc.b); got != tc.want {
				t.Errorf("%q.Less(%q) = %v, want %v", tc.a, tc.b, got, tc.want)
			}
		})
	}
}
