package schema

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// fakeSource serves documents by group-version and counts the requests.
type fakeSource struct {
	mu    sync.Mutex
	docs  map[string]string
	err   error
	calls map[string]int
}

func (f *fakeSource) get(gv string) ([]byte, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.calls == nil {
		f.calls = map[string]int{}
	}
	f.calls[gv]++
	if f.err != nil {
		return nil, f.err
	}
	doc, ok := f.docs[gv]
	if !ok {
		return nil, fmt.Errorf("the server could not find the requested resource")
	}
	return []byte(doc), nil
}

// badName is the API server's message for the widget's name.
const badName = `metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`

const widget = `
apiVersion: example.com/v1
kind: Widget
metadata: {name: Bad_Name}
spec: {size: "big"}
`

// Talk 000, "Client side validation" and "API discovery": the schema comes
// from the server when it has one, from the built-in copy otherwise.
func TestValidatorSources(t *testing.T) {
	tests := []struct {
		name       string
		source     *fakeSource // nil: NewValidator(nil)
		manifest   string
		want       []string
		wantErr    string // "" for none
		wantOrigin Origin
	}{
		{
			name:       "custom resource checked against the server's document",
			source:     &fakeSource{docs: map[string]string{"example.com/v1": widgetDoc}},
			manifest:   widget,
			want:       []string{badName, `spec.size: Invalid value: "big": must be of type integer`},
			wantOrigin: OriginServer,
		},
		{
			name:       "custom resource without any schema",
			manifest:   widget,
			want:       []string{badName},
			wantErr:    `no schema known for kind "Widget" in version "example.com/v1": the server's OpenAPI document was not available and there is no built-in copy of example.com/v1`,
			wantOrigin: OriginNone,
		},
		{
			name:       "server unreachable: built-in copy",
			source:     &fakeSource{err: errors.New("dial tcp 127.0.0.1:6443: connect: connection refused")},
			manifest:   validDeployment,
			wantOrigin: OriginBuiltin,
		},
		{
			name:       "server's document wins over the built-in one",
			source:     &fakeSource{docs: map[string]string{"apps/v1": widgetDoc}},
			manifest:   validDeployment,
			wantErr:    `no schema known for kind "Deployment" in version "apps/v1": the server's OpenAPI document for apps/v1 does not define it`,
			wantOrigin: OriginServer,
		},
		{
			name:       "kind missing from the built-in copy",
			manifest:   "apiVersion: apps/v1\nkind: Widget\nmetadata: {name: w}\n",
			wantErr:    `no schema known for kind "Widget" in version "apps/v1": the server's OpenAPI document was not available and the built-in Kubernetes v1.37 copy does not define it`,
			wantOrigin: OriginBuiltin,
		},
		{
			name:       "broken server document",
			source:     &fakeSource{docs: map[string]string{"apps/v1": `{"components": `}},
			manifest:   validDeployment,
			wantErr:    "server's schema for apps/v1: load openapi document: unexpected end of JSON input",
			wantOrigin: OriginServer,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var v *Validator
			if tc.source != nil {
				v = NewValidator(tc.source.get)
			} else {
				v = NewValidator(nil)
			}
			obj := manifest(t, tc.manifest)
			errs, err := v.Validate(obj)
			if diff := cmp.Diff(tc.want, messages(errs)); diff != "" {
				t.Errorf("Validate() messages (-want +got):\n%s", diff)
			}
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if gotErr != tc.wantErr {
				t.Errorf("Validate() error\n got: %s\nwant: %s", gotErr, tc.wantErr)
			}
			if strings.HasPrefix(tc.wantErr, "no schema") && !errors.Is(err, ErrNoSchema) {
				t.Errorf("Validate() error does not match ErrNoSchema")
			}
			if _, origin, _ := v.Document(obj["apiVersion"].(string)); origin != tc.wantOrigin {
				t.Errorf("Document() origin = %q, want %q", origin, tc.wantOrigin)
			}
		})
	}
}

// A second manifest of the same group-version sends no second request.
func TestValidatorAsksOncePerGroupVersion(t *testing.T) {
	src := &fakeSource{err: errors.New("offline")}
	v := NewValidator(src.get)
	for range 3 {
		if _, err := v.Validate(manifest(t, validDeployment)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := v.Validate(manifest(t, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n")); err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"apps/v1": 1, "v1": 1}
	if diff := cmp.Diff(want, src.calls); diff != "" {
		t.Errorf("source calls (-want +got):\n%s", diff)
	}
}

// kubectl validates a "kind: List" item by item (upstream
// schemaValidation.validateList); paths start at items[i].
func TestValidatorList(t *testing.T) {
	list := manifest(t, `
apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: nginx}
    spec:
      replicas: "three"
      selector: {matchLabels: {app: nginx}}
      template:
        metadata: {labels: {app: nginx}}
        spec:
          containers: [{name: nginx, image: nginx}]
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: nginx}
    data: {port: 80}
  - apiVersion: example.com/v1
    kind: Widget
    metadata: {name: w}
  - just a string
`)
	errs, err := NewValidator(nil).Validate(list)
	want := []string{
		`items[0].spec.replicas: Invalid value: "three": must be of type integer`,
		`items[1].data[port]: Invalid value: 80: must be of type string; quote the value to make it one: "80"`,
		`items[3]: Invalid value: "just a string": must be of type object`,
	}
	if diff := cmp.Diff(want, messages(errs)); diff != "" {
		t.Errorf("Validate(List) messages (-want +got):\n%s", diff)
	}
	var ns *NoSchemaError
	if !errors.As(err, &ns) || ns.Kind != "Widget" {
		t.Errorf("Validate(List) error = %v, want a NoSchemaError for Widget", err)
	}
}

// One Validator serves concurrent callers, and every caller gets the same,
// sorted answer.
func TestValidatorConcurrentAndDeterministic(t *testing.T) {
	v := NewValidator(nil)
	want := ""
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			errs, _ := v.Validate(manifest(t, mustRead(t, "testdata/talk002-deployment.yaml")))
			got := strings.Join(messages(errs), "\n")
			mu.Lock()
			defer mu.Unlock()
			if want == "" {
				want = got
			} else if got != want {
				t.Errorf("results differ between runs:\n%s\n---\n%s", want, got)
			}
		})
	}
	wg.Wait()
	if want == "" {
		t.Fatal("talk 002's manifest produced no errors")
	}
}
