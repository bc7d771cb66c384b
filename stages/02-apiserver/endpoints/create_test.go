package endpoints

import (
	"net/http"
	"strings"
	"testing"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// Talk 004, step 2 ("save objects"): `kubectl apply -f deployment.yaml`
// ends in a POST; the answer is 201 with the stored object.
func TestCreate(t *testing.T) {
	s := newTestServer(t, Options{})
	r := s.mustDo(call{method: http.MethodPost, path: deploymentsPath + "?fieldManager=kubectl-client-side-apply", body: deploymentJSON("web")}, http.StatusCreated)
	d := s.getDeployment("web")
	if d.UID == "" || d.ResourceVersion == "" || d.Namespace != "default" {
		t.Errorf("stored metadata = %+v", d.ObjectMeta)
	}
	if !hasManager(d.ManagedFields, "kubectl-client-side-apply", metav1.ManagedFieldsOperationUpdate) {
		t.Errorf("managedFields = %+v, want an Update entry for the fieldManager", d.ManagedFields)
	}
	if obj := r.object(t); obj["kind"] != "Deployment" || obj["apiVersion"] != "apps/v1" {
		t.Errorf("answer = %s", r.body)
	}
}

// dryRun=All runs everything but the write: 201, and nothing stored.
func TestCreateDryRun(t *testing.T) {
	s := newTestServer(t, Options{})
	s.mustDo(call{method: http.MethodPost, path: deploymentsPath + "?dryRun=All", body: deploymentJSON("web")}, http.StatusCreated)
	if code := s.do(call{method: "GET", path: deploymentsPath + "/web"}).code; code != http.StatusNotFound {
		t.Errorf("GET after a dry-run create = %d, want 404", code)
	}
}

func TestCreateGenerateName(t *testing.T) {
	s := newTestServer(t, Options{})
	obj := s.create(podsPath, `{"metadata":{"generateName":"web-"},"spec":{"containers":[{"name":"c","image":"nginx"}]}}`)
	if name := nameOf(obj); !strings.HasPrefix(name, "web-") || len(name) <= len("web-") {
		t.Errorf("generated name = %q", name)
	}
}

// A cluster-scoped object's namespace is cleared, as upstream does.
func TestCreateClusterScoped(t *testing.T) {
	s := newTestServer(t, Options{})
	obj := s.create("/api/v1/namespaces", `{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team","namespace":"default"}}`)
	if ns := obj["metadata"].(map[string]any)["namespace"]; ns != nil {
		t.Errorf("namespace of a Namespace = %v", ns)
	}
	s.mustDo(call{method: "GET", path: "/api/v1/namespaces/team"}, http.StatusOK)
}

// Talk 004, step 6 ("update objects"): PUT replaces the object, with its
// resourceVersion as the compare-and-swap guard; PUT of /status changes
// only the status.
func TestUpdate(t *testing.T) {
	s := newTestServer(t, Options{})
	s.create(deploymentsPath, deploymentJSON("web"))
	d := s.getDeployment("web")
	body := strings.Replace(deploymentJSON("web"), `"replicas":3`, `"replicas":4`, 1)
	body = strings.Replace(body, `"name":"web",`, `"name":"web","resourceVersion":"`+d.ResourceVersion+`",`, 1)
	r := s.mustDo(call{method: http.MethodPut, path: deploymentsPath + "/web", body: body}, http.StatusOK)
	if obj := r.object(t); obj["spec"].(map[string]any)["replicas"] != 4.0 {
		t.Errorf("answer = %s", r.body)
	}
	// The same body again is stale now.
	if code := s.do(call{method: http.MethodPut, path: deploymentsPath + "/web", body: body}).code; code != http.StatusConflict {
		t.Errorf("stale PUT = %d, want 409", code)
	}
	status := strings.Replace(deploymentJSON("web"), `"replicas":3`, `"replicas":1`, 1)
	status = strings.TrimSuffix(status, "}") + `,"status":{"replicas":2}}`
	s.mustDo(call{method: http.MethodPut, path: deploymentsPath + "/web/status", body: status}, http.StatusOK)
	d = s.getDeployment("web")
	if *d.Spec.Replicas != 4 || d.Status.Replicas != 2 {
		t.Errorf("after the status PUT: spec.replicas %d, status.replicas %d", *d.Spec.Replicas, d.Status.Replicas)
	}
}

// A PUT creates a missing object only where upstream allows it.
func TestUpdateCreates(t *testing.T) {
	s := newTestServer(t, Options{})
	r := s.do(call{method: http.MethodPut, path: "/api/v1/namespaces/default/services/web", body: `{"metadata":{"name":"web"}}`})
	if r.code != http.StatusCreated {
		t.Errorf("PUT of a missing service = %d %s, want 201", r.code, r.body)
	}
	r = s.do(call{method: http.MethodPut, path: "/api/v1/namespaces/default/configmaps/web", body: `{"metadata":{"name":"web"}}`})
	if r.code != http.StatusNotFound {
		t.Errorf("PUT of a missing configmap = %d %s, want 404", r.code, r.body)
	}
}
