package codec

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// The test types copy the shape of a Deployment, so these tests do not
// depend on shared/api/apps/v1.
type deployment struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              deploymentSpec `json:"spec"`
}

type deploymentSpec struct {
	Replicas *int32                `json:"replicas,omitempty"`
	Selector *metav1.LabelSelector `json:"selector"`
	Template podTemplate           `json:"template"`
	Paused   bool                  `json:"paused,omitempty"`
	Hidden   string                `json:"-"`
}

type podTemplate struct {
	Metadata metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec     podSpec           `json:"spec"`
}

type podSpec struct {
	Containers []container `json:"containers"`
	Secret     []byte      `json:"secret,omitempty"`
	Weight     float64     `json:"weight,omitempty"`
	Port       uint16      `json:"port,omitempty"`
}

type container struct {
	Name      string              `json:"name"`
	Image     string              `json:"image"`
	Resources map[string]quantity `json:"resources,omitempty"`
}

// quantity stands in for resource.Quantity: a type with its own decoder.
type quantity struct{ s string }

func (q *quantity) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "" || strings.ContainsAny(s, " x") {
		return fmt.Errorf("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
	}
	q.s = s
	return nil
}

func TestDecodeStrict(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantErr string
	}{
		{name: "valid", in: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, creationTimestamp: "2024-01-02T03:04:05Z"}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    spec:
      containers: [{name: web, image: nginx, resources: {cpu: 100m}}]
      secret: aGVsbG8=
      weight: 0.5
      port: 8080
`},
		{name: "null fields are fine", in: `{"spec": {"replicas": null, "template": null}}`},
		{name: "unknown top-level field", in: "kind: Deployment\nspecs: {}\n", wantErr: `strict decoding error: unknown field "specs"`},
		{name: "unknown fields in lists, sorted", in: `
spec:
  template:
    spec:
      containers:
        - name: a
          imagee: nginx
        - name: b
          command: [sh]
`, wantErr: `strict decoding error: unknown field "spec.template.spec.containers[0].imagee", unknown field "spec.template.spec.containers[1].command"`},
		{name: "names are case sensitive", in: `{"Spec": {}}`, wantErr: `strict decoding error: unknown field "Spec"`},
		{name: "json dash field is unknown", in: `{"spec": {"Hidden": "x"}}`, wantErr: `strict decoding error: unknown field "spec.Hidden"`},
		{name: "string for an integer", in: "spec: {replicas: three}", wantErr: `strict decoding error: spec.replicas: Invalid value: "three": must be of type integer, not string`},
		{name: "fraction for an integer", in: "spec: {replicas: 1.5}", wantErr: `strict decoding error: spec.replicas: Invalid value: 1.5: must be of type integer, not number`},
		{name: "integer overflow", in: "spec: {replicas: 3000000000}", wantErr: `strict decoding error: spec.replicas: Invalid value: 3000000000: must fit in int32`},
		{name: "negative for unsigned", in: "spec: {template: {spec: {port: -1}}}", wantErr: `strict decoding error: spec.template.spec.port: Invalid value: -1: must be of type non-negative integer, not integer`},
		{name: "unsigned overflow", in: "spec: {template: {spec: {port: 70000}}}", wantErr: `strict decoding error: spec.template.spec.port: Invalid value: 70000: must fit in uint16`},
		{name: "object for a string", in: "spec: {template: {spec: {containers: [{name: {a: 1}}]}}}", wantErr: `strict decoding error: spec.template.spec.containers[0].name: Invalid value: {"a":1}: must be of type string, not object`},
		{name: "string for a list", in: "spec: {template: {spec: {containers: web}}}", wantErr: `strict decoding error: spec.template.spec.containers: Invalid value: "web": must be of type array, not string`},
		{name: "string for a bool", in: `spec: {paused: "true"}`, wantErr: `strict decoding error: spec.paused: Invalid value: "true": must be of type boolean, not string`},
		{name: "string for a float", in: `spec: {template: {spec: {weight: "x"}}}`, wantErr: `strict decoding error: spec.template.spec.weight: Invalid value: "x": must be of type number, not string`},
		{name: "list for a map", in: `spec: {selector: {matchLabels: [a]}}`, wantErr: `strict decoding error: spec.selector.matchLabels: Invalid value: ["a"]: must be of type object, not array`},
		{name: "bad base64", in: `spec: {template: {spec: {secret: "!!"}}}`, wantErr: `strict decoding error: spec.template.spec.secret: Invalid value: "!!": must be base64 encoded: illegal base64 data at input byte 0`},
		{name: "custom decoder refuses", in: "spec: {template: {spec: {containers: [{resources: {cpu: 1x}}]}}}",
			wantErr: `strict decoding error: spec.template.spec.containers[0].resources[cpu]: Invalid value: "1x": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`},
		{name: "bad timestamp", in: "metadata: {creationTimestamp: yesterday}", wantErr: `strict decoding error: metadata.creationTimestamp: Invalid value: "yesterday": `},
		{name: "duplicate yaml key", in: "kind: A\nkind: B\n", wantErr: `strict decoding error: kind: Duplicate value: duplicate field "kind": the key is given more than once and only its last value would be kept`},
		{name: "duplicate json key, nested", in: `{"kind":"A","metadata":{"name":"a","name":"b"}}`, wantErr: `strict decoding error: metadata.name: Duplicate value: duplicate field "metadata.name"`},
		{name: "malformed yaml", in: "a: [", wantErr: `decode strict: yaml: line 1: did not find expected node content`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var d deployment
			err := DecodeStrict([]byte(tc.in), &d)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("DecodeStrict: %v", err)
				}
				return
			}
			if err == nil || !strings.HasPrefix(err.Error(), tc.wantErr) {
				t.Fatalf("error = %v\nwant prefix %q", err, tc.wantErr)
			}
		})
	}
}

func TestDecodeStrictFills(t *testing.T) {
	var d deployment
	if err := DecodeStrict([]byte("kind: Deployment\nmetadata: {name: web}\nspec: {replicas: 2}\n"), &d); err != nil {
		t.Fatal(err)
	}
	if d.Kind != "Deployment" || d.Name != "web" || d.Spec.Replicas == nil || *d.Spec.Replicas != 2 {
		t.Errorf("decoded %+v", d)
	}
	if err := DecodeStrict([]byte("{}"), d); err == nil {
		t.Errorf("decoding into a non-pointer must fail")
	}
}

func TestDecodeStrictTalkDeployment(t *testing.T) {
	// Talk 002, "Declarative syntax": the pod spec was dedented to the
	// Deployment's spec, so the Deployment has a "spec.spec" and a
	// "spec.volumes", neither of which exists. Both are named; their
	// contents are not, since they are inside a field already rejected.
	data, err := os.ReadFile("testdata/talk002-deployment-dedented.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var d deployment
	err = DecodeStrict(data, &d)
	const want = `strict decoding error: unknown field "spec.spec", unknown field "spec.volumes"`
	if err == nil || err.Error() != want {
		t.Fatalf("error = %v, want %q", err, want)
	}
	var fe *field.Error
	if !errors.As(err, &fe) || fe.Type != field.ErrorTypeUnknown || fe.Field != "spec.spec" {
		t.Errorf("errors.As found %+v, want the unknown spec.spec", fe)
	}
}
