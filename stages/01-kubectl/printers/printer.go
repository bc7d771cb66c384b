// Printer: the one interface every output format implements, and the
// shapes of object it is given.
//
// Interface:
//   - Printer.PrintObj(obj, w): write one object - a single object, a list
//     ({"kind": "...List", "items": [...]}) or a server-side Table.
//   - PrintEvent(p, type, obj, w): write one watch event the way p's format
//     shows events (an EVENT column, {"type":..,"object":..}, or just the
//     object for -o name).
//   - ToList(items): the "kind: List" wrapper kubectl prints for several
//     objects; ListItems(list): a list's items with their kind filled in.
//
// Objects are decoded JSON (map[string]any), as kubectl holds any kind it
// does not compile in. PrintFlags in printflags.go picks the Printer for an
// -o value.
package printers

import (
	"io"
	"strings"

	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
)

// Printer writes objects in one output format.
type Printer interface {
	// PrintObj writes obj to w. obj is not modified. A printer may keep
	// state between calls (YAML separators, table headers already shown),
	// so use one Printer per stream of output.
	PrintObj(obj map[string]any, w io.Writer) error
}

// PrinterFunc adapts a function to Printer.
type PrinterFunc func(obj map[string]any, w io.Writer) error

// PrintObj calls f.
func (f PrinterFunc) PrintObj(obj map[string]any, w io.Writer) error { return f(obj, w) }

// eventPrinter is implemented by printers that show watch events in their
// own way; the others are given the event as {"type": ..., "object": ...}.
type eventPrinter interface {
	printEvent(eventType string, obj map[string]any, w io.Writer) error
}

// PrintEvent writes one watch event (eventType is ADDED, MODIFIED, DELETED
// or ERROR; obj is the event's object) as `kubectl get -w
// --output-watch-events` does with p's format.
func PrintEvent(p Printer, eventType string, obj map[string]any, w io.Writer) error {
	if ep, ok := p.(eventPrinter); ok {
		return ep.printEvent(eventType, obj, w)
	}
	return p.PrintObj(eventObject(eventType, obj), w)
}

// eventObject is a watch event as JSON-shaped data, the view jsonpath,
// go-template and custom-columns templates are run over.
func eventObject(eventType string, obj map[string]any) map[string]any {
	return map[string]any{"type": eventType, "object": obj}
}

// isList reports whether obj is a list: it has an "items" array.
func isList(obj map[string]any) bool {
	_, ok := obj["items"].([]any)
	return ok
}

// ListItems returns the objects of a list. An item with neither apiVersion
// nor kind gets the list's apiVersion and the list's kind without its
// "List" suffix, as upstream's decoder fills them (a PodList's items are
// Pods). Items that are not objects are skipped. The list is not modified;
// filled-in items are shallow copies.
func ListItems(list map[string]any) []map[string]any {
	raw, _ := list["items"].([]any)
	itemKind := strings.TrimSuffix(unstructured.Kind(list), "List")
	apiVersion := unstructured.APIVersion(list)
	items := make([]map[string]any, 0, len(raw))
	for _, r := range raw {
		item, ok := r.(map[string]any)
		if !ok {
			continue
		}
		if unstructured.Kind(item) == "" && unstructured.APIVersion(item) == "" {
			filled := make(map[string]any, len(item)+2)
			for k, v := range item {
				filled[k] = v
			}
			filled["kind"], filled["apiVersion"] = itemKind, apiVersion
			item = filled
		}
		items = append(items, item)
	}
	return items
}

// ToList wraps objects in the list kubectl prints when -o json, yaml, name
// or a template is asked for more than one object (or for a list):
// apiVersion v1, kind List, an empty resourceVersion, and the items.
func ToList(items []map[string]any) map[string]any {
	raw := make([]any, len(items))
	for i, it := range items {
		raw[i] = it
	}
	return map[string]any{
		"apiVersion": "v1",
		"kind":       "List",
		"metadata":   map[string]any{"resourceVersion": ""},
		"items":      raw,
	}
}

// errMissingKind is upstream's message for an object without apiVersion
// and kind; its wording names the Go call a client-go user would fix it
// with.
const errMissingKind = "missing apiVersion or kind; try GetObjectKind().SetGroupVersionKind() if you know the type"

// hasKind reports whether obj says what it is (apiVersion or kind).
func hasKind(obj map[string]any) bool {
	return unstructured.APIVersion(obj) != "" || unstructured.Kind(obj) != ""
}
