// Tables: objects to the metav1.Table `kubectl get` prints.
//
// Interface:
//   - Row(res, obj, opts) computes one object's cells.
//   - TableFor(res, objs, opts) builds a whole Table: column definitions,
//     one row per object, row conditions, and the embedded object (its
//     metadata only, by default).
//
// The stage-1 test server and the stage-2 API server both answer
// "Accept: application/json;as=Table;g=meta.k8s.io;v=v1" with TableFor, so
// they print alike. Like upstream's server, pass Wide: true there: the
// server sends every column and kubectl drops priority-1 columns unless
// asked for -o wide.

package scheme

import (
	"encoding/json"
	"fmt"
	"reflect"
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// TableOptions control TableFor and Row.
type TableOptions struct {
	// Wide includes priority-1 columns (-o wide, and always on a server).
	Wide bool
	// Now is the time ages are counted from; zero means time.Now().
	Now time.Time
	// IncludeObject says what each row embeds: IncludeMetadata (the
	// default, for "" too) embeds a PartialObjectMetadata, IncludeObject
	// the whole object, IncludeNone nothing.
	IncludeObject metav1.IncludeObjectPolicy
	// NoHeaders leaves out the column definitions (?noHeaders=true when
	// kubectl pages through a long list).
	NoHeaders bool
}

// columns returns the columns opts select.
func (o TableOptions) columns(res *Resource) []Column {
	var out []Column
	for _, c := range res.TableColumns() {
		if o.Wide || c.Priority == 0 {
			out = append(out, c)
		}
	}
	return out
}

func (o TableOptions) now() time.Time {
	if o.Now.IsZero() {
		return time.Now()
	}
	return o.Now
}

// Row returns obj's cells for the columns opts select, in column order.
// obj must be of res's Go type (res.New()'s type); TableFor checks that,
// Row panics otherwise.
func Row(res *Resource, obj metav1.Object, opts TableOptions) []any {
	now := opts.now()
	cols := opts.columns(res)
	cells := make([]any, len(cols))
	for i, c := range cols {
		cells[i] = c.Cell(obj, now)
	}
	return cells
}

// TableFor builds the Table of objs, which must all be of res's Go type
// (an error says which is not). The Table's kind is "Table" in
// meta.k8s.io/v1; set its ResourceVersion from the list it was made from.
func TableFor(res *Resource, objs []metav1.Object, opts TableOptions) (*metav1.Table, error) {
	want := reflect.TypeOf(res.New())
	opts.Now = opts.now() // one clock for every row
	t := &metav1.Table{
		TypeMeta:          metav1.TypeMeta{Kind: "Table", APIVersion: "meta.k8s.io/v1"},
		ColumnDefinitions: []metav1.TableColumnDefinition{},
		Rows:              make([]metav1.TableRow, 0, len(objs)),
	}
	if !opts.NoHeaders {
		for _, c := range opts.columns(res) {
			t.ColumnDefinitions = append(t.ColumnDefinitions, metav1.TableColumnDefinition{
				Name: c.Name, Type: c.Type, Format: c.Format, Description: c.Description, Priority: c.Priority,
			})
		}
	}
	for i, obj := range objs {
		if got := reflect.TypeOf(obj); got != want {
			return nil, fmt.Errorf("table for %s: object %d is a %v, want %v", res.Resource, i, got, want)
		}
		row := metav1.TableRow{Cells: Row(res, obj, opts)}
		if res.Group == "" && res.Resource == "pods" {
			row.Conditions = podRowConditions(obj)
		}
		raw, err := embed(res, obj, opts.IncludeObject)
		if err != nil {
			return nil, fmt.Errorf("table for %s: %w", res.Resource, err)
		}
		row.Object = metav1.RawExtension{Raw: raw}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

// embed returns what a row carries of its object: the object's
// PartialObjectMetadata, the object, or nothing. The kind and apiVersion
// are filled in, since stored objects may lack them.
func embed(res *Resource, obj metav1.Object, policy metav1.IncludeObjectPolicy) ([]byte, error) {
	switch policy {
	case metav1.IncludeNone:
		return nil, nil
	case metav1.IncludeObject:
		data, err := json.Marshal(obj)
		if err != nil || obj.GetObjectKind().Kind != "" {
			return data, err
		}
		// Set the header on a copy: obj may be shared with a cache.
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(data, &fields); err != nil {
			return nil, err
		}
		apiVersion, kind := res.GroupVersionKind().ToAPIVersionAndKind()
		fields["apiVersion"], _ = json.Marshal(apiVersion)
		fields["kind"], _ = json.Marshal(kind)
		return json.Marshal(fields)
	case metav1.IncludeMetadata, "":
		return json.Marshal(metav1.PartialObjectMetadata{
			TypeMeta:   metav1.TypeMeta{Kind: "PartialObjectMetadata", APIVersion: "meta.k8s.io/v1"},
			ObjectMeta: *obj.GetObjectMeta(),
		})
	}
	return nil, fmt.Errorf("includeObject %q is not one of None, Metadata, Object", policy)
}
