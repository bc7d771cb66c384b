package schema

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kubeworkbook/kubeworkbook/shared/codec"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

func TestParseDirective(t *testing.T) {
	tests := []struct {
		name    string
		flag    string
		want    Directive
		wantErr string
	}{
		{name: "strict", flag: "strict", want: Strict},
		{name: "warn", flag: "warn", want: Warn},
		{name: "ignore", flag: "ignore", want: Ignore},
		{name: "true means strict", flag: "true", want: Strict},
		{name: "false means ignore", flag: "false", want: Ignore},
		{name: "any boolean spelling", flag: "0", want: Ignore},
		{name: "upper case is not a mode", flag: "Strict", want: Strict, wantErr: `invalid - validate option "Strict"; must be one of: strict (or true), warn, ignore (or false)`},
		{name: "empty", flag: "", want: Strict, wantErr: `invalid - validate option ""; must be one of: strict (or true), warn, ignore (or false)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseDirective(tc.flag)
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if got != tc.want || gotErr != tc.wantErr {
				t.Errorf("ParseDirective(%q) = %q, %q; want %q, %q", tc.flag, got, gotErr, tc.want, tc.wantErr)
			}
		})
	}
}

// Talk 000, "Client side validation", with --validate as upstream kubectl
// takes it; talk 002's Deployment is the manifest.
func TestCheck(t *testing.T) {
	talk002 := mustRead(t, "testdata/talk002-deployment.yaml")
	tests := []struct {
		name         string
		manifest     string
		source       Source
		directive    Directive
		wantWarnings []string
		wantErr      string
	}{
		{
			name:      "strict fails with every problem in upstream's wording",
			manifest:  talk002,
			directive: Strict,
			wantErr: `error validating data: [` +
				`unknown field "spec.spec": check the indentation: "spec" is a field of spec.template, ` +
				`spec.spec.containers[0].image: Invalid value: "nginx 1.23.2-alpine": invalid reference format: an image reference may not contain spaces; did you mean "nginx:1.23.2-alpine"?, ` +
				`unknown field "spec.spec.ports": check the indentation: "ports" is a field of spec.template.spec.containers[*], ` +
				`spec.template.spec.containers: Required value, ` +
				`unknown field "spec.volumes": check the indentation: "volumes" is a field of spec.template.spec]; ` +
				`if you choose to ignore these errors, turn validation off with --validate=false`,
		},
		{
			name:      "warn returns the problems as warnings",
			manifest:  talk002,
			directive: Warn,
			wantWarnings: []string{
				`unknown field "spec.spec": check the indentation: "spec" is a field of spec.template`,
				`spec.spec.containers[0].image: Invalid value: "nginx 1.23.2-alpine": invalid reference format: an image reference may not contain spaces; did you mean "nginx:1.23.2-alpine"?`,
				`unknown field "spec.spec.ports": check the indentation: "ports" is a field of spec.template.spec.containers[*]`,
				`spec.template.spec.containers: Required value`,
				`unknown field "spec.volumes": check the indentation: "volumes" is a field of spec.template.spec`,
			},
		},
		{name: "ignore checks nothing", manifest: talk002, directive: Ignore},
		{name: "a valid manifest passes strict", manifest: validDeployment, directive: Strict},
		{
			name:      "one problem is printed without brackets",
			manifest:  "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {port: 80}\n",
			directive: Strict,
			wantErr:   `error validating data: data[port]: Invalid value: 80: must be of type string; quote the value to make it one: "80"; if you choose to ignore these errors, turn validation off with --validate=false`,
		},
		{
			// Upstream skips schema validation for a kind it has no schema
			// for and lets the server decide.
			name:      "kind without a schema is left to the server",
			manifest:  "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {anything: 1}\n",
			directive: Strict,
		},
		{
			name:      "broken server document fails even under warn",
			manifest:  validDeployment,
			source:    func(string) ([]byte, error) { return []byte("not json"), nil },
			directive: Warn,
			wantErr:   `error validating data: server's schema for apps/v1: load openapi document: invalid character 'o' in literal null (expecting 'u'); if you choose to ignore these errors, turn validation off with --validate=false`,
		},
		{
			name:      "an unknown directive counts as strict",
			manifest:  "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n",
			directive: Directive("Loud"),
			wantErr:   `error validating data: spec.containers: Required value; if you choose to ignore these errors, turn validation off with --validate=false`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			warnings, err := NewValidator(tc.source).Check(manifest(t, tc.manifest), tc.directive)
			if diff := cmp.Diff(tc.wantWarnings, warnings); diff != "" {
				t.Errorf("Check() warnings (-want +got):\n%s", diff)
			}
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if gotErr != tc.wantErr {
				t.Errorf("Check() error\n got: %s\nwant: %s", gotErr, tc.wantErr)
			}
		})
	}
}

// A caller can reach each field error, e.g. to count them or to print one
// per line.
func TestValidationErrorUnwrap(t *testing.T) {
	_, err := NewValidator(nil).Check(manifest(t, "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n"), Strict)
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Errors) != 1 {
		t.Fatalf("Check() error = %v, want a ValidationError with one field error", err)
	}
	var fe *field.Error
	if !errors.As(err, &fe) || fe.Field != "spec.containers" || fe.Type != field.ErrorTypeRequired {
		t.Errorf("errors.As(*field.Error) = %+v, want spec.containers Required", fe)
	}
}

// Talk 000, "Client side validation": a key given twice in a manifest is
// refused with its path, as the API server's strict decoding refuses it;
// the decoded object alone no longer shows it.
func TestCheckManifestDuplicates(t *testing.T) {
	manifests, err := codec.ReadManifests(strings.NewReader("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: dup, name: dup2}\ndata: {a: x, b: w, a: z}\n"))
	if err != nil {
		t.Fatal(err)
	}
	v := NewValidator(nil)
	want := `error validating data: [data.a: Duplicate value: duplicate field "data.a": the key is given more than once and only its last value would be kept, ` +
		`metadata.name: Duplicate value: duplicate field "metadata.name": the key is given more than once and only its last value would be kept]; ` + StopValidateMessage
	if _, err := v.CheckManifest(manifests[0], Strict); err == nil || err.Error() != want {
		t.Errorf("Strict:\n%v\nwant:\n%s", err, want)
	}
	warnings, err := v.CheckManifest(manifests[0], Warn)
	if err != nil || len(warnings) != 2 {
		t.Errorf("Warn: %q, %v; want two warnings", warnings, err)
	}
	if _, err := v.Check(manifests[0].Object, Strict); err != nil {
		t.Errorf("Check of the decoded object alone: %v; the duplicates are only in the text", err)
	}
}
