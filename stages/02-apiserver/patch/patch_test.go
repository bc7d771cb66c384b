package patch_test

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/patch"
)

// RFC 6902 operations (`kubectl patch --type=json`), each on patchDemo.
func TestJSONPatch(t *testing.T) {
	for _, tc := range []struct {
		name      string
		patch     string
		path      []string
		wantValue string
	}{
		{"add a label", `[{"op":"add","path":"/metadata/labels","value":{"app":"nginx"}}]`,
			[]string{"metadata", "labels"}, `{"app":"nginx"}`},
		{"add appends with -", `[{"op":"add","path":"/spec/template/spec/containers/-","value":{"name":"b","image":"redis"}}]`,
			[]string{"spec", "template", "spec", "containers"}, `[{"name":"patch-demo-ctr","image":"nginx"},{"name":"b","image":"redis"}]`},
		{"remove the tolerations", `[{"op":"remove","path":"/spec/template/spec/tolerations"}]`,
			[]string{"spec", "template", "spec", "tolerations"}, `null`},
		{"replace replicas", `[{"op":"replace","path":"/spec/replicas","value":5}]`,
			[]string{"spec", "replicas"}, `5`},
		{"move a label into an annotation", `[{"op":"move","from":"/spec/template/metadata/labels/app","path":"/spec/template/metadata/annotations"}]`,
			[]string{"spec", "template", "metadata"}, `{"labels":{},"annotations":"nginx"}`},
		{"copy the image into an annotation", `[{"op":"add","path":"/metadata/annotations","value":{}},{"op":"copy","from":"/spec/template/spec/containers/0/image","path":"/metadata/annotations/image"}]`,
			[]string{"metadata", "annotations"}, `{"image":"nginx"}`},
		{"test then replace", `[{"op":"test","path":"/spec/replicas","value":2},{"op":"replace","path":"/spec/replicas","value":3}]`,
			[]string{"spec", "replicas"}, `3`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := patch.Apply(patch.JSONPatchType, []byte(patchDemo), []byte(tc.patch), deploymentSchema)
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			assertJSON(t, mustJSON(t, field(t, out, tc.path...)), tc.wantValue)
		})
	}
}

