// GoTemplatePrinter: -o go-template=TEMPLATE (also "template"), and
// -o go-template-file=FILE (also "templatefile").
//
// Interface:
//   - NewGoTemplatePrinter(template): a text/template with kubectl's two
//     extra functions, "exists" and "base64decode".
//   - AllowMissingKeys(allow): a missing map key prints "<no value>" (the
//     default) or fails the template.
//   - PrintObj(obj, w): the template run over obj's JSON form. On failure
//     the explanation is written to w (upstream prints it to standard
//     output too) and an error returned.
//
// Upstream: cli-runtime printers/template.go.
package printers

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"text/template"
)

// GoTemplatePrinter formats objects with a Go template.
type GoTemplatePrinter struct {
	rawTemplate string
	template    *template.Template
}

var _ Printer = (*GoTemplatePrinter)(nil)

// NewGoTemplatePrinter parses tmpl.
func NewGoTemplatePrinter(tmpl []byte) (*GoTemplatePrinter, error) {
	t, err := template.New("output").
		Funcs(template.FuncMap{"exists": exists, "base64decode": base64decode}).
		Parse(string(tmpl))
	if err != nil {
		return nil, err
	}
	return &GoTemplatePrinter{rawTemplate: string(tmpl), template: t}, nil
}

// AllowMissingKeys chooses between "<no value>" and an error for a missing
// map key.
func (p *GoTemplatePrinter) AllowMissingKeys(allow bool) {
	if allow {
		p.template.Option("missingkey=default")
	} else {
		p.template.Option("missingkey=error")
	}
}

// PrintObj runs the template over obj as decoded JSON (numbers are
// float64, as upstream gives them to the template).
func (p *GoTemplatePrinter) PrintObj(obj map[string]any, w io.Writer) error {
	data, err := json.Marshal(obj)
	if err != nil {
		return err
	}
	out := map[string]any{}
	if err := json.Unmarshal(data, &out); err != nil {
		return err
	}
	if err := p.safeExecute(w, out); err != nil {
		fmt.Fprintf(w, "Error executing template: %v. Printing more information for debugging the template:\n", err)
		fmt.Fprintf(w, "\ttemplate was:\n\t\t%v\n", p.rawTemplate)
		fmt.Fprintf(w, "\traw data was:\n\t\t%v\n", string(data))
		fmt.Fprintf(w, "\tobject given to template engine was:\n\t\t%+v\n\n", out)
		return fmt.Errorf("error executing template %q: %v", p.rawTemplate, err)
	}
	return nil
}

// safeExecute turns a panic inside a template function into an error.
func (p *GoTemplatePrinter) safeExecute(w io.Writer, obj any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("caught panic: %+v", r)
		}
	}()
	return p.template.Execute(w, obj)
}

// exists reports whether item[indices[0]][indices[1]]... can be read: each
// step a map key that is present or an index inside a list.
func exists(item any, indices ...any) bool {
	for _, index := range indices {
		switch v := item.(type) {
		case map[string]any:
			key, ok := index.(string)
			if !ok {
				return false
			}
			if item, ok = v[key]; !ok {
				return false
			}
		case []any:
			i, ok := index.(int)
			if !ok || i < 0 || i >= len(v) {
				return false
			}
			item = v[i]
		default:
			return false
		}
	}
	return item != nil
}

func base64decode(v string) (string, error) {
	data, err := base64.StdEncoding.DecodeString(v)
	if err != nil {
		return "", fmt.Errorf("base64 decode failed: %v", err)
	}
	return string(data), nil
}
