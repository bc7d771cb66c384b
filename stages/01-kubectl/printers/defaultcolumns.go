// Default columns: what the table printer shows for an object the server
// did not turn into a Table.
//
// Interface:
//   - (*TablePrinter).printDefault(eventType, obj, w): NAME and AGE for any
//     object or list (AGE from metadata.creationTimestamp), STATUS, REASON
//     and MESSAGE for a Status.
//
// kubectl asks every server for Tables; an old or minimal server (the
// stage-1 test server may be one) answers with plain objects, and every
// object has at least a name and a creation time. A header is printed each
// time the kind of row changes, with a blank line between. Upstream:
// cli-runtime printers/tableprinter.go (printObjectMeta, printStatus).
package printers

import (
	"fmt"
	"io"
	"strings"
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/labels"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
)

// handler is one way of turning objects into rows without a Table.
type handler struct {
	columns []metav1.TableColumnDefinition
	rows    func(p *TablePrinter, obj map[string]any) []tableRow
}

var (
	objectMetaHandler = &handler{
		columns: []metav1.TableColumnDefinition{
			{Name: "Name", Type: "string", Format: "name"},
			{Name: "Age", Type: "string"},
		},
		rows: objectMetaRows,
	}
	statusHandler = &handler{
		columns: []metav1.TableColumnDefinition{
			{Name: "Status", Type: "string"},
			{Name: "Reason", Type: "string"},
			{Name: "Message", Type: "string"},
		},
		rows: statusRows,
	}
)

// printDefault writes obj's rows, with a header when the handler changed.
func (p *TablePrinter) printDefault(eventType string, obj map[string]any, w io.Writer) error {
	h := objectMetaHandler
	if unstructured.Kind(obj) == "Status" && unstructured.APIVersion(obj) == "v1" {
		h = statusHandler
	}
	o := p.options
	changed := p.lastHandler != h
	if changed && p.lastHandler != nil && !o.NoHeaders {
		if _, err := io.WriteString(w, "\n"); err != nil {
			return err
		}
	}
	rows := h.rows(p, obj)

	var out strings.Builder
	if changed && !o.NoHeaders {
		var headers []string
		if eventType != "" {
			headers = append(headers, "EVENT")
		}
		if o.WithNamespace {
			headers = append(headers, "NAMESPACE")
		}
		for _, c := range h.columns {
			if c.Priority == 0 || o.Wide {
				headers = append(headers, strings.ToUpper(c.Name))
			}
		}
		headers = append(headers, labelHeaders(o.ColumnLabels)...)
		if o.ShowLabels {
			headers = append(headers, "LABELS")
		}
		out.WriteString(strings.Join(headers, "\t") + "\n")
	}
	for _, r := range rows {
		if eventType != "" {
			out.WriteString(formatEventType(eventType) + "\t")
		}
		if o.WithNamespace {
			out.WriteString(unstructured.Namespace(r.object) + "\t")
		}
		for i, cell := range r.cells {
			switch {
			case i != 0:
				out.WriteString("\t")
			case o.WithKind && o.Kind.Kind != "":
				fmt.Fprintf(&out, "%s/%s", strings.ToLower(o.Kind.String()), cell)
				continue
			}
			fmt.Fprint(&out, cell)
		}
		if len(o.ColumnLabels) > 0 || o.ShowLabels {
			objLabels := unstructured.Labels(r.object)
			for _, k := range o.ColumnLabels {
				out.WriteString("\t" + objLabels[k])
			}
			if o.ShowLabels {
				out.WriteString("\t" + labels.FormatLabels(objLabels))
			}
		}
		out.WriteString("\n")
	}
	p.lastHandler = h
	_, err := io.WriteString(w, out.String())
	return err
}

// objectMetaRows gives one NAME/AGE row per object (per item of a list).
func objectMetaRows(p *TablePrinter, obj map[string]any) []tableRow {
	if isList(obj) {
		var rows []tableRow
		for _, item := range ListItems(obj) {
			rows = append(rows, objectMetaRows(p, item)...)
		}
		return rows
	}
	age := "<unknown>"
	if created, ok := unstructured.NestedString(obj, "metadata", "creationTimestamp"); ok {
		if t, err := time.Parse(time.RFC3339, created); err == nil {
			age = scheme.HumanDuration(p.now().Sub(t))
		}
	}
	return []tableRow{{cells: []any{unstructured.Name(obj), age}, object: obj}}
}

// statusRows shows a Status (an error the server returned as an object).
func statusRows(_ *TablePrinter, obj map[string]any) []tableRow {
	field := func(name string) string { s, _ := unstructured.NestedString(obj, name); return s }
	return []tableRow{{cells: []any{field("status"), field("reason"), field("message")}, object: obj}}
}
