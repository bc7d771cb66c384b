package printers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// tableObject builds a Table response with the given columns ("Name" is the
// name column) and rows; each row's object gets the name in its first cell
// and the namespace and labels given.
func tableObject(columns []metav1.TableColumnDefinition, rows ...metav1.TableRow) map[string]any {
	t := metav1.Table{ColumnDefinitions: columns, Rows: rows}
	t.APIVersion, t.Kind = "meta.k8s.io/v1", "Table"
	data, err := json.Marshal(t)
	if err != nil {
		panic(err)
	}
	var obj map[string]any
	if err := json.Unmarshal(data, &obj); err != nil {
		panic(err)
	}
	return obj
}

func row(namespace string, labels map[string]string, cells ...any) metav1.TableRow {
	meta := map[string]any{"name": cells[0], "namespace": namespace}
	if labels != nil {
		meta["labels"] = labels
	}
	raw, _ := json.Marshal(map[string]any{"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": meta})
	return metav1.TableRow{Cells: cells, Object: metav1.RawExtension{Raw: raw}}
}

var nameAge = []metav1.TableColumnDefinition{
	{Name: "Name", Type: "string", Format: "name"},
	{Name: "Age", Type: "string"},
}

// Talk 000, "kubectl": what the client adds to the server's table.
func TestTablePrinterDecorations(t *testing.T) {
	withWide := append(append([]metav1.TableColumnDefinition{}, nameAge...),
		metav1.TableColumnDefinition{Name: "Node", Type: "string", Priority: 1})
	tests := []struct {
		name    string
		options PrintOptions
		table   map[string]any
		want    string
	}{
		{"server columns, headers upper-cased", PrintOptions{},
			tableObject(nameAge, row("default", nil, "web", "5s")),
			"NAME   AGE\nweb    5s\n"},
		{"priority columns hidden", PrintOptions{},
			tableObject(withWide, row("default", nil, "web", "5s", "node-1")),
			"NAME   AGE\nweb    5s\n"},
		{"priority columns with -o wide", PrintOptions{Wide: true},
			tableObject(withWide, row("default", nil, "web", "5s", "node-1")),
			"NAME   AGE   NODE\nweb    5s    node-1\n"},
		{"no rows, no header", PrintOptions{}, tableObject(nameAge), ""},
		{"no headers", PrintOptions{NoHeaders: true},
			tableObject(nameAge, row("default", nil, "web", "5s")),
			"web   5s\n"},
		{"namespace column from the row's object", PrintOptions{WithNamespace: true},
			tableObject(nameAge, row("kube-system", nil, "coredns", "3d")),
			"NAMESPACE     NAME      AGE\nkube-system   coredns   3d\n"},
		{"kind prefix on the name column", PrintOptions{WithKind: true, Kind: metav1.GroupKind{Group: "apps", Kind: "Deployment"}},
			tableObject(nameAge, row("default", nil, "web", "5s")),
			"NAME                  AGE\ndeployment.apps/web   5s\n"},
		{"core kinds have no group", PrintOptions{WithKind: true, Kind: metav1.GroupKind{Kind: "Pod"}},
			tableObject(nameAge, row("default", nil, "web", "5s")),
			"NAME      AGE\npod/web   5s\n"},
		{"label columns and show-labels", PrintOptions{ColumnLabels: []string{"app.kubernetes.io/name", "tier"}, ShowLabels: true},
			tableObject(nameAge, row("default", map[string]string{"tier": "web", "app.kubernetes.io/name": "ghost"}, "web", "5s")),
			"NAME   AGE   NAME    TIER   LABELS\nweb    5s    ghost   web    app.kubernetes.io/name=ghost,tier=web\n"},
		{"no labels shows <none>", PrintOptions{ShowLabels: true},
			tableObject(nameAge, row("default", nil, "web", "5s")),
			"NAME   AGE   LABELS\nweb    5s    <none>\n"},
		{"a row without object leaves metadata cells empty", PrintOptions{WithNamespace: true, ShowLabels: true},
			tableObject(nameAge, metav1.TableRow{Cells: []any{"web", "5s"}}),
			"NAMESPACE   NAME   AGE   LABELS\n            web    5s    \n"},
		{"cells: numbers, booleans, nil, line breaks, escapes", PrintOptions{},
			tableObject([]metav1.TableColumnDefinition{{Name: "A"}, {Name: "B"}, {Name: "C"}, {Name: "D"}, {Name: "E"}, {Name: "F"}},
				metav1.TableRow{Cells: []any{int64(1000000), 0.5, true, nil, "line one\nline two", "red \x1b[31m"}}),
			"A         B     C      D     E             F\n1000000   0.5   true         line one...   red ^[[31m\n"},
		{"more cells than columns are ignored", PrintOptions{},
			tableObject(nameAge, metav1.TableRow{Cells: []any{"web", "5s", "extra"}}),
			"NAME   AGE\nweb    5s\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := NewTablePrinter(tc.options).PrintObj(tc.table, &out); err != nil {
				t.Fatal(err)
			}
			if out.String() != tc.want {
				t.Errorf("got\n%s\nwant\n%s", out.String(), tc.want)
			}
		})
	}
}

