package testserver_test

import (
	"strings"
	"testing"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/testserver"
)

const deployments = "/apis/apps/v1/namespaces/default/deployments"

// Talk 004, step 2 ("save objects"): create answers 201 with what the
// server owns filled in - uid, resourceVersion, creationTimestamp,
// generation - and the object can be read back.
func TestCreateAndGet(t *testing.T) {
	srv := testserver.Start(t)
	code, _, body := call(t, srv, "POST", deployments, deployment("web", 3, nil))
	if code != 201 {
		t.Fatalf("create: %d %s", code, body)
	}
	created := decode(t, body)
	for _, f := range []string{"uid", "resourceVersion", "creationTimestamp"} {
		if s, _ := unstructured.NestedString(created, "metadata", f); s == "" {
			t.Errorf("created object lacks metadata.%s", f)
		}
	}
	if gen, _ := unstructured.NestedInt64(created, "metadata", "generation"); gen != 1 {
		t.Errorf("generation = %d, want 1", gen)
	}
	if ns := unstructured.Namespace(created); ns != "default" {
		t.Errorf("namespace = %q, want the one in the path", ns)
	}

	code, _, body = call(t, srv, "GET", deployments+"/web", nil)
	if code != 200 || decode(t, body)["kind"] != "Deployment" {
		t.Fatalf("get: %d %s", code, body)
	}
	if obj, ok := srv.Object("apps/v1", "Deployment", "default", "web"); !ok || unstructured.Name(obj) != "web" {
		t.Errorf("Object() = %v, %v", obj, ok)
	}
}

// Status errors carry upstream's code, reason and message, which kubectl
// prints after "Error from server (Reason): ".
func TestStatusErrors(t *testing.T) {
	srv := testserver.Start(t, testserver.WithObjects(deployment("web", 1, nil)))
	for _, tc := range []struct {
		name, method, path string
		body               any
		code               int
		reason, message    string
	}{
		{"not found", "GET", deployments + "/nope", nil, 404, "NotFound", `deployments.apps \"nope\" not found`},
		{"already exists", "POST", deployments, deployment("web", 1, nil), 409, "AlreadyExists", `deployments.apps \"web\" already exists`},
		{"missing namespace", "POST", "/apis/apps/v1/namespaces/nowhere/deployments", deployment("x", 1, nil), 404, "NotFound", `namespaces \"nowhere\" not found`},
		{"invalid name", "POST", deployments, deployment("Bad_Name", 1, nil), 422, "Invalid", `Deployment.apps \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\"`},
		{"missing name", "POST", "/api/v1/namespaces/default/configmaps", map[string]any{"apiVersion": "v1", "kind": "ConfigMap"}, 422, "Invalid",
			`ConfigMap \"\" is invalid: metadata.name: Required value: name or generateName is required`},
		{"wrong kind", "POST", deployments, map[string]any{"apiVersion": "v1", "kind": "Pod", "metadata": map[string]any{"name": "p"}}, 400, "BadRequest", "does not match the expected API version"},
		{"unknown path", "GET", "/apis/apps/v1/namespaces/default/gizmos", nil, 404, "NotFound", "the server could not find the requested resource"},
		{"verb not allowed", "DELETE", "/api/v1/namespaces", nil, 405, "MethodNotAllowed", "the server does not allow this method"},
		{"stale resourceVersion", "PUT", deployments + "/web", func() map[string]any {
			d := deployment("web", 2, nil)
			unstructured.SetNestedField(d, "1", "metadata", "resourceVersion")
			return d
		}(), 409, "Conflict", `Operation cannot be fulfilled on deployments.apps \"web\": the object has been modified`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, body := call(t, srv, tc.method, tc.path, tc.body)
			s := string(body)
			if code != tc.code || !strings.Contains(s, `"kind":"Status"`) || !strings.Contains(s, `"reason":"`+tc.reason+`"`) ||
				!strings.Contains(s, tc.message) {
				t.Errorf("%s %s: %d %s\nwant %d %s containing %s", tc.method, tc.path, code, s, tc.code, tc.reason, tc.message)
			}
		})
	}
}

