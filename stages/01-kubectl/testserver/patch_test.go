package testserver_test

import (
	"strings"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/testserver"
)

// The patch types kubectl sends: merge (kubectl patch --type merge),
// strategic merge (the default), JSON patch, and server-side apply.
func TestPatch(t *testing.T) {
	for _, tc := range []struct {
		name, contentType, patch string
		wantReplicas             int64
	}{
		{"merge", "application/merge-patch+json", `{"spec":{"replicas":4}}`, 4},
		{"strategic", "application/strategic-merge-patch+json", `{"spec":{"replicas":5}}`, 5},
		{"json patch", "application/json-patch+json", `[{"op":"replace","path":"/spec/replicas","value":6}]`, 6},
		{"apply", "application/apply-patch+yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 7\n", 7},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := testserver.Start(t, testserver.WithObjects(deployment("web", 1, map[string]any{"keep": "me"})))
			code, _, body := call(t, srv, "PATCH", deployments+"/web", tc.patch, "Content-Type", tc.contentType)
			if code != 200 {
				t.Fatalf("patch: %d %s", code, body)
			}
			obj := decode(t, body)
			if r, _ := unstructured.NestedInt64(obj, "spec", "replicas"); r != tc.wantReplicas {
				t.Errorf("replicas = %d, want %d", r, tc.wantReplicas)
			}
			if unstructured.Labels(obj)["keep"] != "me" {
				t.Errorf("patch lost a label: %v", unstructured.Labels(obj))
			}
		})
	}
}

func TestPatchErrors(t *testing.T) {
	srv := testserver.Start(t, testserver.WithObjects(deployment("web", 1, nil)))
	for _, tc := range []struct {
		name, path, contentType, patch string
		code                           int
	}{
		{"missing object", deployments + "/nope", "application/merge-patch+json", `{}`, 404},
		{"unknown patch type", deployments + "/web", "text/plain", `{}`, 415},
		{"broken JSON patch", deployments + "/web", "application/json-patch+json", `[{"op":"explode"}]`, 400},
	} {
		if code, _, body := call(t, srv, "PATCH", tc.path, tc.patch, "Content-Type", tc.contentType); code != tc.code {
			t.Errorf("%s: %d %s, want %d", tc.name, code, body, tc.code)
		}
	}
	// Server-side apply creates what does not exist yet.
	apply := "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: fresh\nspec:\n  replicas: 1\n"
	if code, _, body := call(t, srv, "PATCH", deployments+"/fresh", apply, "Content-Type", "application/apply-patch+yaml"); code != 201 {
		t.Errorf("apply of a new object: %d %s, want 201", code, body)
	}
}

// kubectl scale patches the scale subresource; the Scale it reads back
// speaks autoscaling/v1 and carries the selector.
func TestScaleSubresource(t *testing.T) {
	srv := testserver.Start(t, testserver.WithObjects(deployment("web", 1, nil)))
	code, _, body := call(t, srv, "GET", deployments+"/web/scale", nil)
	scale := decode(t, body)
	if code != 200 || scale["kind"] != "Scale" || scale["apiVersion"] != "autoscaling/v1" {
		t.Fatalf("get scale: %d %s", code, body)
	}
	if sel, _ := unstructured.NestedString(scale, "status", "selector"); sel != "app=web" {
		t.Errorf("selector = %q, want app=web", sel)
	}

	code, _, body = call(t, srv, "PATCH", deployments+"/web/scale", `{"spec":{"replicas":3}}`,
		"Content-Type", "application/merge-patch+json")
	if r, _ := unstructured.NestedInt64(decode(t, body), "spec", "replicas"); code != 200 || r != 3 {
		t.Fatalf("patch scale: %d %s", code, body)
	}
	obj, _ := srv.Object("apps/v1", "Deployment", "default", "web")
	if r, _ := unstructured.NestedInt64(obj, "spec", "replicas"); r != 3 {
		t.Errorf("deployment replicas = %d after scaling, want 3", r)
	}
	if code, _, _ := call(t, srv, "PUT", deployments+"/web/scale", map[string]any{"spec": map[string]any{"replicas": -1}}); code != 422 {
		t.Errorf("negative replicas: %d, want 422", code)
	}
}

// Writes to /status change only the status.
func TestStatusSubresource(t *testing.T) {
	srv := testserver.Start(t, testserver.WithObjects(deployment("web", 1, nil)))
	code, _, body := call(t, srv, "PATCH", deployments+"/web/status",
		`{"spec":{"replicas":9},"status":{"readyReplicas":1}}`, "Content-Type", "application/merge-patch+json")
	if code != 200 {
		t.Fatalf("patch status: %d %s", code, body)
	}
	obj, _ := srv.Object("apps/v1", "Deployment", "default", "web")
	if r, _ := unstructured.NestedInt64(obj, "status", "readyReplicas"); r != 1 {
		t.Errorf("status.readyReplicas = %d, want 1", r)
	}
	if r, _ := unstructured.NestedInt64(obj, "spec", "replicas"); r != 1 {
		t.Errorf("spec.replicas = %d; a status write must not change spec", r)
	}
}

func TestPodLog(t *testing.T) {
	pod := map[string]any{"apiVersion": "v1", "kind": "Pod", "metadata": map[string]any{"name": "p"},
		"spec": map[string]any{"containers": []any{map[string]any{"name": "c", "image": "nginx"}}}}
	srv := testserver.Start(t, testserver.WithObjects(pod))
	srv.SetLog("default", "p", "hello\n")
	code, ctype, body := call(t, srv, "GET", "/api/v1/namespaces/default/pods/p/log", nil)
	if code != 200 || !strings.HasPrefix(ctype, "text/plain") || string(body) != "hello\n" {
		t.Errorf("log: %d %s %q", code, ctype, body)
	}
	if code, _, _ := call(t, srv, "POST", "/api/v1/namespaces/default/pods/p/log", "{}"); code != 405 {
		t.Errorf("POST log: %d, want 405", code)
	}
}
