package endpoints

import (
	"net/http"
	"strings"
	"testing"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// getDeployment reads web back as its Go type.
func (s *testServer) getDeployment(name string) *appsv1.Deployment {
	s.t.Helper()
	d := &appsv1.Deployment{}
	r := s.mustDo(call{method: "GET", path: deploymentsPath + "/" + name}, http.StatusOK)
	if err := decodeInto(r.body, d); err != nil {
		s.t.Fatal(err)
	}
	return d
}

// The four PATCH shapes on talk 004's Deployment, as kubectl sends them:
// `kubectl patch --type=json|merge|strategic` and `kubectl apply
// --server-side`. Strategic merge keeps the other containers: lists merge
// by the containers' names.
func TestPatchTypes(t *testing.T) {
	for _, tc := range []struct {
		name, contentType, query, body string
		check                          func(t *testing.T, d *appsv1.Deployment)
	}{
		{"json patch", "application/json-patch+json", "", `[{"op":"replace","path":"/spec/replicas","value":5}]`,
			func(t *testing.T, d *appsv1.Deployment) {
				if *d.Spec.Replicas != 5 {
					t.Errorf("replicas = %d", *d.Spec.Replicas)
				}
			}},
		{"merge patch replaces lists", "application/merge-patch+json", "",
			`{"metadata":{"labels":{"tier":"front"}},"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox"}]}}}}`,
			func(t *testing.T, d *appsv1.Deployment) {
				cs := d.Spec.Template.Spec.Containers
				if d.Labels["tier"] != "front" || d.Labels["app"] != "web" || len(cs) != 1 || cs[0].Name != "sidecar" {
					t.Errorf("labels %v, containers %+v", d.Labels, cs)
				}
			}},
		{"strategic merge patch merges containers by name", "application/strategic-merge-patch+json", "",
			`{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"web:2.0.0"},{"name":"sidecar","image":"busybox"}]}}}}`,
			func(t *testing.T, d *appsv1.Deployment) {
				cs := d.Spec.Template.Spec.Containers
				if len(cs) != 2 || cs[0].Name != "web" || cs[0].Image != "web:2.0.0" || len(cs[0].Ports) != 1 || cs[1].Name != "sidecar" {
					t.Errorf("containers = %+v", cs)
				}
			}},
		// The create's manager owns replicas: taking it over needs force.
		{"server-side apply", "application/apply-patch+yaml", "?fieldManager=kubectl&force=true",
			"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 7\n",
			func(t *testing.T, d *appsv1.Deployment) {
				if *d.Spec.Replicas != 7 || len(d.Spec.Template.Spec.Containers) != 1 {
					t.Errorf("spec = %+v", d.Spec)
				}
				if !hasManager(d.ManagedFields, "kubectl", metav1.ManagedFieldsOperationApply) {
					t.Errorf("managedFields = %+v, want an Apply entry for kubectl", d.ManagedFields)
				}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestServer(t, Options{})
			s.create(deploymentsPath, deploymentJSON("web"))
			r := s.mustDo(call{method: http.MethodPatch, path: deploymentsPath + "/web" + tc.query, body: tc.body,
				header: []string{"Content-Type: " + tc.contentType}}, http.StatusOK)
			if obj := r.object(t); obj["kind"] != "Deployment" {
				t.Errorf("response = %s", r.body)
			}
			tc.check(t, s.getDeployment("web"))
		})
	}
}

func hasManager(entries []metav1.ManagedFieldsEntry, manager string, op metav1.ManagedFieldsOperationType) bool {
	for _, e := range entries {
		if e.Manager == manager && e.Operation == op {
			return true
		}
	}
	return false
}

// Server-side apply creates a missing object (201), then conflicts with
// another manager's field unless forced.
func TestApplyCreateAndConflict(t *testing.T) {
	s := newTestServer(t, Options{})
	apply := func(manager, replicas, extra string) response {
		return s.do(call{method: http.MethodPatch, path: deploymentsPath + "/web?fieldManager=" + manager + extra,
			header: []string{"Content-Type: application/apply-patch+yaml"},
			body: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: " + replicas + "\n" +
				"  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: web:1.0.0\n"})
	}
	if r := apply("alice", "2", ""); r.code != http.StatusCreated {
		t.Fatalf("first apply = %d %s", r.code, r.body)
	}
	r := apply("bob", "3", "")
	if st := r.status(t); r.code != http.StatusConflict || st.Reason != metav1.StatusReasonConflict || !strings.Contains(st.Message, "alice") {
		t.Errorf("conflicting apply = %d %s", r.code, r.body)
	}
	if r := apply("bob", "3", "&force=true"); r.code != http.StatusOK {
		t.Errorf("forced apply = %d %s", r.code, r.body)
	}
	if d := s.getDeployment("web"); *d.Spec.Replicas != 3 {
		t.Errorf("replicas = %d after the forced apply", *d.Spec.Replicas)
	}
}

func TestPatchErrors(t *testing.T) {
	s := newTestServer(t, Options{})
	s.create(deploymentsPath, deploymentJSON("web"))
	for _, tc := range []struct {
		name, path, contentType, body string
		code                          int
		message                       string
	}{
		{"apply needs a field manager", deploymentsPath + "/web", "application/apply-patch+yaml", "apiVersion: apps/v1\nkind: Deployment\n", 422,
			`PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch`},
		{"force is for apply only", deploymentsPath + "/web?force=true", "application/merge-patch+json", "{}", 422,
			"force: Forbidden: may not be specified for non-apply patch"},
		{"failed test operation", deploymentsPath + "/web", "application/json-patch+json", `[{"op":"test","path":"/spec/replicas","value":9}]`, 422,
			"the server rejected our request due to an error in our request"},
		{"not a json patch", deploymentsPath + "/web", "application/json-patch+json", `{"op":"replace"}`, 400, "a json patch is a list of operations"},
		{"missing object", deploymentsPath + "/nope", "application/merge-patch+json", `{"spec":{"replicas":1}}`, 404, `deployments.apps "nope" not found`},
		{"renaming", deploymentsPath + "/web", "application/merge-patch+json", `{"metadata":{"name":"other"}}`, 400,
			"the name of the object (other) does not match the name on the URL (web)"},
		{"strict unknown field", deploymentsPath + "/web?fieldValidation=Strict", "application/merge-patch+json", `{"spec":{"replica":1}}`, 400,
			`strict decoding error: unknown field "spec.replica"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := s.do(call{method: http.MethodPatch, path: tc.path, body: tc.body, header: []string{"Content-Type: " + tc.contentType}})
			if st := r.status(t); r.code != tc.code || !strings.Contains(st.Message, tc.message) {
				t.Errorf("= %d %q, want %d containing %q", r.code, st.Message, tc.code, tc.message)
			}
		})
	}
	if d := s.getDeployment("web"); *d.Spec.Replicas != 3 || d.Generation != 1 {
		t.Errorf("a refused patch changed the deployment: replicas %d generation %d", *d.Spec.Replicas, d.Generation)
	}
}

// PATCH of /status writes only the status (talk 004, step 6: a controller
// reports what it sees), and a dry run writes nothing.
func TestPatchStatusAndDryRun(t *testing.T) {
	s := newTestServer(t, Options{})
	s.create(deploymentsPath, deploymentJSON("web"))
	merge := []string{"Content-Type: application/merge-patch+json"}
	s.mustDo(call{method: http.MethodPatch, path: deploymentsPath + "/web/status", body: `{"spec":{"replicas":9},"status":{"replicas":3}}`, header: merge}, http.StatusOK)
	d := s.getDeployment("web")
	if d.Status.Replicas != 3 || *d.Spec.Replicas != 3 {
		t.Errorf("after the status patch: status.replicas %d spec.replicas %d", d.Status.Replicas, *d.Spec.Replicas)
	}
	r := s.mustDo(call{method: http.MethodPatch, path: deploymentsPath + "/web?dryRun=All", body: `{"spec":{"replicas":1}}`, header: merge}, http.StatusOK)
	if obj := r.object(t); obj["spec"].(map[string]any)["replicas"] != 1.0 {
		t.Errorf("dry-run answer = %s", r.body)
	}
	if d := s.getDeployment("web"); *d.Spec.Replicas != 3 {
		t.Errorf("a dry run stored replicas %d", *d.Spec.Replicas)
	}
}
