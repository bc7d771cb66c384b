package kubectl

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func obj(t *testing.T, s string) map[string]any {
	t.Helper()
	if s == "" {
		return nil
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("bad fixture %q: %v", s, err)
	}
	return m
}

// Talk 002, "Ghost demo": `kubectl edit deploy ghost` changes replicas; the
// PATCH carries only that change.
func TestCreateMergePatch(t *testing.T) {
	tests := []struct {
		name     string
		from, to string
		want     string
	}{
		{"no change", `{"a":1}`, `{"a":1}`, `{}`},
		{"edit replicas", `{"spec":{"replicas":1,"paused":false}}`, `{"spec":{"replicas":3,"paused":false}}`, `{"spec":{"replicas":3}}`},
		{"removed key becomes null", `{"metadata":{"labels":{"a":"1","b":"2"}}}`, `{"metadata":{"labels":{"a":"1"}}}`, `{"metadata":{"labels":{"b":null}}}`},
		{"lists are replaced whole", `{"l":[1,2]}`, `{"l":[1,3]}`, `{"l":[1,3]}`},
		{"map replaced by scalar", `{"x":{"y":1}}`, `{"x":2}`, `{"x":2}`},
		{"added map", `{}`, `{"x":{"y":1}}`, `{"x":{"y":1}}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := CreateMergePatch(obj(t, tc.from), obj(t, tc.to))
			if diff := cmp.Diff(obj(t, tc.want), got); diff != "" {
				t.Errorf("patch (-want +got):\n%s", diff)
			}
		})
	}
}

// Talk 004, "apply": a second apply changes what the manifest changed,
// removes what the previous manifest set and this one dropped, and leaves
// what the server added alone.
func TestCreateThreeWayMergePatch(t *testing.T) {
	tests := []struct {
		name                        string
		original, modified, current string
		want                        string
	}{
		{
			name:     "server-added fields survive",
			original: `{"spec":{"replicas":1}}`,
			modified: `{"spec":{"replicas":1}}`,
			current:  `{"spec":{"replicas":1,"strategy":{"type":"RollingUpdate"}},"status":{"replicas":1}}`,
			want:     `{}`,
		},
		{
			name:     "changed field is patched",
			original: `{"spec":{"replicas":1}}`,
			modified: `{"spec":{"replicas":3}}`,
			current:  `{"spec":{"replicas":1},"status":{}}`,
			want:     `{"spec":{"replicas":3}}`,
		},
		{
			name:     "field dropped from the manifest is deleted",
			original: `{"metadata":{"labels":{"a":"1","tier":"web"}}}`,
			modified: `{"metadata":{"labels":{"a":"1"}}}`,
			current:  `{"metadata":{"labels":{"a":"1","tier":"web","added":"by-server"}}}`,
			want:     `{"metadata":{"labels":{"tier":null}}}`,
		},
		{
			name:     "first apply over a live object has no original",
			original: ``,
			modified: `{"spec":{"replicas":2}}`,
			current:  `{"spec":{"replicas":1,"paused":true}}`,
			want:     `{"spec":{"replicas":2}}`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := CreateThreeWayMergePatch(obj(t, tc.original), obj(t, tc.modified), obj(t, tc.current))
			if diff := cmp.Diff(obj(t, tc.want), got); diff != "" {
				t.Errorf("patch (-want +got):\n%s", diff)
			}
		})
	}
}
