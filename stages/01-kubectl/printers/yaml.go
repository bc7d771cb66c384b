// YAMLPrinter: -o yaml.
//
// Interface:
//   - YAMLPrinter.PrintObj(obj, w): obj as YAML with sorted keys; from the
//     second object on, a "---" line first, so several objects make one
//     multi-document stream.
//
// The YAML is sigs.k8s.io/yaml's rendering of the object's JSON, exactly
// the path upstream takes, so both print the same bytes. Upstream:
// cli-runtime printers/yaml.go.
package printers

import (
	"errors"
	"io"

	"sigs.k8s.io/yaml"
)

// YAMLPrinter prints objects as YAML documents. It counts what it printed
// to place the separators; use one per output stream.
type YAMLPrinter struct {
	printCount int
}

var _ Printer = (*YAMLPrinter)(nil)

// PrintObj writes obj; an object with neither apiVersion nor kind is
// refused (after its separator, as upstream).
func (p *YAMLPrinter) PrintObj(obj map[string]any, w io.Writer) error {
	if err := p.separate(w); err != nil {
		return err
	}
	if !hasKind(obj) {
		return errors.New(errMissingKind)
	}
	return writeYAML(obj, w)
}

func (p *YAMLPrinter) printEvent(eventType string, obj map[string]any, w io.Writer) error {
	if err := p.separate(w); err != nil {
		return err
	}
	return writeYAML(eventObject(eventType, obj), w)
}

func (p *YAMLPrinter) separate(w io.Writer) error {
	p.printCount++
	if p.printCount > 1 {
		_, err := io.WriteString(w, "---\n")
		return err
	}
	return nil
}

func writeYAML(v any, w io.Writer) error {
	data, err := yaml.Marshal(v)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}
