package compat

// What the upstream kubectl prints when our server refuses a request. The
// server's Status (reason, message, causes) decides the words, so these
// are upstream's words only if the Status is upstream's.
//
// Interface: tests only.

import (
	"testing"
)

// Talk 003, "request validation": bad input is refused with upstream's
// status and message, and kubectl exits 1.
func TestUpstreamKubectlErrors(t *testing.T) {
	s := startAPIServer(t)
	configMap := func(name string) string {
		return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n"
	}
	mustKubectlWith(t, s, configMap("taken"), nil, "create", "-f", "-")
	mustKubectlWith(t, s, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: unscheduled\nspec:\n  containers:\n  - name: c\n    image: nginx\n",
		nil, "create", "-f", "-")

	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
		want  string // all of stderr
	}{
		{
			name:  "unknown field (400, strict decoding)",
			stdin: configMap("cm") + "foo: 1\n", args: []string{"apply", "-f", "-"},
			want: `Error from server (BadRequest): error when creating "STDIN": ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "foo"` + "\n",
		},
		{
			name:  "invalid name (422)",
			stdin: configMap("Bad_Name"), args: []string{"apply", "-f", "-"},
			want: `The ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')` + "\n",
		},
		{
			name:  "one cause per field (422)",
			stdin: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: nosel\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        image: nginx\n",
			args:  []string{"apply", "-f", "-"},
			want:  "The Deployment \"nosel\" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid value: null: `selector` does not match template `labels`\n",
		},
		{
			name: "missing object (404)", args: []string{"get", "deployment", "nope"},
			want: `Error from server (NotFound): deployments.apps "nope" not found` + "\n",
		},
		{
			name:  "missing namespace (404)",
			stdin: configMap("cm"), args: []string{"create", "-n", "nowhere", "-f", "-"},
			want: `Error from server (NotFound): error when creating "STDIN": namespaces "nowhere" not found` + "\n",
		},
		{
			name:  "existing name (409)",
			stdin: configMap("taken"), args: []string{"create", "-f", "-"},
			want: `Error from server (AlreadyExists): error when creating "STDIN": configmaps "taken" already exists` + "\n",
		},
		{
			name: "unknown resource type", args: []string{"get", "widgets"},
			want: `error: the server doesn't have a resource type "widgets"` + "\n",
		},
		{
			name: "exec before the pod has a node", args: []string{"exec", "unscheduled", "--", "true"},
			want: "error: unable to upgrade connection: pod unscheduled does not have a host assigned\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := s.kubectl(t, upstreamKubectl(t), tc.stdin, nil, tc.args...)
			if r.err == nil {
				t.Fatalf("kubectl succeeded, want exit 1; stdout %q", r.stdout)
			}
			if r.stderr != tc.want {
				t.Errorf("stderr:\n%s\nwant:\n%s", r.stderr, tc.want)
			}
		})
	}
}