// Several tables of one resource (`kubectl get pod a b`) share a header;
// a table with other columns gets its own.
func TestTablePrinterHeadersOncePerColumns(t *testing.T) {
	p := NewTablePrinter(PrintOptions{})
	var out bytes.Buffer
	tw := NewTabWriter(&out)
	other := []metav1.TableColumnDefinition{{Name: "Name", Type: "string", Format: "name"}, {Name: "Status", Type: "string"}}
	for _, obj := range []map[string]any{
		tableObject(nameAge),
		tableObject(nameAge, row("default", nil, "a", "1s")),
		tableObject(nameAge, row("default", nil, "bbbbbbbbbb", "2s")),
		tableObject(nil, row("default", nil, "c", "3s")),
		tableObject(other, row("default", nil, "d", "Active")),
	} {
		if err := p.PrintObj(obj, tw); err != nil {
			t.Fatal(err)
		}
	}
	tw.Flush()
	want := "NAME         AGE\na            1s\nbbbbbbbbbb   2s\nc            3s\nNAME         STATUS\nd            Active\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}

func TestTablePrinterEventColumn(t *testing.T) {
	p := NewTablePrinter(PrintOptions{WithNamespace: true})
	var out bytes.Buffer
	tw := NewTabWriter(&out)
	for _, event := range []string{metav1.Added, metav1.Modified, metav1.Deleted, metav1.Error, "BOOKMARK"} {
		if err := PrintEvent(p, event, tableObject(nameAge, row("default", nil, "a", "1s")), tw); err != nil {
			t.Fatal(err)
		}
	}
	tw.Flush()
	want := "EVENT      NAMESPACE   NAME   AGE\n" +
		"ADDED      default     a      1s\n" +
		"MODIFIED   default     a      1s\n" +
		"DELETED    default     a      1s\n" +
		"ERROR      default     a      1s\n" +
		"BOOKMARK   default     a      1s\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}

// Every 100 rows the tab writer is flushed, so a wide row after the 100th
// does not widen the rows before it - upstream's memory bound.
func TestTablePrinterFlushesEvery100Rows(t *testing.T) {
	var rows []metav1.TableRow
	for i := 0; i < 101; i++ {
		name := fmt.Sprintf("p%d", i)
		if i == 100 {
			name = "a-much-longer-name"
		}
		rows = append(rows, row("default", nil, name, "1s"))
	}
	var out bytes.Buffer
	if err := NewTablePrinter(PrintOptions{}).PrintObj(tableObject(nameAge, rows...), &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out.String(), "\n")
	if lines[0] != "NAME   AGE" || lines[1] != "p0     1s" || lines[101] != "a-much-longer-name   1s" {
		t.Errorf("unexpected layout: %q ... %q", lines[:2], lines[101])
	}
}

func TestDecodeTable(t *testing.T) {
	tests := []struct {
		name   string
		obj    map[string]any
		wantOK bool
	}{
		{"v1 table", map[string]any{"apiVersion": "meta.k8s.io/v1", "kind": "Table", "columnDefinitions": []any{}, "rows": []any{}}, true},
		{"v1beta1 table", map[string]any{"apiVersion": "meta.k8s.io/v1beta1", "kind": "Table"}, true},
		{"a pod", map[string]any{"apiVersion": "v1", "kind": "Pod"}, false},
		{"a Table of another group", map[string]any{"apiVersion": "example.com/v1", "kind": "Table"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, ok, err := DecodeTable(tc.obj)
			if err != nil || ok != tc.wantOK {
				t.Fatalf("DecodeTable = ok %v, err %v; want ok %v", ok, err, tc.wantOK)
			}
		})
	}
	if _, ok, err := DecodeTable(map[string]any{"apiVersion": "meta.k8s.io/v1", "kind": "Table", "rows": "not a list"}); !ok || err == nil {
		t.Fatalf("a malformed Table should be recognised and fail to decode, got ok %v err %v", ok, err)
	}
}

// An object that is not a Table prints NAME and AGE; a Status its three
// columns, after a blank line and a new header.
func TestTablePrinterWithoutTable(t *testing.T) {
	p := NewTablePrinter(PrintOptions{WithKind: true, Kind: metav1.GroupKind{Kind: "Pod"}})
	p.now = func() time.Time { return time.Date(2026, 5, 4, 10, 1, 0, 0, time.UTC) }
	pod := map[string]any{"apiVersion": "v1", "kind": "Pod", "metadata": map[string]any{"name": "web", "creationTimestamp": "2026-05-04T10:00:00Z"}}
	noTime := map[string]any{"apiVersion": "v1", "kind": "Pod", "metadata": map[string]any{"name": "old"}}
	status := map[string]any{"apiVersion": "v1", "kind": "Status", "status": "Failure", "reason": "NotFound", "message": `pods "x" not found`}
	var out bytes.Buffer
	for _, obj := range []map[string]any{pod, noTime, status} {
		if err := p.PrintObj(obj, &out); err != nil {
			t.Fatal(err)
		}
	}
	// Each call without a TabWriter of the caller's aligns on its own.
	want := "NAME      AGE\npod/web   60s\n" +
		"pod/old   <unknown>\n" +
		"\nSTATUS        REASON     MESSAGE\npod/Failure   NotFound   pods \"x\" not found\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}
