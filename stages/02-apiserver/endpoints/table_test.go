package endpoints

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
)

const tableAccept = "Accept: application/json;as=Table;v=v1;g=meta.k8s.io,application/json"

// getTable GETs path as kubectl get does and decodes the Table.
func (s *testServer) getTable(path string) (*metav1.Table, response) {
	s.t.Helper()
	r := s.mustDo(call{method: "GET", path: path, header: []string{tableAccept}}, http.StatusOK)
	var table metav1.Table
	if err := json.Unmarshal(r.body, &table); err != nil {
		s.t.Fatalf("decode table %s: %v", r.body, err)
	}
	return &table, r
}

// Talk 002, "kubectl get": the columns kubectl prints are the server's,
// from shared/scheme, every one of them (kubectl drops the -o wide ones).
func TestTableColumns(t *testing.T) {
	for _, tc := range []struct {
		name, group, resource, path, body string
		wantHeaders                       []string
	}{
		{"deployments", "apps", "deployments", deploymentsPath, deploymentJSON("web"),
			[]string{"Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"}},
		{"pods", "", "pods", podsPath, podJSON("web", "node-1"),
			[]string{"Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestServer(t, Options{})
			s.create(tc.path, tc.body)
			table, r := s.getTable(tc.path)
			if ct := r.header.Get("Content-Type"); ct != "application/json;as=Table;v=v1;g=meta.k8s.io" {
				t.Errorf("Content-Type = %q", ct)
			}
			res, _ := scheme.ByResource(tc.group, tc.resource)
			var names []string
			for i, c := range table.ColumnDefinitions {
				names = append(names, c.Name)
				want := res.TableColumns()[i]
				if c.Type != want.Type || c.Format != want.Format || c.Priority != want.Priority {
					t.Errorf("column %s = %+v, want scheme's %+v", c.Name, c, want)
				}
			}
			if diff := cmp.Diff(tc.wantHeaders, names); diff != "" {
				t.Errorf("headers (-want +got):\n%s", diff)
			}
			if table.Kind != "Table" || table.APIVersion != "meta.k8s.io/v1" || table.ResourceVersion == "" || len(table.Rows) != 1 {
				t.Fatalf("table = %s", r.body)
			}
			// The row's cells are scheme.Row's for the stored object.
			obj := res.New()
			if err := json.Unmarshal(s.mustDo(call{method: "GET", path: tc.path + "/web"}, http.StatusOK).body, obj); err != nil {
				t.Fatal(err)
			}
			wantCells, _ := json.Marshal(scheme.Row(res, obj, scheme.TableOptions{Wide: true, Now: testNow}))
			gotCells, _ := json.Marshal(table.Rows[0].Cells)
			if string(gotCells) != string(wantCells) {
				t.Errorf("cells = %s\nwant %s", gotCells, wantCells)
			}
			var partial metav1.PartialObjectMetadata
			if err := json.Unmarshal(table.Rows[0].Object.Raw, &partial); err != nil || partial.Kind != "PartialObjectMetadata" || partial.Name != "web" {
				t.Errorf("row object = %s", table.Rows[0].Object.Raw)
			}
		})
	}
}

func TestTableIncludeObject(t *testing.T) {
	s := newTestServer(t, Options{})
	s.create(deploymentsPath, deploymentJSON("web"))
	for _, tc := range []struct {
		name, query, wantKind string
	}{
		{"default is metadata", "", "PartialObjectMetadata"},
		{"metadata", "?includeObject=Metadata", "PartialObjectMetadata"},
		{"object", "?includeObject=Object", "Deployment"},
		{"none", "?includeObject=None", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			table, _ := s.getTable(deploymentsPath + "/web" + tc.query)
			var embedded struct{ Kind string }
			if raw := table.Rows[0].Object.Raw; raw != nil {
				_ = json.Unmarshal(raw, &embedded)
			}
			if embedded.Kind != tc.wantKind {
				t.Errorf("embedded kind = %q, want %q", embedded.Kind, tc.wantKind)
			}
		})
	}
	r := s.do(call{method: "GET", path: deploymentsPath + "?includeObject=All", header: []string{tableAccept}})
	if st := r.status(t); r.code != http.StatusBadRequest || st.Message != `unrecognized includeObject value: "All"` {
		t.Errorf("bad includeObject = %d %q", r.code, st.Message)
	}
}

// Older clients ask for meta.k8s.io/v1beta1 Tables.
func TestTableV1beta1(t *testing.T) {
	s := newTestServer(t, Options{})
	s.create(deploymentsPath, deploymentJSON("web"))
	r := s.mustDo(call{method: "GET", path: deploymentsPath, header: []string{"Accept: application/json;as=Table;v=v1beta1;g=meta.k8s.io"}}, http.StatusOK)
	var table metav1.Table
	if err := json.Unmarshal(r.body, &table); err != nil || table.APIVersion != "meta.k8s.io/v1beta1" {
		t.Fatalf("table = %s", r.body)
	}
	var partial metav1.PartialObjectMetadata
	if err := json.Unmarshal(table.Rows[0].Object.Raw, &partial); err != nil || partial.APIVersion != "meta.k8s.io/v1beta1" {
		t.Errorf("row object = %s", table.Rows[0].Object.Raw)
	}
}

// A subresource of another kind gets the default NAME / CREATED AT
// columns, as upstream's default table convertor.
func TestTableOfScale(t *testing.T) {
	s := newTestServer(t, Options{})
	s.create(deploymentsPath, deploymentJSON("web"))
	table, _ := s.getTable(deploymentsPath + "/web/scale")
	if len(table.ColumnDefinitions) != 2 || table.ColumnDefinitions[0].Name != "Name" || table.Rows[0].Cells[0] != "web" {
		t.Errorf("scale table = %+v", table)
	}
}
