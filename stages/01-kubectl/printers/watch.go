// WatchPrinter: the output of `kubectl get --watch`.
//
// Interface:
//   - NewWatchPrinter(out, flags, kind, withNamespace, outputEvents): one
//     printer for the whole watch.
//   - PrintInitial(obj): the listing the watch starts from (a Table, a
//     list or one object); with --output-watch-events its objects print as
//     ADDED events.
//   - PrintEvent(eventType, obj): one change, written at once.
//
// Every write goes through one TabWriter that is flushed after each call
// and remembers its column widths, so a row that arrives minutes later
// lines up under the rows before it (and a wider one pushes its columns
// right from then on). The table's header prints once: later events carry
// the same columns, or none. Upstream: kubectl pkg/cmd/get/get.go (watch).
package printers

import (
	"fmt"
	"io"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// WatchPrinter prints a watch as its events arrive. Not safe for
// concurrent use.
type WatchPrinter struct {
	out     *TabWriter
	printer Printer
	events  bool
}

// NewWatchPrinter returns the printer for a watch of one resource. kind
// prefixes names only with --show-kind; withNamespace adds the NAMESPACE
// column (upstream sets it from --all-namespaces alone); outputEvents is
// --output-watch-events.
func NewWatchPrinter(out io.Writer, flags *PrintFlags, kind metav1.GroupKind, withNamespace, outputEvents bool) (*WatchPrinter, error) {
	var printer Printer
	if flags.IsHumanReadable() {
		printer = NewTablePrinter(flags.tableOptions(kind, withNamespace, false))
	} else {
		p, err := flags.ToPrinter()
		if err != nil {
			return nil, err
		}
		printer = p
	}
	return &WatchPrinter{out: NewTabWriter(out), printer: printer, events: outputEvents}, nil
}

// PrintInitial prints the object the watch starts from: each item of a
// list, or the object (a Table is one object with many rows).
func (w *WatchPrinter) PrintInitial(obj map[string]any) error {
	objects := []map[string]any{obj}
	if isList(obj) {
		objects = ListItems(obj)
	}
	for _, o := range objects {
		var err error
		if w.events {
			err = PrintEvent(w.printer, metav1.Added, o, w.out)
		} else {
			err = w.printer.PrintObj(o, w.out)
		}
		if err != nil {
			return fmt.Errorf("unable to output the provided object: %v", err)
		}
	}
	return w.out.Flush()
}

// PrintEvent prints one event's object (as an event with
// --output-watch-events) and flushes it.
func (w *WatchPrinter) PrintEvent(eventType string, obj map[string]any) error {
	var err error
	if w.events {
		err = PrintEvent(w.printer, eventType, obj, w.out)
	} else {
		err = w.printer.PrintObj(obj, w.out)
	}
	if err != nil {
		return err
	}
	return w.out.Flush()
}
