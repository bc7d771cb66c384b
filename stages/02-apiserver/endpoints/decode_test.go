package endpoints

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

// Talk 002's mistake — a pod spec indented one level too little — and a
// key written twice: what each fieldValidation directive does with them.
// kubectl sends Strict; a server without the parameter uses Warn.
func TestFieldValidation(t *testing.T) {
	// "foo" under spec is unknown; "replicas" is given twice.
	body := `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"NAME"},
"spec":{"replicas":1,"replicas":2,"foo":true,"selector":{"matchLabels":{"app":"x"}},
"template":{"metadata":{"labels":{"app":"x"}},"spec":{"containers":[{"name":"x","image":"x","Image":"y"}]}}}}`
	wantProblems := []string{ // in path order
		`unknown field "spec.foo"`,
		`duplicate field "spec.replicas"`,
		`unknown field "spec.template.spec.containers[0].Image"`,
	}
	for _, tc := range []struct {
		name, directive string
		code            int
		warnings        []string
		message         string
	}{
		{"strict refuses", "Strict", http.StatusBadRequest, nil,
			`Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: ` + strings.Join(wantProblems, ", ")},
		{"warn accepts and warns", "Warn", http.StatusCreated, wantProblems, ""},
		{"default is warn", "", http.StatusCreated, wantProblems, ""},
		{"ignore is silent", "Ignore", http.StatusCreated, nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestServer(t, Options{})
			path := deploymentsPath
			if tc.directive != "" {
				path += "?fieldValidation=" + tc.directive
			}
			r := s.do(call{method: http.MethodPost, path: path, body: strings.ReplaceAll(body, "NAME", "web")})
			if r.code != tc.code {
				t.Fatalf("code = %d, want %d: %s", r.code, tc.code, r.body)
			}
			var warnings []string
			for _, w := range r.header.Values("Warning") {
				text := strings.TrimSuffix(strings.TrimPrefix(w, `299 - "`), `"`)
				warnings = append(warnings, strings.ReplaceAll(text, `\"`, `"`))
			}
			if !slices.Equal(warnings, tc.warnings) {
				t.Errorf("warnings = %q\nwant %q", warnings, tc.warnings)
			}
			if tc.message != "" {
				if got := r.status(t).Message; got != tc.message {
					t.Errorf("message = %q\nwant %q", got, tc.message)
				}
				return
			}
			// Accepted: the last duplicate wins, and "Image" did not
			// sneak into image through encoding/json's case folding.
			obj := r.object(t)
			spec := obj["spec"].(map[string]any)
			container := spec["template"].(map[string]any)["spec"].(map[string]any)["containers"].([]any)[0].(map[string]any)
			if spec["replicas"] != 2.0 || container["image"] != "x" || spec["foo"] != nil {
				t.Errorf("stored spec = %v", spec)
			}
		})
	}
}

func TestWarningHeaderFormat(t *testing.T) {
	s := newTestServer(t, Options{})
	r := s.mustDo(call{method: http.MethodPost, path: "/api/v1/namespaces/default/configmaps", body: `{"metadata":{"name":"c"},"dta":{"k":"v"}}`}, http.StatusCreated)
	if got := r.header.Get("Warning"); got != `299 - "unknown field \"dta\""` {
		t.Errorf("Warning = %s", got)
	}
}

// A body may leave out kind and apiVersion (they default to the URL's) and
// may be YAML.
func TestDecodeDefaultsAndYAML(t *testing.T) {
	s := newTestServer(t, Options{})
	for _, tc := range []struct {
		name, contentType, body string
	}{
		{"json without header", mediaJSON, `{"metadata":{"name":"a"},"data":{"k":"v"}}`},
		{"yaml", mediaYAML, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\ndata:\n  k: v\n"},
		{"json with charset", "application/json; charset=utf-8", `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}}`},
		{"no content type", "", `{"metadata":{"name":"d"}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			header := []string{"Content-Type: " + tc.contentType}
			r := s.mustDo(call{method: http.MethodPost, path: "/api/v1/namespaces/default/configmaps", body: tc.body, header: header}, http.StatusCreated)
			obj := r.object(t)
			if obj["kind"] != "ConfigMap" || obj["apiVersion"] != "v1" || obj["metadata"].(map[string]any)["namespace"] != "default" {
				t.Errorf("created = %s", r.body)
			}
		})
	}
}

// A YAML body's repeated keys are found before its conversion to JSON
// keeps only the last one.
func TestYAMLDuplicateFields(t *testing.T) {
	s := newTestServer(t, Options{})
	body := "metadata:\n  name: a\n  name: b\n"
	r := s.do(call{method: http.MethodPost, path: "/api/v1/namespaces/default/configmaps?fieldValidation=Strict", body: body, header: []string{"Content-Type: application/yaml"}})
	want := `ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: duplicate field "metadata.name"`
	if r.code != http.StatusBadRequest || r.status(t).Message != want {
		t.Errorf("= %d %s\nwant 400 %q", r.code, r.body, want)
	}
	r = s.mustDo(call{method: http.MethodPost, path: "/api/v1/namespaces/default/configmaps", body: body, header: []string{"Content-Type: application/yaml"}}, http.StatusCreated)
	if name := r.object(t)["metadata"].(map[string]any)["name"]; name != "b" {
		t.Errorf("created %v, want the last name, b", name)
	}
}

func TestSummarize(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"empty", "", "<empty>"},
		{"short json", `{"a":1}`, `{"a":1}`},
		{"long json", `{"0123456789":"0123456789012345"}`, `{"0123456789":"012345678901234 ...`},
		{"yaml in hex", "a: b", "613a2062"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := summarize([]byte(tc.data), 30); got != tc.want {
				t.Errorf("summarize = %q, want %q", got, tc.want)
			}
		})
	}
}
