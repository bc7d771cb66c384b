package printers

import (
	"bytes"
	"strings"
	"testing"
)

func podObject(name string) map[string]any {
	return map[string]any{
		"apiVersion": "v1", "kind": "Pod",
		"metadata": map[string]any{"name": name, "namespace": "default"},
		"spec":     map[string]any{"replicas": float64(1000000), "note": "<none> & more"},
	}
}

func printString(t *testing.T, p Printer, objs ...map[string]any) (string, error) {
	t.Helper()
	var out bytes.Buffer
	var err error
	for _, o := range objs {
		if err = p.PrintObj(o, &out); err != nil {
			break
		}
	}
	return out.String(), err
}

func TestJSONPrinter(t *testing.T) {
	got, err := printString(t, &JSONPrinter{}, podObject("web"))
	if err != nil {
		t.Fatal(err)
	}
	want := `{
    "apiVersion": "v1",
    "kind": "Pod",
    "metadata": {
        "name": "web",
        "namespace": "default"
    },
    "spec": {
        "note": "\u003cnone\u003e \u0026 more",
        "replicas": 1000000
    }
}
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}

	var event bytes.Buffer
	if err := PrintEvent(&JSONPrinter{}, "ADDED", map[string]any{"kind": "Pod", "apiVersion": "v1"}, &event); err != nil {
		t.Fatal(err)
	}
	if event.String() != `{"type":"ADDED","object":{"apiVersion":"v1","kind":"Pod"}}`+"\n" {
		t.Errorf("event = %q", event.String())
	}
}

func TestYAMLPrinterSeparatesDocuments(t *testing.T) {
	p := &YAMLPrinter{}
	got, err := printString(t, p, podObject("a"), podObject("b"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(got, "---\n") != 1 || !strings.HasPrefix(got, "apiVersion: v1\n") || !strings.Contains(got, "\n---\napiVersion: v1\n") {
		t.Errorf("two documents expected, separated once:\n%s", got)
	}
	if !strings.Contains(got, "  note: <none> & more\n  replicas: 1000000\n") {
		t.Errorf("YAML keeps strings and whole numbers readable:\n%s", got)
	}

	var event bytes.Buffer
	if err := PrintEvent(&YAMLPrinter{}, "DELETED", map[string]any{"kind": "Pod", "apiVersion": "v1"}, &event); err != nil {
		t.Fatal(err)
	}
	if event.String() != "object:\n  apiVersion: v1\n  kind: Pod\ntype: DELETED\n" {
		t.Errorf("event = %q", event.String())
	}
}

func TestPrintersRefuseObjectsWithoutKind(t *testing.T) {
	noKind := map[string]any{"metadata": map[string]any{"name": "x"}}
	for _, p := range []Printer{&JSONPrinter{}, &YAMLPrinter{}, &NamePrinter{}} {
		if _, err := printString(t, p, noKind); err == nil || err.Error() != errMissingKind {
			t.Errorf("%T: error = %v, want %q", p, err, errMissingKind)
		}
	}
}

// Talk 000, "kubectl": `kubectl create deployment nginx` answers
// "deployment.apps/nginx created".
func TestNamePrinter(t *testing.T) {
	tests := []struct {
		name    string
		printer NamePrinter
		obj     map[string]any
		want    string
		wantErr string
	}{
		{name: "core group", printer: NamePrinter{ShortOutput: true}, obj: podObject("web"), want: "pod/web\n"},
		{name: "named group", printer: NamePrinter{ShortOutput: true},
			obj: map[string]any{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": map[string]any{"name": "nginx"}}, want: "deployment.apps/nginx\n"},
		{name: "operation", printer: NamePrinter{Operation: "created"},
			obj: map[string]any{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": map[string]any{"name": "nginx"}}, want: "deployment.apps/nginx created\n"},
		{name: "short output drops the operation", printer: NamePrinter{Operation: "created", ShortOutput: true},
			obj: podObject("web"), want: "pod/web\n"},
		{name: "no name", printer: NamePrinter{}, obj: map[string]any{"apiVersion": "v1", "kind": "Pod"}, want: "pod/<unknown>\n"},
		{name: "list items get the list's kind", printer: NamePrinter{ShortOutput: true},
			obj: map[string]any{"apiVersion": "apps/v1", "kind": "DeploymentList", "items": []any{
				map[string]any{"metadata": map[string]any{"name": "a"}},
				map[string]any{"apiVersion": "v1", "kind": "Service", "metadata": map[string]any{"name": "b"}},
			}},
			want: "deployment.apps/a\nservice/b\n"},
		{name: "apiVersion without kind", printer: NamePrinter{},
			obj: map[string]any{"apiVersion": "v1", "metadata": map[string]any{"name": "x"}}, wantErr: "missing kind for resource with name x"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := printString(t, &tc.printer, tc.obj)
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
	var event bytes.Buffer
	if err := PrintEvent(&NamePrinter{ShortOutput: true}, "MODIFIED", podObject("web"), &event); err != nil || event.String() != "pod/web\n" {
		t.Errorf("event = %q, %v", event.String(), err)
	}
}

func TestOmitManagedFields(t *testing.T) {
	managed := func(name string) map[string]any {
		return map[string]any{"apiVersion": "v1", "kind": "Pod", "metadata": map[string]any{
			"name": name, "managedFields": []any{map[string]any{"manager": "kubectl"}}}}
	}
	obj := managed("a")
	list := map[string]any{"apiVersion": "v1", "kind": "List", "items": []any{managed("b"), "not an object"}}
	p := &OmitManagedFieldsPrinter{Delegate: &JSONPrinter{}}
	got, err := printString(t, p, obj)
	if err != nil || strings.Contains(got, "managedFields") {
		t.Errorf("object: %v\n%s", err, got)
	}
	got, err = printString(t, &OmitManagedFieldsPrinter{Delegate: &NamePrinter{ShortOutput: true}}, list)
	if err != nil || got != "pod/b\n" {
		t.Errorf("list through name printer = %q, %v", got, err)
	}
	got, _ = printString(t, p, list)
	if strings.Contains(got, "managedFields") {
		t.Errorf("list items keep managedFields:\n%s", got)
	}
	if _, ok := obj["metadata"].(map[string]any)["managedFields"]; !ok {
		t.Errorf("the caller's object lost its managedFields")
	}
	var event bytes.Buffer
	if err := PrintEvent(p, "ADDED", managed("c"), &event); err != nil || !strings.Contains(event.String(), "managedFields") {
		t.Errorf("events pass through unchanged, as upstream: %q, %v", event.String(), err)
	}
}

// The brief's example and upstream's wording for a failing template.
func TestJSONPathPrinterError(t *testing.T) {
	p, err := NewJSONPathPrinter("{.foo}")
	if err != nil {
		t.Fatal(err)
	}
	got, err := printString(t, p, map[string]any{"kind": "Pod", "n": float64(3)})
	if got != "" {
		t.Errorf("a failing template printed %q", got)
	}
	want := "error executing jsonpath \"{.foo}\": Error executing template: foo is not found. Printing more information for debugging the template:\n" +
		"\ttemplate was:\n\t\t{.foo}\n" +
		"\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{\"kind\":\"Pod\", \"n\":3}\n\n"
	if err == nil || err.Error() != want {
		t.Fatalf("error =\n%v\nwant\n%s", err, want)
	}

	p.AllowMissingKeys(true)
	if got, err := printString(t, p, map[string]any{"kind": "Pod"}); got != "" || err != nil {
		t.Errorf("with missing keys allowed: %q, %v", got, err)
	}
}

func TestGoTemplatePrinter(t *testing.T) {
	secret := map[string]any{"apiVersion": "v1", "kind": "Secret", "metadata": map[string]any{"name": "db"},
		"data": map[string]any{"password": "c2VjcmV0"}, "list": []any{"x"}}
	tests := []struct {
		name, template string
		allowMissing   bool
		want           string
		wantErr        string
	}{
		{name: "fields", template: "{{.kind}}/{{.metadata.name}}", allowMissing: true, want: "Secret/db"},
		{name: "base64decode", template: `{{.data.password | base64decode}}`, allowMissing: true, want: "secret"},
		{name: "exists", template: `{{exists . "data" "password"}} {{exists . "data" "user"}} {{exists . "list" 0}} {{exists . "list" 1}}`,
			allowMissing: true, want: "true false true false"},
		{name: "missing key prints <no value>", template: "{{.spec}}", allowMissing: true, want: "<no value>"},
		{name: "missing key fails", template: "{{.metadata.uid}}",
			wantErr: `error executing template "{{.metadata.uid}}": template: output:1:11: executing "output" at <.metadata.uid>: map has no entry for key "uid"`},
		{name: "bad base64", template: `{{.kind | base64decode}}`, allowMissing: true,
			wantErr: `error executing template "{{.kind | base64decode}}": template: output:1:10: executing "output" at <base64decode>: error calling base64decode: base64 decode failed: illegal base64 data at input byte 4`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := NewGoTemplatePrinter([]byte(tc.template))
			if err != nil {
				t.Fatal(err)
			}
			p.AllowMissingKeys(tc.allowMissing)
			got, err := printString(t, p, secret)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("error = %v\nwant %s", err, tc.wantErr)
				}
				if !strings.Contains(got, "Printing more information for debugging the template") {
					t.Errorf("upstream explains the failure on the output too; got %q", got)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}
