// OmitManagedFieldsPrinter: -o json and -o yaml without
// --show-managed-fields.
//
// Interface:
//   - OmitManagedFieldsPrinter{Delegate}.PrintObj(obj, w): obj without
//     metadata.managedFields (each item's, for a list), printed by Delegate.
//     obj itself is not changed.
//
// managedFields record which client set which field (server-side apply);
// they are long and rarely what a reader wants, so kubectl hides them
// unless asked. Watch events pass through unchanged, as upstream's do.
// Upstream: cli-runtime printers/managedfields.go.
package printers

import "io"

// OmitManagedFieldsPrinter drops managedFields before printing.
type OmitManagedFieldsPrinter struct {
	Delegate Printer
}

var _ Printer = (*OmitManagedFieldsPrinter)(nil)

// PrintObj prints a copy of obj without managed fields.
func (p *OmitManagedFieldsPrinter) PrintObj(obj map[string]any, w io.Writer) error {
	if !isList(obj) {
		return p.Delegate.PrintObj(withoutManagedFields(obj), w)
	}
	list := make(map[string]any, len(obj))
	for k, v := range obj {
		list[k] = v
	}
	raw := obj["items"].([]any)
	items := make([]any, len(raw))
	for i, item := range raw {
		if m, ok := item.(map[string]any); ok {
			items[i] = withoutManagedFields(m)
		} else {
			items[i] = item
		}
	}
	list["items"] = items
	return p.Delegate.PrintObj(list, w)
}

func (p *OmitManagedFieldsPrinter) printEvent(eventType string, obj map[string]any, w io.Writer) error {
	return PrintEvent(p.Delegate, eventType, obj, w)
}

// withoutManagedFields returns obj, or a copy of it and of its metadata
// without managedFields if it had them.
func withoutManagedFields(obj map[string]any) map[string]any {
	meta, ok := obj["metadata"].(map[string]any)
	if !ok {
		return obj
	}
	if _, has := meta["managedFields"]; !has {
		return obj
	}
	out := make(map[string]any, len(obj))
	for k, v := range obj {
		out[k] = v
	}
	trimmed := make(map[string]any, len(meta))
	for k, v := range meta {
		if k != "managedFields" {
			trimmed[k] = v
		}
	}
	out["metadata"] = trimmed
	return out
}
