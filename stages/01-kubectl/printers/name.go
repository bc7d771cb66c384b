// NamePrinter: -o name, and the one-line result of create, apply, delete.
//
// Interface:
//   - NamePrinter{}.PrintObj(obj, w): "kind.group/name", lower-case kind,
//     no group for the core group: "deployment.apps/nginx", "pod/web".
//   - With Operation set and ShortOutput false it appends the verb:
//     "deployment.apps/nginx created" (talk 000, "kubectl": the line
//     `kubectl create deployment` answers with).
//   - A list prints one line per item; an event prints its object.
//
// Upstream: cli-runtime printers/name.go.
package printers

import (
	"errors"
	"fmt"
	"io"
	"strings"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
)

// NamePrinter prints resource/name lines.
type NamePrinter struct {
	// ShortOutput leaves out the Operation (-o name).
	ShortOutput bool
	// Operation is the verb that happened: "created", "configured",
	// "deleted", "created (dry run)".
	Operation string
}

var _ Printer = (*NamePrinter)(nil)

// PrintObj writes one line per object.
func (p *NamePrinter) PrintObj(obj map[string]any, w io.Writer) error {
	if isList(obj) {
		for _, item := range ListItems(obj) {
			if err := p.PrintObj(item, w); err != nil {
				return err
			}
		}
		return nil
	}
	if !hasKind(obj) {
		return errors.New(errMissingKind)
	}
	name := unstructured.Name(obj)
	if name == "" {
		name = "<unknown>"
	}
	gvk := metav1.FromAPIVersionAndKind(unstructured.APIVersion(obj), unstructured.Kind(obj))
	if gvk.Kind == "" {
		return fmt.Errorf("missing kind for resource with name %v", name)
	}
	line := strings.ToLower(gvk.Kind)
	if gvk.Group != "" {
		line += "." + gvk.Group
	}
	line += "/" + name
	if !p.ShortOutput && p.Operation != "" {
		line += " " + p.Operation
	}
	_, err := io.WriteString(w, line+"\n")
	return err
}

func (p *NamePrinter) printEvent(_ string, obj map[string]any, w io.Writer) error {
	return p.PrintObj(obj, w)
}
