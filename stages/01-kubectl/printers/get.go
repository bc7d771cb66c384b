// PrintGet: everything `kubectl get` writes once its requests are answered.
//
// Interface:
//   - PrintGet(out, errOut, flags, items, options): tables for the
//     human-readable formats, one printer output for the others.
//   - Item: one answer - a Table, a list or an object - with the resource
//     it belongs to.
//
// Tables: one table per resource, in the order given; a blank line
// between two tables (unless --no-headers, and only once something was
// printed); a NAMESPACE column with --all-namespaces for namespaced
// resources; "kind/name" when the items are of several kinds. When nothing
// at all was printed, errOut gets "No resources found in <ns> namespace."
// (or "No resources found" when a resource is cluster-scoped or
// --all-namespaces is set).
//
// Other formats: several objects, or a list, are wrapped in one List
// (apiVersion v1, kind List) and printed once; a single object asked for
// by name is printed alone. Upstream: kubectl pkg/cmd/get/get.go (Run,
// printGeneric).
package printers

import (
	"errors"
	"fmt"
	"io"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
)

// Item is one answer of `kubectl get`.
type Item struct {
	// Kind and Resource are the REST mapping the answer came from. Kind
	// prefixes names when items of several kinds print together; a new
	// table starts whenever Resource changes.
	Kind     metav1.GroupVersionKind
	Resource metav1.GroupVersionResource
	// Namespaced says whether the resource lives in namespaces.
	Namespaced bool
	// Object is the answer: a Table for the human-readable formats (the
	// request asked for one), otherwise an object or a list.
	Object map[string]any
}

// GetOptions are the parts of `kubectl get`'s flags that shape its output
// beyond PrintFlags.
type GetOptions struct {
	// Namespace is the namespace asked about, named in "No resources found".
	Namespace string
	// AllNamespaces is -A/--all-namespaces.
	AllNamespaces bool
	// IgnoreNotFound (--ignore-not-found) silences "No resources found".
	IgnoreNotFound bool
	// SingleItemImplied says the user named one object ("get pod web"): with
	// -o json, yaml, name or a template it prints alone, not in a List.
	SingleItemImplied bool
}

// PrintGet writes items as flags ask. The error joins the print errors,
// if any.
func PrintGet(out, errOut io.Writer, flags *PrintFlags, items []Item, o GetOptions) error {
	if !flags.IsHumanReadable() {
		return printGeneric(out, flags, items, o)
	}

	tracking := &trackingWriter{w: out}
	separator := &separatorWriter{w: tracking}
	tw := NewTabWriter(separator)
	withKind := multipleKinds(items)
	allNamespaced := !o.AllNamespaces

	var errs []error
	var printer *TablePrinter
	var last *Item
	for i := range items {
		item := &items[i]
		allNamespaced = allNamespaced && item.Namespaced
		if printer == nil || last == nil || item.Resource != last.Resource {
			errs = append(errs, tw.Flush())
			tw.SetRememberedWidths(nil)
			// A blank line between tables: not before the first, not
			// without headers, not when nothing was printed yet.
			if last != nil && !flags.NoHeaders && tracking.written > 0 {
				separator.ready = true
			}
			withNamespace := o.AllNamespaces && item.Namespaced
			printer = NewTablePrinter(flags.tableOptions(item.Kind.GroupKind(), withNamespace, withKind))
			last = item
		}
		errs = append(errs, printer.PrintObj(item.Object, tw))
	}
	errs = append(errs, tw.Flush())
	err := errors.Join(errs...)

	if tracking.written == 0 && !o.IgnoreNotFound && err == nil {
		if allNamespaced {
			_, err = fmt.Fprintf(errOut, "No resources found in %s namespace.\n", o.Namespace)
		} else {
			_, err = fmt.Fprintln(errOut, "No resources found")
		}
	}
	return err
}

// printGeneric prints all items with one non-table printer.
func printGeneric(out io.Writer, flags *PrintFlags, items []Item, o GetOptions) error {
	if len(items) == 0 && o.IgnoreNotFound {
		return nil
	}
	printer, err := flags.ToPrinter()
	if err != nil {
		return err
	}
	if o.SingleItemImplied && len(items) == 1 {
		obj := items[0].Object
		if !isList(obj) {
			return printer.PrintObj(obj, out)
		}
		// A list asked for as one thing keeps its resourceVersion.
		list := ToList(ListItems(obj))
		rv, _ := unstructured.NestedString(obj, "metadata", "resourceVersion")
		list["metadata"] = map[string]any{"resourceVersion": rv}
		return printer.PrintObj(list, out)
	}
	var objects []map[string]any
	for _, it := range items {
		if isList(it.Object) {
			objects = append(objects, ListItems(it.Object)...)
		} else {
			objects = append(objects, it.Object)
		}
	}
	return printer.PrintObj(ToList(objects), out)
}

// multipleKinds reports whether items hold more than one kind.
func multipleKinds(items []Item) bool {
	for _, it := range items {
		if it.Kind != items[0].Kind {
			return true
		}
	}
	return false
}

// trackingWriter counts the bytes written through it.
type trackingWriter struct {
	w       io.Writer
	written int
}

func (t *trackingWriter) Write(p []byte) (int, error) {
	t.written += len(p)
	return t.w.Write(p)
}

// separatorWriter writes an empty line before its next non-empty write
// once ready is set.
type separatorWriter struct {
	w     io.Writer
	ready bool
}

func (s *separatorWriter) Write(p []byte) (int, error) {
	if len(p) > 0 && s.ready {
		if _, err := io.WriteString(s.w, "\n"); err != nil {
			return 0, err
		}
		s.ready = false
	}
	return s.w.Write(p)
}
