package patch_test

import (
	"net/http"
	"strings"
	"testing"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/patch"
)

// mustStrategicMerge applies p to original with the Deployment schema.
func mustStrategicMerge(t *testing.T, original, p string) []byte {
	t.Helper()
	out, err := patch.StrategicMergePatch([]byte(original), []byte(p), deploymentSchema)
	if err != nil {
		t.Fatalf("StrategicMergePatch: %v", err)
	}
	return out
}

// The examples of the Kubernetes task "Update API Objects in Place Using
// kubectl patch", and the directives kubectl apply and edit send (talk 002,
// the Ghost demo: "kubectl edit deploy ghost" sends a strategic merge
// patch of what the editor changed).
func TestStrategicMergePatch(t *testing.T) {
	for _, tc := range []struct {
		name      string
		original  string
		patch     string
		path      []string // where to look in the result
		wantValue string   // the JSON expected there
	}{
		{
			name:      "containers are merged by name: the redis sidecar joins nginx, listed first",
			original:  patchDemo,
			patch:     `{"spec":{"template":{"spec":{"containers":[{"name":"patch-demo-ctr-2","image":"redis"}]}}}}`,
			path:      []string{"spec", "template", "spec", "containers"},
			wantValue: `[{"name":"patch-demo-ctr-2","image":"redis"},{"name":"patch-demo-ctr","image":"nginx"}]`,
		},
		{
			name:      "tolerations have no merge key: the list is replaced",
			original:  patchDemo,
			patch:     `{"spec":{"template":{"spec":{"tolerations":[{"effect":"NoSchedule","key":"disktype","value":"ssd"}]}}}}`,
			path:      []string{"spec", "template", "spec", "tolerations"},
			wantValue: `[{"effect":"NoSchedule","key":"disktype","value":"ssd"}]`,
		},
		{
			name:      "a container of the patch merges into the one with its name",
			original:  patchDemo,
			patch:     `{"spec":{"template":{"spec":{"containers":[{"name":"patch-demo-ctr","image":"nginx:1.27","args":["-g"]}]}}}}`,
			path:      []string{"spec", "template", "spec", "containers"},
			wantValue: `[{"name":"patch-demo-ctr","image":"nginx:1.27","args":["-g"]}]`,
		},
		{
			name:      "$patch: delete removes the container with that name",
			original:  strings.Replace(patchDemo, `"containers": [`, `"containers": [{"name": "sidecar", "image": "busybox"},`, 1),
			patch:     `{"spec":{"template":{"spec":{"containers":[{"$patch":"delete","name":"sidecar"}]}}}}`,
			path:      []string{"spec", "template", "spec", "containers"},
			wantValue: `[{"name":"patch-demo-ctr","image":"nginx"}]`,
		},
		{
			name:      "$patch: replace makes the list exactly the patch's items",
			original:  strings.Replace(patchDemo, `"containers": [`, `"containers": [{"name": "sidecar", "image": "busybox"},`, 1),
			patch:     `{"spec":{"template":{"spec":{"containers":[{"name":"only","image":"redis"},{"$patch":"replace"}]}}}}`,
			path:      []string{"spec", "template", "spec", "containers"},
			wantValue: `[{"name":"only","image":"redis"}]`,
		},
		{
			name:      "$patch: replace on a map makes it the patch",
			original:  patchDemo,
			patch:     `{"spec":{"selector":{"$patch":"replace","matchLabels":{"tier":"web"}}}}`,
			path:      []string{"spec", "selector"},
			wantValue: `{"matchLabels":{"tier":"web"}}`,
		},
		{
			name:      "$patch: delete on a map empties it",
			original:  patchDemo,
			patch:     `{"spec":{"template":{"metadata":{"labels":{"$patch":"delete"}}}}}`,
			path:      []string{"spec", "template", "metadata", "labels"},
			wantValue: `{}`,
		},
		{
			name:      "$retainKeys clears rollingUpdate when the strategy becomes Recreate",
			original:  `{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"30%","maxUnavailable":"25%"}}}}`,
			patch:     `{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}`,
			path:      []string{"spec", "strategy"},
			wantValue: `{"type":"Recreate"}`,
		},
		{
			name:      "without $retainKeys the strategy keeps rollingUpdate (which validation then refuses)",
			original:  `{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"30%"}}}}`,
			patch:     `{"spec":{"strategy":{"type":"Recreate"}}}`,
			path:      []string{"spec", "strategy"},
			wantValue: `{"type":"Recreate","rollingUpdate":{"maxSurge":"30%"}}`,
		},
		{
			name:      "$setElementOrder orders the merged containers as the manifest does",
			original:  `{"spec":{"template":{"spec":{"containers":[{"name":"a"},{"name":"b"},{"name":"c"}]}}}}`,
			patch:     `{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"c"},{"name":"a"},{"name":"b"}],"containers":[{"name":"a","image":"x"}]}}}}`,
			path:      []string{"spec", "template", "spec", "containers"},
			wantValue: `[{"name":"c"},{"name":"a","image":"x"},{"name":"b"}]`,
		},
		{
			name:      "server-only items keep their place before later patch items",
			original:  `{"spec":{"template":{"spec":{"containers":[{"name":"a"},{"name":"b"},{"name":"c"}]}}}}`,
			patch:     `{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"x"}]}}}}`,
			path:      []string{"spec", "template", "spec", "containers"},
			wantValue: `[{"name":"a"},{"name":"b"},{"name":"c","image":"x"}]`,
		},
		{
			name:      "ports merge by containerPort, env by name",
			original:  `{"spec":{"template":{"spec":{"containers":[{"name":"web","ports":[{"containerPort":80}],"env":[{"name":"A","value":"1"}]}]}}}}`,
			patch:     `{"spec":{"template":{"spec":{"containers":[{"name":"web","ports":[{"containerPort":443}],"env":[{"name":"A","value":"2"}]}]}}}}`,
			path:      []string{"spec", "template", "spec", "containers"},
			wantValue: `[{"name":"web","ports":[{"containerPort":443},{"containerPort":80}],"env":[{"name":"A","value":"2"}]}]`,
		},
		{
			name:      "volumes merge by name",
			original:  `{"spec":{"template":{"spec":{"volumes":[{"name":"data","emptyDir":{}}]}}}}`,
			patch:     `{"spec":{"template":{"spec":{"volumes":[{"name":"config","configMap":{"name":"app"}}]}}}}`,
			path:      []string{"spec", "template", "spec", "volumes"},
			wantValue: `[{"name":"config","configMap":{"name":"app"}},{"name":"data","emptyDir":{}}]`,
		},
		{
			name:      "finalizers merge as a set",
			original:  `{"metadata":{"finalizers":["a","b"]}}`,
			patch:     `{"metadata":{"finalizers":["b","c"]}}`,
			path:      []string{"metadata", "finalizers"},
			wantValue: `["a","b","c"]`,
		},
		{
			name:      "$setElementOrder orders a set of finalizers",
			original:  `{"metadata":{"finalizers":["a","b"]}}`,
			patch:     `{"metadata":{"$setElementOrder/finalizers":["c","b","a"],"finalizers":["c"]}}`,
			path:      []string{"metadata", "finalizers"},
			wantValue: `["c","b","a"]`,
		},
		{
			name:      "$setElementOrder alone reorders the list",
			original:  `{"spec":{"template":{"spec":{"containers":[{"name":"a"},{"name":"b"}]}}}}`,
			patch:     `{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}]}}}}`,
			path:      []string{"spec", "template", "spec", "containers"},
			wantValue: `[{"name":"b"},{"name":"a"}]`,
		},
		{
			name:      "$deleteFromPrimitiveList removes finalizers",
			original:  `{"metadata":{"finalizers":["a","b","c"]}}`,
			patch:     `{"metadata":{"$deleteFromPrimitiveList/finalizers":["b"]}}`,
			path:      []string{"metadata", "finalizers"},
			wantValue: `["a","c"]`,
		},
		{
			name:      "null deletes a label, others merge",
			original:  `{"metadata":{"labels":{"app":"nginx","tier":"web"}}}`,
			patch:     `{"metadata":{"labels":{"tier":null,"env":"prod"}}}`,
			path:      []string{"metadata", "labels"},
			wantValue: `{"app":"nginx","env":"prod"}`,
		},
		{
			name:      "nulls inside a new field are dropped",
			original:  `{"metadata":{}}`,
			patch:     `{"metadata":{"annotations":{"a":"1","b":null}}}`,
			path:      []string{"metadata", "annotations"},
			wantValue: `{"a":"1"}`,
		},
		{
			name:      "a scalar replaces, however it is nested",
			original:  patchDemo,
			patch:     `{"spec":{"replicas":3}}`,
			path:      []string{"spec", "replicas"},
			wantValue: `3`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := mustStrategicMerge(t, tc.original, tc.patch)
			var got any = decode(t, out)
			for _, k := range tc.path {
				got = got.(map[string]any)[k]
			}
			assertJSON(t, mustJSON(t, got), tc.wantValue)
		})
	}
}

