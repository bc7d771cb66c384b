package admissionv1

import (
	"testing"

	"github.com/kubeworkbook/kubeworkbook/shared/api/internal/apitest"
)

// A request for a scale subresource decodes with no unknown field, keeps
// its objects as raw JSON and encodes back to the same document.
func TestRequestRoundTrip(t *testing.T) {
	var review AdmissionReview
	apitest.RoundTrip(t, "request.json", &review)
	req := review.Request
	if req.SubResource != "scale" || req.Operation != Update || req.Kind.Kind != "Scale" {
		t.Errorf("request = %+v, want an UPDATE of deployments/scale", req)
	}
	apitest.SameJSON(t, []byte(`{"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"web","namespace":"default"},"spec":{"replicas":3}}`), req.Object)
}

// A mutating answer carries its JSONPatch base64-encoded in JSON and
// decoded in Go.
func TestResponseRoundTrip(t *testing.T) {
	var review AdmissionReview
	apitest.RoundTrip(t, "response.json", &review)
	resp := review.Response
	if want := `[{"op":"add","path":"/metadata/labels/team","value":"web"}]`; string(resp.Patch) != want {
		t.Errorf("patch = %s, want %s", resp.Patch, want)
	}
	if resp.PatchType == nil || *resp.PatchType != PatchTypeJSONPatch {
		t.Errorf("patchType = %v, want JSONPatch", resp.PatchType)
	}
}

// A rejection carries a Status under the JSON name "status".
func TestDeniedRoundTrip(t *testing.T) {
	var review AdmissionReview
	apitest.RoundTrip(t, "denied.json", &review)
	if r := review.Response.Result; r == nil || r.Code != 403 {
		t.Fatalf("status = %+v, want code 403", r)
	}
}

// allowed is always written, even when false; an empty request has its
// required fields and nothing else.
func TestZeroValueShape(t *testing.T) {
	apitest.MarshalsTo(t, AdmissionResponse{}, `{"uid":"","allowed":false}`)
	apitest.MarshalsTo(t, AdmissionRequest{},
		`{"uid":"","kind":{"group":"","version":"","kind":""},"resource":{"group":"","version":"","resource":""},"operation":"","userInfo":{}}`)
}
