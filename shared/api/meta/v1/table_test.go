package metav1

import (
	"encoding/json"
	"testing"
)

// Talk 002, "kubectl get": the server-side table kubectl prints, with each
// row carrying the object's metadata.
func TestTableJSON(t *testing.T) {
	table := Table{
		TypeMeta: TypeMeta{Kind: "Table", APIVersion: "meta.k8s.io/v1"},
		ListMeta: ListMeta{ResourceVersion: "100"},
		ColumnDefinitions: []TableColumnDefinition{
			{Name: "Name", Type: "string", Format: "name", Description: "Name must be unique within a namespace."},
			{Name: "Age", Type: "string", Description: "CreationTimestamp is a timestamp."},
			{Name: "IP", Type: "string", Priority: 1},
		},
		Rows: []TableRow{{
			Cells:      []any{"web", "5m", "10.0.0.5"},
			Conditions: []TableRowCondition{{Type: RowCompleted, Status: ConditionFalse}},
			Object:     RawExtension{Raw: []byte(`{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":"web"}}`)},
		}},
	}
	want := `{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"100"},"columnDefinitions":[` +
		`{"name":"Name","type":"string","format":"name","description":"Name must be unique within a namespace.","priority":0},` +
		`{"name":"Age","type":"string","format":"","description":"CreationTimestamp is a timestamp.","priority":0},` +
		`{"name":"IP","type":"string","format":"","description":"","priority":1}],` +
		`"rows":[{"cells":["web","5m","10.0.0.5"],"conditions":[{"type":"Completed","status":"False"}],` +
		`"object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":"web"}}}]}`
	got, err := json.Marshal(table)
	if err != nil || string(got) != want {
		t.Fatalf("Marshal:\n got %s (%v)\nwant %s", got, err, want)
	}

	var back Table
	if err := json.Unmarshal(got, &back); err != nil {
		t.Fatalf("unmarshal: %v", err)
	}
	var meta PartialObjectMetadata
	if err := json.Unmarshal(back.Rows[0].Object.Raw, &meta); err != nil || meta.Name != "web" {
		t.Errorf("row object = %+v, %v", meta, err)
	}
	again, _ := json.Marshal(back)
	if string(again) != want {
		t.Errorf("round trip:\n got %s\nwant %s", again, want)
	}
}

func TestEmptyTableKeepsArrays(t *testing.T) {
	got, _ := json.Marshal(Table{TypeMeta: TypeMeta{Kind: "Table", APIVersion: "meta.k8s.io/v1"}, ColumnDefinitions: []TableColumnDefinition{}, Rows: []TableRow{}})
	if want := `{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{},"columnDefinitions":[],"rows":[]}`; string(got) != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestRawExtension(t *testing.T) {
	tests := []struct {
		name string
		in   RawExtension
		want string
	}{
		{"nil is null", RawExtension{}, `null`},
		{"bytes are written unchanged", RawExtension{Raw: []byte(`{"a": 1}`)}, `{"a":1}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := json.Marshal(tc.in)
			if err != nil || string(got) != tc.want {
				t.Errorf("Marshal = %s, %v; want %s", got, err, tc.want)
			}
		})
	}
	var re RawExtension
	if err := json.Unmarshal([]byte("null"), &re); err != nil || re.Raw != nil {
		t.Errorf("null = %q, %v; want nil Raw", re.Raw, err)
	}
}
