// JSONPathPrinter: -o jsonpath=TEMPLATE, -o jsonpath-file=FILE and
// -o jsonpath-as-json=TEMPLATE.
//
// Interface:
//   - NewJSONPathPrinter(template): the parsed template, or its parse error.
//   - PrintObj(obj, w): the template run over obj (for `kubectl get` of
//     several objects, obj is their List). On failure nothing is printed
//     and the error carries upstream's explanation: the message, the
//     template, and the object the template was given.
//
// The template language is package jsonpath. Upstream:
// cli-runtime printers/jsonpath.go.
package printers

import (
	"bytes"
	"fmt"
	"io"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/printers/jsonpath"
)

// JSONPathPrinter formats objects with a JSONPath template.
type JSONPathPrinter struct {
	rawTemplate string
	*jsonpath.JSONPath
}

var _ Printer = (*JSONPathPrinter)(nil)

// NewJSONPathPrinter parses tmpl. Missing keys are errors until
// AllowMissingKeys(true) is called.
func NewJSONPathPrinter(tmpl string) (*JSONPathPrinter, error) {
	j := jsonpath.New("out")
	if err := j.Parse(tmpl); err != nil {
		return nil, err
	}
	return &JSONPathPrinter{rawTemplate: tmpl, JSONPath: j}, nil
}

// PrintObj runs the template over obj.
func (p *JSONPathPrinter) PrintObj(obj map[string]any, w io.Writer) error {
	if err := p.Execute(w, obj); err != nil {
		var buf bytes.Buffer
		fmt.Fprintf(&buf, "Error executing template: %v. Printing more information for debugging the template:\n", err)
		fmt.Fprintf(&buf, "\ttemplate was:\n\t\t%v\n", p.rawTemplate)
		fmt.Fprintf(&buf, "\tobject given to jsonpath engine was:\n\t\t%#v\n\n", jsonpath.Normalize(obj))
		return fmt.Errorf("error executing jsonpath %q: %v", p.rawTemplate, buf.String())
	}
	return nil
}
