package rbacv1

import (
	"encoding/json"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/shared/api/internal/apitest"
)

// Talk 000, "Authorization chain": roles and bindings as stored decode
// with no unknown field and encode to the same document.
func TestRoundTrip(t *testing.T) {
	tests := []struct {
		file string
		obj  any
	}{
		{file: "clusterrole.json", obj: &ClusterRole{}},
		{file: "rolebinding.json", obj: &RoleBinding{}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			apitest.RoundTrip(t, tc.file, tc.obj)
		})
	}
}

// Required fields are written even when empty: rules, verbs, roleRef and
// its three fields.
func TestZeroValueShape(t *testing.T) {
	tests := []struct {
		name string
		obj  any
		want string
	}{
		{name: "role without rules", obj: Role{}, want: `{"metadata":{},"rules":null}`},
		{name: "rule without verbs", obj: PolicyRule{Resources: []string{"pods"}}, want: `{"verbs":null,"resources":["pods"]}`},
		{name: "binding without subjects", obj: RoleBinding{}, want: `{"metadata":{},"roleRef":{"apiGroup":"","kind":"","name":""}}`},
		{name: "service account subject has no apiGroup", obj: Subject{Kind: ServiceAccountKind, Name: "web", Namespace: "default"}, want: `{"kind":"ServiceAccount","name":"web","namespace":"default"}`},
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
