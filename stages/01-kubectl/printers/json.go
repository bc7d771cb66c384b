// JSONPrinter: -o json.
//
// Interface:
//   - JSONPrinter.PrintObj(obj, w): obj as JSON indented by four spaces,
//     keys sorted, followed by a newline.
//   - A watch event prints on one line: {"type":"ADDED","object":{...}}.
//
// As upstream, "<", ">" and "&" in strings print as \u003c, \u003e and
// \u0026 (encoding/json's HTML-safe escaping), so "<none>" appears as
// "\u003cnone\u003e". Upstream: cli-runtime printers/json.go.
package printers

import (
	"encoding/json"
	"errors"
	"io"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// JSONPrinter prints objects as indented JSON.
type JSONPrinter struct{}

var _ Printer = (*JSONPrinter)(nil)

// PrintObj writes obj; an object with neither apiVersion nor kind is
// refused.
func (p *JSONPrinter) PrintObj(obj map[string]any, w io.Writer) error {
	if !hasKind(obj) {
		return errors.New(errMissingKind)
	}
	data, err := json.MarshalIndent(obj, "", "    ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

func (p *JSONPrinter) printEvent(eventType string, obj map[string]any, w io.Writer) error {
	raw, err := json.Marshal(obj)
	if err != nil {
		return err
	}
	// metav1.WatchEvent keeps "type" before "object", as upstream prints.
	data, err := json.Marshal(metav1.WatchEvent{Type: eventType, Object: raw})
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}
