// PrintFlags: from the -o flag (and its companions) to a Printer.
//
// Interface:
//   - NewPrintFlags(operation): the formats of commands that print what
//     they did (create, apply, delete, scale, ...): json, yaml, name and
//     the templates; no -o prints "kind/name <operation>".
//   - NewGetPrintFlags(): `kubectl get`'s, which add the table (no -o, or
//     wide) and custom-columns.
//   - ToPrinter(): the Printer, or upstream's error for an unknown format:
//     unable to match a printer suitable for the output format "x",
//     allowed formats are: custom-columns,custom-columns-file,...
//   - ParseOutput(s): ToPrinter of NewGetPrintFlags with -o s.
//
// Formats are tried in upstream's order; a value of the form
// "jsonpath=TEMPLATE" carries its template, or --template does. Upstream:
// cli-runtime genericclioptions (PrintFlags, JSONYamlPrintFlags,
// NamePrintFlags, KubeTemplatePrintFlags) and kubectl pkg/cmd/get
// (PrintFlags, HumanPrintFlags, CustomColumnsPrintFlags).
package printers

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// PrintFlags are the output flags of one command.
type PrintFlags struct {
	// OutputFormat is -o: "", "wide", "json", "yaml", "name",
	// "jsonpath=...", "custom-columns=...", ...
	OutputFormat string
	// TemplateArgument is --template: the template when -o names only the
	// format (-o jsonpath --template '{.x}'); alone it means go-template.
	TemplateArgument string
	// AllowMissingTemplateKeys is --allow-missing-template-keys (default
	// true): a missing field prints nothing instead of failing.
	AllowMissingTemplateKeys bool
	// ShowManagedFields is --show-managed-fields; without it -o json and
	// -o yaml drop metadata.managedFields.
	ShowManagedFields bool
	// NoHeaders, ShowLabels, ShowKind and ColumnLabels (-L) shape tables.
	NoHeaders    bool
	ShowLabels   bool
	ShowKind     bool
	ColumnLabels []string
	// Operation is what the command did, for the name printer: "created".
	Operation string
	// ReadFile reads -o *-file=PATH templates; nil means os.ReadFile.
	ReadFile func(path string) ([]byte, error)

	// get says these are `kubectl get`'s flags (tables, custom columns).
	get bool
}

// NewPrintFlags returns the output flags of a command that reports
// "kind/name <operation>" by default.
func NewPrintFlags(operation string) *PrintFlags {
	return &PrintFlags{Operation: operation, AllowMissingTemplateKeys: true}
}

// NewGetPrintFlags returns `kubectl get`'s output flags.
func NewGetPrintFlags() *PrintFlags {
	return &PrintFlags{AllowMissingTemplateKeys: true, get: true}
}

// Complete rewrites Operation through messageTemplate, "%s (dry run)"
// turning "created" into "created (dry run)".
func (f *PrintFlags) Complete(messageTemplate string) {
	f.Operation = fmt.Sprintf(messageTemplate, f.Operation)
}

// IsHumanReadable reports whether `kubectl get` prints tables: no -o and no
// --template, or -o wide.
func (f *PrintFlags) IsHumanReadable() bool {
	return f.get && ((f.OutputFormat == "" && f.TemplateArgument == "") || f.OutputFormat == "wide")
}

var (
	jsonYAMLFormats     = []string{"json", "yaml"}
	nameFormats         = []string{"name"}
	jsonPathFormats     = []string{"jsonpath", "jsonpath-as-json", "jsonpath-file"}
	goTemplateFormats   = []string{"go-template", "go-template-file", "template", "templatefile"}
	customColumnFormats = []string{"custom-columns", "custom-columns-file"}
	humanFormats        = []string{"wide"}
)

// AllowedFormats lists the -o values these flags accept, sorted.
func (f *PrintFlags) AllowedFormats() []string {
	var all []string
	for _, set := range [][]string{jsonYAMLFormats, nameFormats, goTemplateFormats, jsonPathFormats} {
		all = append(all, set...)
	}
	if f.get {
		all = append(append(all, customColumnFormats...), humanFormats...)
	}
	sort.Strings(all)
	return all
}

// NoCompatiblePrinterError says that no printer handles an -o value.
type NoCompatiblePrinterError struct {
	OutputFormat   string
	AllowedFormats []string
}

func (e NoCompatiblePrinterError) Error() string {
	allowed := append([]string(nil), e.AllowedFormats...)
	sort.Strings(allowed)
	return fmt.Sprintf("unable to match a printer suitable for the output format %q, allowed formats are: %s",
		e.OutputFormat, strings.Join(allowed, ","))
}

// IsNoCompatiblePrinterError reports whether err is a NoCompatiblePrinterError.
func IsNoCompatiblePrinterError(err error) bool {
	var e NoCompatiblePrinterError
	return errors.As(err, &e)
}

// errNoMatch marks "not my format" between the steps of ToPrinter.
var errNoMatch = errors.New("no matching printer")