// Lists filter by label and field selectors, page with limit and
// continue, and drop their items' apiVersion and kind as the API server
// does.
func TestList(t *testing.T) {
	srv := testserver.Start(t, testserver.WithObjects(
		deployment("a", 1, map[string]any{"tier": "web"}),
		deployment("b", 1, map[string]any{"tier": "db"}),
		deployment("c", 1, map[string]any{"tier": "web"}),
	))
	names := func(body []byte) string {
		var out []string
		items, _ := decode(t, body)["items"].([]any)
		for _, it := range items {
			m := it.(map[string]any)
			if _, has := m["kind"]; has {
				t.Errorf("list item carries kind: %v", m)
			}
			out = append(out, unstructured.Name(m))
		}
		return strings.Join(out, ",")
	}
	for _, tc := range []struct{ query, want string }{
		{"", "a,b,c"},
		{"?labelSelector=tier%3Dweb", "a,c"},
		{"?labelSelector=tier+in+(db)", "b"},
		{"?fieldSelector=metadata.name%3Db", "b"},
		{"?fieldSelector=metadata.name!%3Db", "a,c"},
		{"?limit=2", "a,b"},
	} {
		_, _, body := call(t, srv, "GET", deployments+tc.query, nil)
		if got := names(body); got != tc.want {
			t.Errorf("list%s = %s, want %s", tc.query, got, tc.want)
		}
	}
	_, _, body := call(t, srv, "GET", deployments+"?limit=2", nil)
	cont, _ := unstructured.NestedString(decode(t, body), "metadata", "continue")
	_, _, body = call(t, srv, "GET", deployments+"?limit=2&continue="+cont, nil)
	if got := names(body); got != "c" {
		t.Errorf("second page = %s, want c", got)
	}
	if _, _, body := call(t, srv, "GET", "/apis/apps/v1/deployments", nil); names(body) != "a,b,c" {
		t.Errorf("list across namespaces = %s", names(body))
	}
}

// Talk 002, "kubectl get": with the Table Accept header the server sends
// the scheme's columns - for deployments NAME READY UP-TO-DATE AVAILABLE
// AGE and the wide ones - and rows embedding the object's metadata.
func TestListAsTable(t *testing.T) {
	srv := testserver.Start(t, testserver.WithObjects(deployment("web", 3, nil)))
	code, ctype, body := call(t, srv, "GET", deployments, nil,
		"Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json")
	if code != 200 || ctype != "application/json;as=Table;v=v1;g=meta.k8s.io" {
		t.Fatalf("table: %d %s", code, ctype)
	}
	table := decode(t, body)
	var cols []string
	for _, c := range table["columnDefinitions"].([]any) {
		cols = append(cols, c.(map[string]any)["name"].(string))
	}
	if got := strings.Join(cols[:5], ","); got != "Name,Ready,Up-to-date,Available,Age" {
		t.Errorf("columns = %v", cols)
	}
	rows := table["rows"].([]any)
	row := rows[0].(map[string]any)
	if cells := row["cells"].([]any); cells[0] != "web" {
		t.Errorf("cells = %v", cells)
	}
	if obj := row["object"].(map[string]any); obj["kind"] != "PartialObjectMetadata" {
		t.Errorf("row object = %v, want PartialObjectMetadata", obj)
	}
	if rv, _ := unstructured.NestedString(table, "metadata", "resourceVersion"); rv == "" {
		t.Error("table lacks metadata.resourceVersion")
	}
}

// Talk 002, "kubectl get": "kubectl get deploy web" asks for one object as
// a Table too, and gets one row with every column; kubectl keeps the -o
// wide ones (priority 1) for -o wide.
func TestGetAsTable(t *testing.T) {
	srv := testserver.Start(t, testserver.WithObjects(deployment("web", 3, nil)))
	for _, tc := range []struct {
		name, path string
		wantCols   string
		wantCell   any
	}{
		{"deployment", deployments + "/web", "Name,Ready,Up-to-date,Available,Age,Containers,Images,Selector", "web"},
		{"namespace", "/api/v1/namespaces/default", "Name,Status,Age", "default"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, ctype, body := call(t, srv, "GET", tc.path, nil, "Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json")
			if code != 200 || ctype != "application/json;as=Table;v=v1;g=meta.k8s.io" {
				t.Fatalf("GET: %d %s %s", code, ctype, body)
			}
			table := decode(t, body)
			var cols []string
			for _, c := range table["columnDefinitions"].([]any) {
				cols = append(cols, c.(map[string]any)["name"].(string))
			}
			rows, _ := table["rows"].([]any)
			if got := strings.Join(cols, ","); got != tc.wantCols || len(rows) != 1 {
				t.Fatalf("columns %s, %d rows; want %s and one row", got, len(rows), tc.wantCols)
			}
			if cells := rows[0].(map[string]any)["cells"].([]any); cells[0] != tc.wantCell {
				t.Errorf("cells = %v", cells)
			}
			if rv, _ := unstructured.NestedString(table, "metadata", "resourceVersion"); rv == "" {
				t.Error("table lacks the object's resourceVersion")
			}
		})
	}
	if code, _, body := call(t, srv, "GET", deployments+"/nope", nil, "Accept", "application/json;as=Table;v=v1;g=meta.k8s.io"); code != 404 {
		t.Errorf("table of a missing object: %d %s, want 404", code, body)
	}
}

