package printers

import (
	"bytes"
	"strings"
	"testing"
)

func TestRelaxedJSONPathExpression(t *testing.T) {
	tests := []struct {
		in, want, wantErr string
	}{
		{in: "metadata.name", want: "{.metadata.name}"},
		{in: ".metadata.name", want: "{.metadata.name}"},
		{in: "{metadata.name}", want: "{.metadata.name}"},
		{in: "{.metadata.name}", want: "{.metadata.name}"},
		{in: ".spec.containers[*].image", want: "{.spec.containers[*].image}"},
		{in: "", want: ""},
		{in: "{.a}{.b}", wantErr: "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := RelaxedJSONPathExpression(tc.in)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("error = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestCustomColumnsTemplateFile(t *testing.T) {
	tests := []struct {
		name, file string
		want       []Column
		wantErr    string
	}{
		{name: "two lines", file: "NAME   IMAGE\n.metadata.name   {.spec.containers[0].image}\n",
			want: []Column{{"NAME", "{.metadata.name}"}, {"IMAGE", "{.spec.containers[0].image}"}}},
		{name: "empty", file: "", wantErr: "invalid template, missing header line. Expected format is one line of space separated headers, one line of space separated column specs."},
		{name: "headers only", file: "NAME\n", wantErr: "invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs."},
		{name: "counts differ", file: "NAME IMAGE\n.metadata.name\n", wantErr: "number of headers (2) and field specifications (1) don't match"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := NewCustomColumnsPrinterFromTemplate(strings.NewReader(tc.file))
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("error = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Columns) != len(tc.want) {
				t.Fatalf("columns = %v, want %v", p.Columns, tc.want)
			}
			for i := range tc.want {
				if p.Columns[i] != tc.want[i] {
					t.Errorf("column %d = %v, want %v", i, p.Columns[i], tc.want[i])
				}
			}
		})
	}
}

// A column that selects nothing shows <none>; several values are joined
// with commas; objects print as fmt shows maps; control characters are
// escaped; the header comes once across calls.
func TestCustomColumnsPrinter(t *testing.T) {
	p, err := NewCustomColumnsPrinterFromSpec("NAME:.metadata.name,LABELS:.metadata.labels,PORTS:.spec.ports[*].port,NOTE:.note", false)
	if err != nil {
		t.Fatal(err)
	}
	svc := func(name string, ports ...float64) map[string]any {
		var list []any
		for _, port := range ports {
			list = append(list, map[string]any{"port": port})
		}
		return map[string]any{"kind": "Service", "metadata": map[string]any{"name": name, "labels": map[string]any{"app": name}},
			"spec": map[string]any{"ports": list}}
	}
	evil := svc("evil", 1)
	evil["note"] = "\x1b[2J"
	var out bytes.Buffer
	tw := NewTabWriter(&out)
	if err := p.PrintObj(map[string]any{"kind": "List", "items": []any{svc("web", 80, 443), svc("none")}}, tw); err != nil {
		t.Fatal(err)
	}
	if err := p.PrintObj(evil, tw); err != nil {
		t.Fatal(err)
	}
	tw.Flush()
	want := "NAME   LABELS          PORTS    NOTE\n" +
		"web    map[app:web]    80,443   <none>\n" +
		"none   map[app:none]   <none>   <none>\n" +
		"evil   map[app:evil]   1        ^[[2J\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}

	quiet, _ := NewCustomColumnsPrinterFromSpec("NAME:.metadata.name", true)
	out.Reset()
	if err := quiet.PrintObj(svc("web"), &out); err != nil || out.String() != "web\n" {
		t.Errorf("--no-headers: %q, %v", out.String(), err)
	}

	broken, _ := NewCustomColumnsPrinterFromSpec("NAME:.metadata[", false)
	if err := broken.PrintObj(svc("web"), &out); err == nil || err.Error() != "unterminated array" {
		t.Errorf("a path that does not parse: %v", err)
	}
}