// ToPrinter returns the Printer for the flags. For `kubectl get` with no
// -o (or -o wide) it is a *TablePrinter; PrintGet and NewWatchPrinter
// build the table printers per resource themselves.
func (f *PrintFlags) ToPrinter() (Printer, error) {
	format := f.OutputFormat
	if f.TemplateArgument != "" && format == "" {
		format = "go-template"
	}
	steps := []func(string) (Printer, error){f.jsonYAMLPrinter, f.namePrinter, f.templatePrinter}
	if f.get {
		steps = []func(string) (Printer, error){f.templatePrinter, f.jsonYAMLPrinter, f.humanPrinter, f.customColumnsPrinter, f.namePrinter}
	}
	for _, step := range steps {
		if p, err := step(format); !errors.Is(err, errNoMatch) {
			return p, err
		}
	}
	return nil, NoCompatiblePrinterError{OutputFormat: format, AllowedFormats: f.AllowedFormats()}
}

// ParseOutput returns `kubectl get`'s printer for -o s, with the default
// companion flags.
func ParseOutput(s string) (Printer, error) {
	f := NewGetPrintFlags()
	f.OutputFormat = s
	return f.ToPrinter()
}

func (f *PrintFlags) jsonYAMLPrinter(format string) (Printer, error) {
	var p Printer
	switch strings.ToLower(format) {
	case "json":
		p = &JSONPrinter{}
	case "yaml":
		p = &YAMLPrinter{}
	default:
		return nil, errNoMatch
	}
	if !f.ShowManagedFields {
		p = &OmitManagedFieldsPrinter{Delegate: p}
	}
	return p, nil
}

func (f *PrintFlags) namePrinter(format string) (Printer, error) {
	switch strings.ToLower(format) {
	case "name":
		return &NamePrinter{ShortOutput: true, Operation: f.Operation}, nil
	case "":
		return &NamePrinter{Operation: f.Operation}, nil
	}
	return nil, errNoMatch
}

func (f *PrintFlags) humanPrinter(format string) (Printer, error) {
	if format != "" && format != "wide" {
		return nil, errNoMatch
	}
	return NewTablePrinter(f.tableOptions(metav1.GroupKind{}, false, false)), nil
}

// tableOptions are the table options for one resource.
func (f *PrintFlags) tableOptions(kind metav1.GroupKind, withNamespace, withKind bool) PrintOptions {
	return PrintOptions{
		NoHeaders:     f.NoHeaders,
		WithNamespace: withNamespace,
		WithKind:      withKind || f.ShowKind,
		Kind:          kind,
		Wide:          f.OutputFormat == "wide",
		ShowLabels:    f.ShowLabels,
		ColumnLabels:  f.ColumnLabels,
	}
}

// splitTemplate separates "format=template" for the formats given; the
// --template flag, when set, is the template instead.
func (f *PrintFlags) splitTemplate(format string, formats []string) (name, template string, ok bool) {
	name, template = format, f.TemplateArgument
	if f.TemplateArgument == "" {
		for _, candidate := range formats {
			if value, found := strings.CutPrefix(format, candidate+"="); found {
				name, template = candidate, value
				break
			}
		}
	}
	for _, candidate := range formats {
		if name == candidate {
			return name, template, true
		}
	}
	return "", "", false
}

func (f *PrintFlags) readFile(path string) ([]byte, error) {
	if f.ReadFile != nil {
		return f.ReadFile(path)
	}
	return os.ReadFile(path)
}

// templatePrinter handles the jsonpath formats, then the go-template ones.
func (f *PrintFlags) templatePrinter(format string) (Printer, error) {
	if name, tmpl, ok := f.splitTemplate(format, jsonPathFormats); ok {
		if tmpl == "" {
			return nil, errors.New("template format specified but no template given")
		}
		if name == "jsonpath-file" {
			data, err := f.readFile(tmpl)
			if err != nil {
				return nil, fmt.Errorf("error reading --template %s, %v", tmpl, err)
			}
			tmpl = string(data)
		}
		p, err := NewJSONPathPrinter(tmpl)
		if err != nil {
			return nil, fmt.Errorf("error parsing jsonpath %s, %v", tmpl, err)
		}
		p.AllowMissingKeys(f.AllowMissingTemplateKeys)
		p.EnableJSONOutput(name == "jsonpath-as-json")
		return p, nil
	}
	if name, tmpl, ok := f.splitTemplate(format, goTemplateFormats); ok {
		if tmpl == "" {
			return nil, errors.New("template format specified but no template given")
		}
		if name == "templatefile" || name == "go-template-file" {
			data, err := f.readFile(tmpl)
			if err != nil {
				return nil, fmt.Errorf("error reading --template %s, %v", tmpl, err)
			}
			tmpl = string(data)
		}
		p, err := NewGoTemplatePrinter([]byte(tmpl))
		if err != nil {
			return nil, fmt.Errorf("error parsing template %s, %v", tmpl, err)
		}
		p.AllowMissingKeys(f.AllowMissingTemplateKeys)
		return p, nil
	}
	return nil, errNoMatch
}

func (f *PrintFlags) customColumnsPrinter(format string) (Printer, error) {
	if format == "" {
		return nil, errNoMatch
	}
	name, spec, ok := f.splitTemplate(format, customColumnFormats)
	if !ok {
		return nil, errNoMatch
	}
	if spec == "" {
		return nil, errors.New("custom-columns format specified but no custom columns given")
	}
	if name == "custom-columns-file" {
		data, err := f.readFile(spec)
		if err != nil {
			return nil, fmt.Errorf("error reading template %s, %v", spec, err)
		}
		return NewCustomColumnsPrinterFromTemplate(strings.NewReader(string(data)))
	}
	return NewCustomColumnsPrinterFromSpec(spec, f.NoHeaders)
}