// A kind with no Go type merges like a JSON merge patch: lists replaced.
func TestStrategicMergePatchUnknownKind(t *testing.T) {
	out, err := patch.StrategicMergePatch([]byte(patchDemo),
		[]byte(`{"spec":{"template":{"spec":{"containers":[{"name":"patch-demo-ctr-2","image":"redis"}]}}}}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	assertJSON(t, mustJSON(t, field(t, out, "spec", "template")),
		`{"metadata":{"labels":{"app":"nginx"}},"spec":{"containers":[{"name":"patch-demo-ctr-2","image":"redis"}],
		  "tolerations":[{"effect":"NoSchedule","key":"dedicated","value":"test-team"}]}}`)
}

// Malformed patches get upstream's status codes: 400 for a body or a
// directive in the wrong format, 422 for a patch that contradicts itself,
// and a plain error (500, empty reason) where upstream sends one.
func TestStrategicMergePatchErrors(t *testing.T) {
	for _, tc := range []struct {
		name        string
		patch       string
		wantCode    int32
		wantReason  metav1.StatusReason
		wantMessage string
	}{
		{"not JSON", `{"spec":`, http.StatusBadRequest, metav1.StatusReasonBadRequest, "unexpected end of JSON input"},
		{"a list instead of an object", `[{"op":"add"}]`, http.StatusBadRequest, metav1.StatusReasonBadRequest,
			"json: cannot unmarshal array into Go value of type map[string]interface {}"},
		{"a container without its merge key", `{"spec":{"template":{"spec":{"containers":[{"image":"nginx:1.27"}]}}}}`,
			http.StatusInternalServerError, metav1.StatusReasonUnknown,
			".spec.template.spec.containers: map: map[image:nginx:1.27] does not contain declared merge key: name"},
		{"$retainKeys that is not a list", `{"spec":{"strategy":{"$retainKeys":"type"}}}`,
			http.StatusBadRequest, metav1.StatusReasonBadRequest, "invalid patch format of retainKeys"},
		{"a key outside $retainKeys", `{"spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":{}}}}`,
			http.StatusUnprocessableEntity, metav1.StatusReasonInvalid, patch.GenericInvalidMessage},
		{"a list of lists", `{"metadata":{"finalizers":[["a"]]}}`,
			http.StatusUnprocessableEntity, metav1.StatusReasonInvalid, patch.GenericInvalidMessage},
		{"$setElementOrder that is not a list", `{"spec":{"template":{"spec":{"$setElementOrder/containers":{"name":"a"}}}}}`,
			http.StatusBadRequest, metav1.StatusReasonBadRequest, "invalid patch format of setElementOrder list"},
		{"patch items out of $setElementOrder's order",
			`{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"a"},{"name":"b"}],"containers":[{"name":"b"},{"name":"a"}]}}}}`,
			http.StatusBadRequest, metav1.StatusReasonBadRequest, "invalid patch format of setElementOrder list"},
		{"$deleteFromPrimitiveList that is not a list", `{"metadata":{"$deleteFromPrimitiveList/finalizers":"a"}}`,
			http.StatusBadRequest, metav1.StatusReasonBadRequest, "invalid patch format of primitive list"},
		{"an unknown $patch value", `{"spec":{"template":{"spec":{"containers":[{"$patch":"remove","name":"x"}]}}}}`,
			http.StatusInternalServerError, metav1.StatusReasonUnknown, "unknown patch type: remove in map"},
		{"$patch: merge in a list", `{"spec":{"template":{"spec":{"containers":[{"$patch":"merge"}]}}}}`,
			http.StatusInternalServerError, metav1.StatusReasonUnknown, "merging lists cannot yet be specified in the patch"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := patch.StrategicMergePatch([]byte(patchDemo), []byte(tc.patch), deploymentSchema)
			st := statusOf(t, err)
			if st.Code != tc.wantCode || st.Reason != tc.wantReason {
				t.Errorf("code %d reason %q, want %d %q (%s)", st.Code, st.Reason, tc.wantCode, tc.wantReason, st.Message)
			}
			if !strings.Contains(st.Message, tc.wantMessage) {
				t.Errorf("message %q does not contain %q", st.Message, tc.wantMessage)
			}
		})
	}
}

// The 422 keeps upstream's generic message, and says why in a cause.
func TestStrategicMergePatchInvalidCause(t *testing.T) {
	_, err := patch.StrategicMergePatch([]byte(patchDemo), []byte(`{"spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":{}}}}`), deploymentSchema)
	st := statusOf(t, err)
	if st.Details == nil || len(st.Details.Causes) != 1 {
		t.Fatalf("details %+v, want one cause", st.Details)
	}
	c := st.Details.Causes[0]
	if c.Field != "patch" || !strings.Contains(c.Message, `the patch sets "rollingUpdate", which $retainKeys does not list`) {
		t.Errorf("cause %+v", c)
	}
}
