package endpoints

import (
	"net/http"
	"strings"
	"testing"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// Talk 003, "request validation" and issue 4's "Bad input": every refusal
// is a Status with upstream's code, reason and message, and nothing is
// half-written.
func TestStatusCodes(t *testing.T) {
	s := newTestServer(t, Options{MaxRequestBodyBytes: 64 << 10})
	s.create(deploymentsPath, deploymentJSON("web"))
	big := `{"metadata":{"name":"big","annotations":{"a":"` + strings.Repeat("x", 70<<10) + `"}}}`
	for _, tc := range []struct {
		name    string
		call    call
		code    int
		reason  metav1.StatusReason
		message string // a substring of the Status message
	}{
		{"unknown resource", call{method: "GET", path: "/api/v1/namespaces/default/widgets"}, 404, metav1.StatusReasonNotFound, "the server could not find the requested resource"},
		{"unknown group version", call{method: "GET", path: "/apis/apps/v2/namespaces/default/deployments"}, 404, metav1.StatusReasonNotFound, "the server could not find the requested resource"},
		{"cluster-scoped in a namespace", call{method: "GET", path: "/api/v1/namespaces/default/nodes"}, 404, metav1.StatusReasonNotFound, "could not find the requested resource"},
		{"namespaced object without namespace", call{method: "GET", path: "/api/v1/pods/web"}, 404, metav1.StatusReasonNotFound, "could not find the requested resource"},
		{"unknown subresource", call{method: "GET", path: deploymentsPath + "/web/logs"}, 404, metav1.StatusReasonNotFound, "could not find the requested resource"},
		{"discovery is not served here", call{method: "GET", path: "/apis/apps/v1"}, 404, metav1.StatusReasonNotFound, "could not find"},
		{"missing object", call{method: "GET", path: deploymentsPath + "/nope"}, 404, metav1.StatusReasonNotFound, `deployments.apps "nope" not found`},
		{"post to an object", call{method: "POST", path: deploymentsPath + "/web", body: deploymentJSON("web")}, 405, metav1.StatusReasonMethodNotAllowed, "does not allow this method"},
		{"create across namespaces", call{method: "POST", path: "/apis/apps/v1/deployments", body: deploymentJSON("x")}, 405, metav1.StatusReasonMethodNotAllowed, "does not allow this method"},
		{"deletecollection of namespaces", call{method: "DELETE", path: "/api/v1/namespaces"}, 405, metav1.StatusReasonMethodNotAllowed, "does not allow this method"},
		{"put to a collection", call{method: "PUT", path: deploymentsPath, body: deploymentJSON("x")}, 405, metav1.StatusReasonMethodNotAllowed, "does not allow this method"},
		{"protobuf only", call{method: "GET", path: deploymentsPath, header: []string{"Accept: application/vnd.kubernetes.protobuf"}}, 406, metav1.StatusReasonNotAcceptable,
			"only the following media types are accepted: application/json, application/yaml"},
		{"table of another group", call{method: "GET", path: deploymentsPath, header: []string{"Accept: application/json;as=Table;v=v1;g=example.com"}}, 406, metav1.StatusReasonNotAcceptable, "only the following media types"},
		{"partial metadata of a list", call{method: "GET", path: deploymentsPath, header: []string{"Accept: application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io"}}, 406, metav1.StatusReasonNotAcceptable,
			"you requested PartialObjectMetadata, but the requested object is a list"},
		{"cbor body", call{method: "POST", path: deploymentsPath, body: "\xd9\xd9\xf7", header: []string{"Content-Type: application/cbor"}}, 415, metav1.StatusReasonUnsupportedMediaType,
			"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf"},
		{"empty protobuf envelope", call{method: "POST", path: deploymentsPath, body: "\x6b\x38\x73\x00", header: []string{"Content-Type: application/vnd.kubernetes.protobuf"}}, 400, metav1.StatusReasonBadRequest,
			"the object provided is unrecognized (must be of type Deployment): protobuf: decode envelope: empty body after the magic"},
		{"unknown patch type", call{method: "PATCH", path: deploymentsPath + "/web", body: "{}", header: []string{"Content-Type: application/json"}}, 415, metav1.StatusReasonUnsupportedMediaType,
			"accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml"},
		{"body too large", call{method: "POST", path: deploymentsPath, body: big}, 413, metav1.StatusReasonRequestEntityTooLarge, "Request entity too large: limit is 65536"},
		{"malformed json", call{method: "POST", path: deploymentsPath, body: `{"apiVersion":"apps/v1",`}, 400, metav1.StatusReasonBadRequest,
			`the object provided is unrecognized (must be of type Deployment): couldn't get version/kind; json parse error: unexpected end of JSON input ({"apiVersion":"apps/v1",)`},
		{"malformed yaml", call{method: "POST", path: deploymentsPath, body: "metadata:\n  name: x\n bad: [", header: []string{"Content-Type: application/yaml"}}, 400, metav1.StatusReasonBadRequest,
			"the object provided is unrecognized (must be of type Deployment): yaml: line 2: did not find expected key"},
		{"wrong apiVersion", call{method: "POST", path: deploymentsPath, body: `{"apiVersion":"apps/v2","kind":"Deployment","metadata":{"name":"x"}}`}, 400, metav1.StatusReasonBadRequest,
			"the API version in the data (apps/v2) does not match the expected API version (apps/v1)"},
		{"wrong kind", call{method: "POST", path: deploymentsPath, body: `{"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"x"}}`}, 400, metav1.StatusReasonBadRequest,
			`ReplicaSet in version "v1" cannot be handled as a Deployment`},
		{"wrong field type", call{method: "POST", path: deploymentsPath, body: `{"metadata":{"name":"x"},"spec":{"replicas":"three"}}`}, 400, metav1.StatusReasonBadRequest,
			`Deployment in version "v1" cannot be handled as a Deployment: spec.replicas`},
		{"namespace mismatch", call{method: "POST", path: deploymentsPath, body: `{"metadata":{"name":"x","namespace":"other"}}`}, 400, metav1.StatusReasonBadRequest,
			"the namespace of the provided object does not match the namespace sent on the request"},
		{"name mismatch", call{method: "PUT", path: deploymentsPath + "/web", body: deploymentJSON("other")}, 400, metav1.StatusReasonBadRequest,
			"the name of the object (other) does not match the name on the URL (web)"},
		{"bad label selector", call{method: "GET", path: deploymentsPath + "?labelSelector=app%3D%3D%3D"}, 400, metav1.StatusReasonBadRequest, "unable to parse requirement"},
		{"bad field selector", call{method: "GET", path: deploymentsPath + "?fieldSelector=metadata.name"}, 400, metav1.StatusReasonBadRequest, "invalid selector: 'metadata.name'"},
		{"already exists", call{method: "POST", path: deploymentsPath, body: deploymentJSON("web")}, 409, metav1.StatusReasonAlreadyExists, `deployments.apps "web" already exists`},
		{"stale update", call{method: "PUT", path: deploymentsPath + "/web", body: `{"metadata":{"name":"web","resourceVersion":"0"},"spec":{"replicas":1}}`}, 409, metav1.StatusReasonConflict,
			`Operation cannot be fulfilled on deployments.apps "web": the object has been modified`},
		{"no name", call{method: "POST", path: deploymentsPath, body: `{"metadata":{}}`}, 422, metav1.StatusReasonInvalid, "name or generateName is required"},
		{"bad dryRun", call{method: "POST", path: deploymentsPath + "?dryRun=Some", body: deploymentJSON("x")}, 422, metav1.StatusReasonInvalid,
			`CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: "Some": supported values: "All"`},
		{"long fieldManager", call{method: "POST", path: deploymentsPath + "?fieldManager=" + strings.Repeat("m", 129), body: deploymentJSON("x")}, 422, metav1.StatusReasonInvalid,
			"fieldManager: Too long: must have at most 128 bytes"},
		{"bad fieldValidation", call{method: "POST", path: deploymentsPath + "?fieldValidation=Loose", body: deploymentJSON("x")}, 422, metav1.StatusReasonInvalid, "fieldValidation: Unsupported value"},
		{"resourceVersionMatch without resourceVersion", call{method: "GET", path: deploymentsPath + "?resourceVersionMatch=Exact"}, 422, metav1.StatusReasonInvalid,
			`ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided`},
		{"sendInitialEvents needs bookmarks", call{method: "GET", path: deploymentsPath + "?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan"}, 422, metav1.StatusReasonInvalid,
			"allowWatchBookmarks: Forbidden: sendInitialEvents requires setting allowWatchBookmarks to true"},
		{"bad propagationPolicy", call{method: "DELETE", path: deploymentsPath + "/web?propagationPolicy=Eventually"}, 422, metav1.StatusReasonInvalid,
			`DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "Eventually"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := s.do(tc.call)
			st := r.status(t)
			if r.code != tc.code || st.Code != int32(tc.code) || st.Reason != tc.reason || !strings.Contains(st.Message, tc.message) {
				t.Errorf("%s %s = %d %d %s %q\nwant %d %s containing %q", tc.call.method, tc.call.path, r.code, st.Code, st.Reason, st.Message, tc.code, tc.reason, tc.message)
			}
			if st.Kind != "Status" || st.APIVersion != "v1" || st.Status != metav1.StatusFailure {
				t.Errorf("status header = %q %q %q", st.Kind, st.APIVersion, st.Status)
			}
			if ct := r.header.Get("Content-Type"); ct != mediaJSON {
				t.Errorf("Content-Type = %q", ct)
			}
		})
	}
	// Nothing half-written: only web exists, unchanged.
	list := s.mustDo(call{method: "GET", path: deploymentsPath}, http.StatusOK).object(t)
	if items := list["items"].([]any); len(items) != 1 {
		t.Errorf("after the refused requests the list holds %d deployments, want 1", len(items))
	}
}

// Upstream writes the generic 404 with an empty details object.
func TestNotFoundBody(t *testing.T) {
	s := newTestServer(t, Options{})
	r := s.do(call{method: "GET", path: "/api/v1/widgets"})
	want := `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server could not find the requested resource","reason":"NotFound","details":{},"code":404}` + "\n"
	if string(r.body) != want {
		t.Errorf("body = %s\nwant %s", r.body, want)
	}
}
