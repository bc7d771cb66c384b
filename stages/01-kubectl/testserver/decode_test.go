package testserver_test

import (
	"strings"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/testserver"
)

// withField returns a copy of deployment("web", 1, nil) with value set at
// path.
func withField(value any, path ...string) map[string]any {
	d := deployment("web", 1, nil)
	unstructured.SetNestedField(d, value, path...)
	return d
}

// A body the resource's Go type cannot hold is refused with the API
// server's 400 and wording, and nothing is stored (a stored "three" would
// break every later reader, describe among them).
func TestBodyMustFitGoType(t *testing.T) {
	pod := func(cpu string) map[string]any {
		return map[string]any{"apiVersion": "v1", "kind": "Pod", "metadata": map[string]any{"name": "p"},
			"spec": map[string]any{"containers": []any{map[string]any{"name": "c", "image": "nginx",
				"resources": map[string]any{"limits": map[string]any{"cpu": cpu}}}}}}
	}
	for _, tc := range []struct {
		name, path string
		body       any
		message    string
	}{
		{"string replicas", deployments, withField("three", "spec", "replicas"),
			`Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`},
		{"replicas past int32", deployments, withField(int64(99999999999), "spec", "replicas"),
			`json: cannot unmarshal number 99999999999 into Go struct field DeploymentSpec.spec.replicas of type int32`},
		{"malformed quantity", "/api/v1/namespaces/default/pods", pod("abc"),
			`Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := testserver.Start(t)
			code, _, body := call(t, srv, "POST", tc.path, tc.body)
			if code != 400 || !strings.Contains(string(body), `"reason":"BadRequest"`) || !strings.Contains(string(body), tc.message) {
				t.Errorf("POST: %d %s\nwant 400 BadRequest containing %s", code, body, tc.message)
			}
			if n := len(srv.Objects()); n != 4 { // the four namespaces
				t.Errorf("%d objects stored, want only the namespaces", n)
			}
		})
	}
	// An update and a patch are held to the same rule.
	srv := testserver.Start(t, testserver.WithObjects(deployment("web", 1, nil)))
	if code, _, body := call(t, srv, "PUT", deployments+"/web", withField("three", "spec", "replicas")); code != 400 {
		t.Errorf("PUT with replicas \"three\": %d %s, want 400", code, body)
	}
	if code, _, body := call(t, srv, "PATCH", deployments+"/web", `{"spec":{"replicas":"three"}}`,
		"Content-Type", "application/merge-patch+json"); code != 400 {
		t.Errorf("PATCH to replicas \"three\": %d %s, want 400", code, body)
	}
}

// Fields the v1.37 schema does not have are handled as ?fieldValidation
// says; the project's Go types, smaller than upstream's, do not decide.
// Talk 000, "Client side validation": upstream kubectl leaves this check to
// the server once the server's OpenAPI offers fieldValidation.
func TestFieldValidation(t *testing.T) {
	misplaced := withField(map[string]any{"volumes": []any{}}, "spec", "spec")
	// Known upstream, absent from the project's PodSpec.
	unstructured.SetNestedField(misplaced, "gvisor", "spec", "template", "spec", "runtimeClassName")
	for _, tc := range []struct {
		name, query string
		code        int
		warnings    []string
		message     string
	}{
		{"strict refuses", "?fieldValidation=Strict", 400, nil,
			`Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.spec\"`},
		{"warn by default", "", 201, []string{`299 - "unknown field \"spec.spec\""`}, ""},
		{"warn", "?fieldValidation=Warn", 201, []string{`299 - "unknown field \"spec.spec\""`}, ""},
		{"ignore", "?fieldValidation=Ignore", 201, nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := testserver.Start(t)
			resp, body := callResponse(t, srv, "POST", deployments+tc.query, misplaced)
			if resp.StatusCode != tc.code || !strings.Contains(string(body), tc.message) {
				t.Fatalf("POST: %d %s\nwant %d containing %s", resp.StatusCode, body, tc.code, tc.message)
			}
			if got := resp.Header.Values("Warning"); strings.Join(got, "|") != strings.Join(tc.warnings, "|") {
				t.Errorf("Warning headers = %q, want %q", got, tc.warnings)
			}
			if tc.code != 201 {
				return
			}
			stored, _ := srv.Object("apps/v1", "Deployment", "default", "web")
			if _, has := unstructured.NestedField(stored, "spec", "spec"); has {
				t.Error("the unknown field was stored")
			}
			if rc, _ := unstructured.NestedString(stored, "spec", "template", "spec", "runtimeClassName"); rc != "gvisor" {
				t.Error("a field upstream knows was dropped")
			}
		})
	}
}

// Only JSON and YAML bodies are read; anything else (the protobuf some
// clients prefer) gets a Status naming what is accepted.
func TestUnsupportedMediaType(t *testing.T) {
	srv := testserver.Start(t)
	code, ctype, body := call(t, srv, "POST", deployments, "k8s\x00\x0a", "Content-Type", "application/vnd.kubernetes.protobuf")
	status := decode(t, body)
	if code != 415 || ctype != "application/json" || status["kind"] != "Status" || status["reason"] != "UnsupportedMediaType" ||
		!strings.HasSuffix(status["message"].(string), "accepted media types include: application/json, application/yaml") {
		t.Errorf("protobuf body: %d %s %s", code, ctype, body)
	}
}
