package endpoints

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage/etcdtest"
)

// The real registry is what the server assembly passes to New.
var _ Registry = (*registry.Registry)(nil)

// newEtcdServer is the handler over the real registry and an embedded etcd,
// with the system namespaces created.
func newEtcdServer(t *testing.T) *testServer {
	t.Helper()
	reg, err := registry.New(etcdtest.NewStore(t), registry.Options{})
	if err != nil {
		t.Fatalf("new registry: %v", err)
	}
	if err := reg.Bootstrap(t.Context()); err != nil {
		t.Fatalf("bootstrap namespaces: %v", err)
	}
	srv := httptest.NewServer(New(reg, Options{}))
	t.Cleanup(srv.Close)
	return &testServer{t: t, srv: srv}
}

// Talk 004, steps 2–7 against etcd: kubectl saves a Deployment, a
// watcher sees it change, kubectl scales it, the scheduler binds a pod,
// and deletes answer as upstream's.
func TestWithEtcd(t *testing.T) {
	s := newEtcdServer(t)
	created := s.create(deploymentsPath, deploymentJSON("web"))
	rv := created["metadata"].(map[string]any)["resourceVersion"].(string)
	if spec := created["spec"].(map[string]any); spec["revisionHistoryLimit"] == nil {
		t.Errorf("the registry's defaults are missing from the answer: %v", spec)
	}

	st := s.watch(deploymentsPath + "?watch=1&resourceVersion=" + rv)
	s.mustDo(call{method: http.MethodPatch, path: deploymentsPath + "/web", header: []string{"Content-Type: application/strategic-merge-patch+json"},
		body: `{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"web:2.0.0"}]}}}}`}, http.StatusOK)
	if typ, obj := st.event(); typ != metav1.Modified || obj["metadata"].(map[string]any)["generation"] != 2.0 {
		t.Errorf("watch event = %s %v", typ, obj["metadata"])
	}
	s.mustDo(call{method: http.MethodPatch, path: deploymentsPath + "/web/scale", header: []string{"Content-Type: application/merge-patch+json"},
		body: `{"spec":{"replicas":5}}`}, http.StatusOK)
	if typ, obj := st.event(); typ != metav1.Modified || obj["spec"].(map[string]any)["replicas"] != 5.0 {
		t.Errorf("watch event after scale = %s %v", typ, obj["spec"])
	}

	table, _ := s.getTable(deploymentsPath)
	if len(table.Rows) != 1 || table.Rows[0].Cells[0] != "web" || table.ResourceVersion == "" {
		t.Errorf("table = %+v", table)
	}

	stale := strings.Replace(deploymentJSON("web"), `"name":"web",`, `"name":"web","resourceVersion":"`+rv+`",`, 1)
	if r := s.do(call{method: http.MethodPut, path: deploymentsPath + "/web", body: stale}); r.code != http.StatusConflict {
		t.Errorf("stale PUT = %d %s", r.code, r.body)
	}
	if r := s.do(call{method: http.MethodPost, path: "/api/v1/namespaces/nowhere/configmaps", body: `{"metadata":{"name":"c"}}`}); r.code != http.StatusNotFound {
		t.Errorf("create in a missing namespace = %d %s", r.code, r.body)
	}

	s.create(podsPath, podJSON("pod-1", ""))
	binding := `{"metadata":{"name":"pod-1"},"target":{"kind":"Node","name":"node-1"}}`
	s.mustDo(call{method: http.MethodPost, path: podsPath + "/pod-1/binding", body: binding}, http.StatusCreated)
	if r := s.do(call{method: http.MethodPost, path: podsPath + "/pod-1/binding", body: binding}); r.code != http.StatusConflict {
		t.Errorf("second binding = %d %s", r.code, r.body)
	}

	del := s.mustDo(call{method: http.MethodDelete, path: deploymentsPath + "/web"}, http.StatusOK).object(t)
	if del["kind"] != "Status" || del["status"] != metav1.StatusSuccess {
		t.Errorf("delete of a deployment = %v", del)
	}
	if typ, _ := st.event(); typ != metav1.Deleted {
		t.Errorf("watch event after delete = %s", typ)
	}
	pod := s.mustDo(call{method: http.MethodDelete, path: podsPath + "/pod-1"}, http.StatusOK).object(t)
	if pod["kind"] != "Pod" || pod["metadata"].(map[string]any)["deletionTimestamp"] == nil {
		t.Errorf("graceful delete of a bound pod = %v", pod)
	}
}

// A refused patch keeps the status the patch package gives it through the
// real registry, which passes an *apierrors.StatusError from its update
// function unchanged: talk 004, step 6, as `kubectl patch` sees it.
func TestPatchErrorsWithEtcd(t *testing.T) {
	s := newEtcdServer(t)
	s.create(deploymentsPath, deploymentJSON("web"))
	for _, tc := range []struct {
		name, contentType, body string
		code                    int
		reason                  metav1.StatusReason
		message                 string
	}{
		{"failed test operation", "application/json-patch+json", `[{"op":"test","path":"/spec/replicas","value":9}]`,
			http.StatusUnprocessableEntity, metav1.StatusReasonInvalid, "the server rejected our request due to an error in our request"},
		{"not a json patch", "application/json-patch+json", `{"op":"replace"}`,
			http.StatusBadRequest, metav1.StatusReasonBadRequest, "a json patch is a list of operations"},
		{"a container without its merge key", "application/strategic-merge-patch+json", `{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}`,
			http.StatusInternalServerError, metav1.StatusReasonUnknown, ".spec.template.spec.containers: map: map[image:x] does not contain declared merge key: name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := s.do(call{method: http.MethodPatch, path: deploymentsPath + "/web", body: tc.body, header: []string{"Content-Type: " + tc.contentType}})
			if st := r.status(t); r.code != tc.code || st.Reason != tc.reason || !strings.HasPrefix(st.Message, tc.message) {
				t.Errorf("= %d %q %q, want %d %q starting with %q", r.code, st.Reason, st.Message, tc.code, tc.reason, tc.message)
			}
		})
	}
}