// RFC 7386 (`kubectl patch --type=merge`, `kubectl label`): null deletes,
// and a list is replaced whole, unlike a strategic merge patch.
func TestMergePatch(t *testing.T) {
	for _, tc := range []struct {
		name      string
		patch     string
		path      []string
		wantValue string
	}{
		{"null deletes a field", `{"spec":{"template":{"spec":{"tolerations":null}}}}`,
			[]string{"spec", "template", "spec"}, `{"containers":[{"name":"patch-demo-ctr","image":"nginx"}]}`},
		{"a label is added beside the others", `{"spec":{"template":{"metadata":{"labels":{"tier":"web"}}}}}`,
			[]string{"spec", "template", "metadata", "labels"}, `{"app":"nginx","tier":"web"}`},
		{"containers are replaced, not merged", `{"spec":{"template":{"spec":{"containers":[{"name":"patch-demo-ctr-2","image":"redis"}]}}}}`,
			[]string{"spec", "template", "spec", "containers"}, `[{"name":"patch-demo-ctr-2","image":"redis"}]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := patch.Apply(patch.MergePatchType, []byte(patchDemo), []byte(tc.patch), deploymentSchema)
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			assertJSON(t, mustJSON(t, field(t, out, tc.path...)), tc.wantValue)
		})
	}
}

// Bad JSON and merge patches get upstream's codes: a body that does not
// parse is 400, operations that do not apply are 422 with upstream's
// generic message (and the reason in a cause), too many operations 413.
func TestPatchErrors(t *testing.T) {
	tooMany := "[" + strings.Repeat(`{"op":"test","path":"/kind","value":"Deployment"},`, patch.MaxJSONPatchOperations) +
		`{"op":"test","path":"/kind","value":"Deployment"}]`
	for _, tc := range []struct {
		name        string
		pt          patch.PatchType
		patch       string
		wantCode    int32
		wantReason  metav1.StatusReason
		wantMessage string
		wantCause   string
	}{
		{"json patch: a failed test", patch.JSONPatchType, `[{"op":"test","path":"/spec/replicas","value":3}]`,
			http.StatusUnprocessableEntity, metav1.StatusReasonInvalid, patch.GenericInvalidMessage, "test failed"},
		{"json patch: remove a missing path", patch.JSONPatchType, `[{"op":"remove","path":"/spec/paused"}]`,
			http.StatusUnprocessableEntity, metav1.StatusReasonInvalid, patch.GenericInvalidMessage, "spec/paused"},
		{"json patch: not JSON", patch.JSONPatchType, `[{"op":`,
			http.StatusBadRequest, metav1.StatusReasonBadRequest, "unexpected end of JSON input", ""},
		{"json patch: an object, not a list", patch.JSONPatchType, `{"op":"add"}`,
			http.StatusBadRequest, metav1.StatusReasonBadRequest, "a json patch is a list of operations", ""},
		{"json patch: too many operations", patch.JSONPatchType, tooMany,
			http.StatusRequestEntityTooLarge, metav1.StatusReasonRequestEntityTooLarge,
			fmt.Sprintf("Request entity too large: The allowed maximum operations in a JSON patch is %d, got %d", patch.MaxJSONPatchOperations, patch.MaxJSONPatchOperations+1), ""},
		{"json patch: the document replaced by a list", patch.JSONPatchType, `[{"op":"replace","path":"","value":[1]}]`,
			http.StatusUnprocessableEntity, metav1.StatusReasonInvalid, `is invalid: patch: Invalid value: "[1]": the patched document must be a JSON object`, "the patched document must be a JSON object"},
		{"merge patch: not JSON", patch.MergePatchType, `{"spec":`,
			http.StatusBadRequest, metav1.StatusReasonBadRequest, "Invalid JSON Patch", ""},
		{"merge patch: a list replaces the object", patch.MergePatchType, `[1]`,
			http.StatusUnprocessableEntity, metav1.StatusReasonInvalid, "the patched document must be a JSON object", ""},
		{"apply is not a patch of bytes", patch.ApplyPatchType, `{}`,
			http.StatusInternalServerError, metav1.StatusReasonUnknown, "call FieldManager.Apply", ""},
		{"an unknown patch type", "application/json", `{}`,
			http.StatusUnsupportedMediaType, metav1.StatusReasonUnsupportedMediaType, "accepted media types include", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := patch.Apply(tc.pt, []byte(patchDemo), []byte(tc.patch), deploymentSchema)
			st := statusOf(t, err)
			if st.Code != tc.wantCode || st.Reason != tc.wantReason || !strings.Contains(st.Message, tc.wantMessage) {
				t.Errorf("got %d %q %q, want %d %q containing %q", st.Code, st.Reason, st.Message, tc.wantCode, tc.wantReason, tc.wantMessage)
			}
			if tc.wantCause == "" {
				return
			}
			if st.Details == nil || len(st.Details.Causes) != 1 || st.Details.Causes[0].Field != "patch" ||
				!strings.Contains(st.Details.Causes[0].Message, tc.wantCause) {
				t.Errorf("details %+v, want one cause on patch containing %q", st.Details, tc.wantCause)
			}
		})
	}
}

// A PATCH's Content-Type, with or without parameters, selects the patch
// type; anything else is a 415 listing what the resource accepts, in
// upstream's order.
func TestParsePatchType(t *testing.T) {
	for _, tc := range []struct {
		name        string
		contentType string
		strategic   bool
		want        patch.PatchType
		wantErr     string
	}{
		{"merge patch with a charset", "application/merge-patch+json; charset=utf-8", true, patch.MergePatchType, ""},
		{"strategic merge patch", "application/strategic-merge-patch+json", true, patch.StrategicMergePatchType, ""},
		{"apply", "application/apply-patch+yaml", false, patch.ApplyPatchType, ""},
		{"strategic merge patch of a kind without Go type", "application/strategic-merge-patch+json", false, "",
			"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"},
		{"plain JSON", "application/json", true, "",
			"accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml"},
		{"no header", "", true, "", "accepted media types include"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := patch.ParsePatchType(tc.contentType, patch.PatchTypes(tc.strategic))
			if tc.wantErr == "" {
				if err != nil || got != tc.want {
					t.Fatalf("got %q, %v; want %q", got, err, tc.want)
				}
				return
			}
			st := statusOf(t, err)
			if st.Code != http.StatusUnsupportedMediaType || st.Reason != metav1.StatusReasonUnsupportedMediaType || !strings.Contains(st.Message, tc.wantErr) {
				t.Errorf("got %d %q %q, want 415 containing %q", st.Code, st.Reason, st.Message, tc.wantErr)
			}
		})
	}
}

// AsStatus is what the REST layer writes for any error this package
// returns; the sentinel stays reachable for errors.Is.
func TestAsStatus(t *testing.T) {
	_, listOfLists := patch.StrategicMergePatch([]byte(`{}`), []byte(`{"metadata":{"finalizers":[["a"]]}}`), deploymentSchema)
	for _, tc := range []struct {
		name       string
		err        error
		wantCode   int32
		wantReason metav1.StatusReason
		wantIs     error
	}{
		{"no error", nil, http.StatusOK, "", nil},
		{"a plain error is a 500 with no reason", fmt.Errorf("boom"), http.StatusInternalServerError, metav1.StatusReasonUnknown, nil},
		{"a wrapped status error keeps its status", fmt.Errorf("patch deployment: %w", listOfLists),
			http.StatusUnprocessableEntity, metav1.StatusReasonInvalid, patch.ErrNoListOfLists},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := patch.AsStatus(tc.err)
			if st.Code != tc.wantCode || st.Reason != tc.wantReason {
				t.Errorf("got %d %q, want %d %q", st.Code, st.Reason, tc.wantCode, tc.wantReason)
			}
			if tc.wantIs != nil && !errors.Is(tc.err, tc.wantIs) {
				t.Errorf("errors.Is(%v, %v) is false", tc.err, tc.wantIs)
			}
		})
	}
}
