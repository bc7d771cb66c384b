package metav1

import (
	"encoding/json"
	"testing"
)

// The delete body kubectl sends (kubectl delete --cascade=foreground
// --grace-period=0) and the option structs' parameter names.
func TestOptionsJSON(t *testing.T) {
	grace := int64(0)
	policy := DeletePropagationForeground
	uid := UID("u1")
	rv := "42"
	timeout := int64(30)
	sendInitial := true
	force := true
	tests := []struct {
		name string
		in   any
		want string
	}{
		{
			name: "delete options",
			in: DeleteOptions{
				TypeMeta:           TypeMeta{Kind: "DeleteOptions", APIVersion: "v1"},
				GracePeriodSeconds: &grace,
				Preconditions:      &Preconditions{UID: &uid, ResourceVersion: &rv},
				PropagationPolicy:  &policy,
				DryRun:             []string{DryRunAll},
			},
			want: `{"kind":"DeleteOptions","apiVersion":"v1","gracePeriodSeconds":0,"preconditions":{"uid":"u1","resourceVersion":"42"},` +
				`"propagationPolicy":"Foreground","dryRun":["All"]}`,
		},
		{name: "empty delete options", in: DeleteOptions{}, want: `{}`},
		{
			name: "list options",
			in: ListOptions{
				LabelSelector: "app=web", FieldSelector: "spec.nodeName=n1", Watch: true, AllowWatchBookmarks: true,
				ResourceVersion: "10", ResourceVersionMatch: ResourceVersionMatchNotOlderThan, TimeoutSeconds: &timeout,
				Limit: 500, Continue: "tok", SendInitialEvents: &sendInitial,
			},
			want: `{"labelSelector":"app=web","fieldSelector":"spec.nodeName=n1","watch":true,"allowWatchBookmarks":true,` +
				`"resourceVersion":"10","resourceVersionMatch":"NotOlderThan","timeoutSeconds":30,"limit":500,"continue":"tok","sendInitialEvents":true}`,
		},
		{name: "get options", in: GetOptions{ResourceVersion: "0"}, want: `{"resourceVersion":"0"}`},
		{
			name: "create options",
			in:   CreateOptions{FieldManager: "kubectl-create", FieldValidation: FieldValidationStrict},
			want: `{"fieldManager":"kubectl-create","fieldValidation":"Strict"}`,
		},
		{name: "update options", in: UpdateOptions{DryRun: []string{DryRunAll}}, want: `{"dryRun":["All"]}`},
		{
			name: "patch options",
			in:   PatchOptions{Force: &force, FieldManager: "kubectl", FieldValidation: FieldValidationWarn},
			want: `{"force":true,"fieldManager":"kubectl","fieldValidation":"Warn"}`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := json.Marshal(tc.in)
			if err != nil || string(got) != tc.want {
				t.Errorf("Marshal:\n got %s (%v)\nwant %s", got, err, tc.want)
			}
		})
	}
}
