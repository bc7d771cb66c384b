package scheme

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

func TestTableFor(t *testing.T) {
	// Talk 002, "kubectl get": the server sends a Table and kubectl only
	// prints it.
	pods, _ := ByResource("", "pods")
	done := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "job-x", Namespace: "default", UID: "u1", ResourceVersion: "42",
		Labels: map[string]string{"app": "x"}, CreationTimestamp: ago(time.Hour)},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "c"}}}, Status: corev1.PodStatus{Phase: corev1.PodSucceeded}}
	tests := []struct {
		name        string
		opts        TableOptions
		wantColumns []string
		wantCells   int
		wantObject  string
	}{
		{name: "narrow, metadata embedded", opts: TableOptions{Now: now},
			wantColumns: []string{"Name", "Ready", "Status", "Restarts", "Age"}, wantCells: 5,
			wantObject: `{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":"job-x","namespace":"default","uid":"u1","resourceVersion":"42","creationTimestamp":"2024-05-01T11:00:00Z","labels":{"app":"x"}}}`},
		{name: "wide, as the server sends", opts: TableOptions{Now: now, Wide: true, IncludeObject: metav1.IncludeNone},
			wantColumns: []string{"Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"}, wantCells: 9,
			wantObject: ""},
		{name: "no headers", opts: TableOptions{Now: now, NoHeaders: true, IncludeObject: metav1.IncludeNone},
			wantColumns: nil, wantCells: 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			table, err := TableFor(pods, []metav1.Object{done}, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			var cols []string
			for _, c := range table.ColumnDefinitions {
				cols = append(cols, c.Name)
			}
			if diff := cmp.Diff(tc.wantColumns, cols); diff != "" {
				t.Errorf("columns (-want +got):\n%s", diff)
			}
			row := table.Rows[0]
			if len(row.Cells) != tc.wantCells {
				t.Errorf("%d cells, want %d", len(row.Cells), tc.wantCells)
			}
			if got := string(row.Object.Raw); got != tc.wantObject {
				t.Errorf("object = %s\nwant     %s", got, tc.wantObject)
			}
			if len(row.Conditions) != 1 || row.Conditions[0].Type != metav1.RowCompleted || row.Conditions[0].Reason != "Succeeded" {
				t.Errorf("conditions = %+v, want Completed", row.Conditions)
			}
		})
	}
}

func TestTableForJSON(t *testing.T) {
	deploys, _ := ByResource("apps", "deployments")
	d := &appsv1.Deployment{ObjectMeta: metav1.ObjectMeta{Name: "web", CreationTimestamp: ago(3 * time.Minute)},
		Spec: appsv1.DeploymentSpec{Replicas: ptr(int32(3))}, Status: appsv1.DeploymentStatus{ReadyReplicas: 2}}
	table, err := TableFor(deploys, []metav1.Object{d}, TableOptions{Now: now, IncludeObject: metav1.IncludeObject})
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(table)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`"kind":"Table","apiVersion":"meta.k8s.io/v1"`,
		`{"name":"Ready","type":"string","format":"","description":"Ready pods out of the desired number.","priority":0}`,
		`"cells":["web","2/3",0,0,"3m"]`,
		`"object":{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"`,
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("table JSON lacks %s:\n%s", want, data)
		}
	}
	if d.Kind != "" {
		t.Errorf("TableFor changed the caller's object: kind %q", d.Kind)
	}
}

func TestTableForErrors(t *testing.T) {
	pods, _ := ByResource("", "pods")
	tests := []struct {
		name string
		objs []metav1.Object
		opts TableOptions
		want string
	}{
		{name: "wrong type", objs: []metav1.Object{&corev1.Pod{}, &corev1.Node{}},
			want: "table for pods: object 1 is a *corev1.Node, want *corev1.Pod"},
		{name: "bad include policy", objs: []metav1.Object{&corev1.Pod{}}, opts: TableOptions{IncludeObject: "Everything"},
			want: `table for pods: includeObject "Everything" is not one of None, Metadata, Object`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := TableFor(pods, tc.objs, tc.opts)
			if err == nil || err.Error() != tc.want {
				t.Errorf("error = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestTableForEmpty(t *testing.T) {
	nodes, _ := ByResource("", "nodes")
	table, err := TableFor(nodes, nil, TableOptions{})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(table)
	if !strings.Contains(string(data), `"rows":[]`) {
		t.Errorf("an empty table must still have rows: %s", data)
	}
}
