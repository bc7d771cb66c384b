package printers

import (
	"errors"
	"fmt"
	"testing"
)

const getAllowed = "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml"

// Talk 000, "kubectl": every -o value kubectl get accepts, and the printer
// it selects.
func TestParseOutput(t *testing.T) {
	tests := []struct {
		output string
		want   string // the printer's type, as %T prints it
	}{
		{"", "*printers.TablePrinter"},
		{"wide", "*printers.TablePrinter"},
		{"json", "*printers.OmitManagedFieldsPrinter"},
		{"JSON", "*printers.OmitManagedFieldsPrinter"},
		{"yaml", "*printers.OmitManagedFieldsPrinter"},
		{"name", "*printers.NamePrinter"},
		{"jsonpath={.metadata.name}", "*printers.JSONPathPrinter"},
		{"jsonpath-as-json={.metadata.name}", "*printers.JSONPathPrinter"},
		{"go-template={{.metadata.name}}", "*printers.GoTemplatePrinter"},
		{"template={{.metadata.name}}", "*printers.GoTemplatePrinter"},
		{"custom-columns=NAME:.metadata.name", "*printers.CustomColumnsPrinter"},
	}
	for _, tc := range tests {
		t.Run(tc.output, func(t *testing.T) {
			p, err := ParseOutput(tc.output)
			if err != nil {
				t.Fatalf("ParseOutput(%q): %v", tc.output, err)
			}
			if got := fmt.Sprintf("%T", p); got != tc.want {
				t.Errorf("ParseOutput(%q) = %s, want %s", tc.output, got, tc.want)
			}
		})
	}
}

func TestParseOutputErrors(t *testing.T) {
	tests := []struct {
		name, output, want string
	}{
		{"unknown format", "yml", `unable to match a printer suitable for the output format "yml", allowed formats are: ` + getAllowed},
		{"format names are case-sensitive for wide", "WIDE", `unable to match a printer suitable for the output format "WIDE", allowed formats are: ` + getAllowed},
		{"jsonpath without template", "jsonpath", "template format specified but no template given"},
		{"jsonpath with empty template", "jsonpath=", "template format specified but no template given"},
		{"go-template without template", "go-template", "template format specified but no template given"},
		{"bad jsonpath", "jsonpath={.metadata.name", "error parsing jsonpath {.metadata.name, unclosed action"},
		{"bad go-template", "go-template={{.metadata.name", "error parsing template {{.metadata.name, template: output:1: unclosed action"},
		{"custom-columns without spec", "custom-columns", "custom-columns format specified but no custom columns given"},
		{"custom-columns without path", "custom-columns=NAME", "unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>"},
		{"custom-columns with braces inside", "custom-columns=NAME:{.a{b}}", "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseOutput(tc.output)
			if err == nil || err.Error() != tc.want {
				t.Fatalf("ParseOutput(%q) error = %v\nwant %s", tc.output, err, tc.want)
			}
		})
	}
	_, err := ParseOutput("yml")
	if !IsNoCompatiblePrinterError(err) {
		t.Errorf("IsNoCompatiblePrinterError(%v) = false", err)
	}
	if IsNoCompatiblePrinterError(errors.New("other")) {
		t.Errorf("IsNoCompatiblePrinterError(other) = true")
	}
}

// Commands other than get (create, apply, delete) print "kind/name verb"
// by default and know no tables.
func TestPrintFlagsForOtherCommands(t *testing.T) {
	f := NewPrintFlags("created")
	f.OutputFormat = "wide"
	_, err := f.ToPrinter()
	want := `unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml`
	if err == nil || err.Error() != want {
		t.Fatalf("ToPrinter error = %v\nwant %s", err, want)
	}
	if f.IsHumanReadable() {
		t.Errorf("IsHumanReadable() for create's flags")
	}

	f.OutputFormat = ""
	f.Complete("%s (server dry run)")
	p, err := f.ToPrinter()
	if err != nil {
		t.Fatal(err)
	}
	if np, ok := p.(*NamePrinter); !ok || np.ShortOutput || np.Operation != "created (server dry run)" {
		t.Errorf("ToPrinter() = %#v, want a NamePrinter for %q", p, "created (server dry run)")
	}
}

func TestPrintFlagsTemplates(t *testing.T) {
	tests := []struct {
		name     string
		output   string
		template string
		files    map[string]string
		want     string
		wantErr  string
	}{
		{name: "--template alone is a go-template", template: "{{.kind}}", want: "*printers.GoTemplatePrinter"},
		{name: "-o jsonpath --template", output: "jsonpath", template: "{.kind}", want: "*printers.JSONPathPrinter"},
		{name: "--template wins over an inline template", output: "jsonpath={.a}", template: "{.kind}",
			wantErr: `unable to match a printer suitable for the output format "jsonpath={.a}", allowed formats are: ` + getAllowed},
		{name: "jsonpath-file", output: "jsonpath-file=names.txt", files: map[string]string{"names.txt": "{.kind}"}, want: "*printers.JSONPathPrinter"},
		{name: "go-template-file", output: "go-template-file=t.tmpl", files: map[string]string{"t.tmpl": "{{.kind}}"}, want: "*printers.GoTemplatePrinter"},
		{name: "templatefile", output: "templatefile=t.tmpl", files: map[string]string{"t.tmpl": "{{.kind}}"}, want: "*printers.GoTemplatePrinter"},
		{name: "custom-columns-file", output: "custom-columns-file=cols.txt", files: map[string]string{"cols.txt": "NAME\n.metadata.name\n"}, want: "*printers.CustomColumnsPrinter"},
		{name: "missing jsonpath-file", output: "jsonpath-file=missing.txt", wantErr: "error reading --template missing.txt, open missing.txt: file does not exist"},
		{name: "missing custom-columns-file", output: "custom-columns-file=missing.txt", wantErr: "error reading template missing.txt, open missing.txt: file does not exist"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := NewGetPrintFlags()
			f.OutputFormat, f.TemplateArgument = tc.output, tc.template
			f.ReadFile = func(path string) ([]byte, error) {
				if data, ok := tc.files[path]; ok {
					return []byte(data), nil
				}
				return nil, fmt.Errorf("open %s: file does not exist", path)
			}
			p, err := f.ToPrinter()
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("error = %v\nwant %s", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := fmt.Sprintf("%T", p); got != tc.want {
				t.Errorf("printer = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestIsHumanReadable(t *testing.T) {
	tests := []struct {
		output, template string
		want             bool
	}{
		{"", "", true},
		{"wide", "", true},
		{"yaml", "", false},
		{"", "{{.kind}}", false},
		{"custom-columns=A:.a", "", false},
	}
	for _, tc := range tests {
		f := NewGetPrintFlags()
		f.OutputFormat, f.TemplateArgument = tc.output, tc.template
		if got := f.IsHumanReadable(); got != tc.want {
			t.Errorf("IsHumanReadable(-o %q --template %q) = %v, want %v", tc.output, tc.template, got, tc.want)
		}
	}
}