// dryRun=All runs the request without storing anything.
func TestDryRun(t *testing.T) {
	srv := testserver.Start(t)
	code, _, body := call(t, srv, "POST", deployments+"?dryRun=All", deployment("web", 1, nil))
	if code != 201 || unstructured.Name(decode(t, body)) != "web" {
		t.Fatalf("dry-run create: %d %s", code, body)
	}
	if _, ok := srv.Object("apps/v1", "Deployment", "default", "web"); ok {
		t.Error("dry-run create stored the object")
	}
	srv.Create(deployment("web", 1, nil))
	call(t, srv, "DELETE", deployments+"/web?dryRun=All", nil)
	if _, ok := srv.Object("apps/v1", "Deployment", "default", "web"); !ok {
		t.Error("dry-run delete removed the object")
	}
}

// Update bumps resourceVersion, and generation when spec changed; delete
// returns the object; deleting a namespace deletes what is in it.
func TestUpdateAndDelete(t *testing.T) {
	srv := testserver.Start(t)
	created, err := srv.Create(deployment("web", 1, nil))
	if err != nil {
		t.Fatal(err)
	}
	changed := deployment("web", 5, nil)
	code, _, body := call(t, srv, "PUT", deployments+"/web", changed)
	if code != 200 {
		t.Fatalf("update: %d %s", code, body)
	}
	updated := decode(t, body)
	if gen, _ := unstructured.NestedInt64(updated, "metadata", "generation"); gen != 2 {
		t.Errorf("generation after a spec change = %d, want 2", gen)
	}
	oldRV, _ := unstructured.NestedString(created, "metadata", "resourceVersion")
	if rv, _ := unstructured.NestedString(updated, "metadata", "resourceVersion"); rv == oldRV {
		t.Error("resourceVersion unchanged by update")
	}

	code, _, body = call(t, srv, "DELETE", deployments+"/web", nil)
	if code != 200 || unstructured.Name(decode(t, body)) != "web" {
		t.Fatalf("delete: %d %s", code, body)
	}

	call(t, srv, "POST", "/api/v1/namespaces", map[string]any{"apiVersion": "v1", "kind": "Namespace", "metadata": map[string]any{"name": "team"}})
	call(t, srv, "POST", "/apis/apps/v1/namespaces/team/deployments", deployment("api", 1, nil))
	call(t, srv, "DELETE", "/api/v1/namespaces/team", nil)
	if _, ok := srv.Object("apps/v1", "Deployment", "team", "api"); ok {
		t.Error("deployment survived the deletion of its namespace")
	}
}

func TestGenerateName(t *testing.T) {
	srv := testserver.Start(t)
	cm := map[string]any{"apiVersion": "v1", "kind": "ConfigMap", "metadata": map[string]any{"generateName": "cfg-"}}
	_, _, body := call(t, srv, "POST", "/api/v1/namespaces/default/configmaps", cm)
	if name := unstructured.Name(decode(t, body)); !strings.HasPrefix(name, "cfg-") || len(name) != len("cfg-")+5 {
		t.Errorf("generated name = %q, want cfg- and five characters", name)
	}
}

// Create takes typed objects too, whose apiVersion and kind may be empty.
func TestCreateTyped(t *testing.T) {
	srv := testserver.Start(t)
	stored, err := srv.Create(&appsv1.Deployment{ObjectMeta: metav1.ObjectMeta{Name: "typed"}})
	if err != nil {
		t.Fatal(err)
	}
	if stored["kind"] != "Deployment" || unstructured.Namespace(stored) != "default" {
		t.Errorf("stored %v, want a Deployment in default", stored)
	}
	if _, err := srv.Create(map[string]any{"apiVersion": "example.com/v1", "kind": "Nope"}); err == nil {
		t.Error("Create of an unknown kind succeeded")
	}
	var names []string
	for _, obj := range srv.Objects() {
		names = append(names, unstructured.Kind(obj)+"/"+unstructured.Name(obj))
	}
	if got := strings.Join(names, " "); got != "Deployment/typed Namespace/default Namespace/kube-node-lease Namespace/kube-public Namespace/kube-system" {
		t.Errorf("Objects() = %s", got)
	}
}
