package kubectl

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kubeworkbook/kubeworkbook/shared/codec"
)

// upstreamDeployment is what upstream kubectl v1.37 prints for
// `kubectl create deployment nginx --image=nginx --replicas=3
// --dry-run=client -o yaml`.
const upstreamDeployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    app: nginx
  name: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  strategy: {}
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - image: nginx
        name: nginx
        resources: {}
status: {}
`

// Talk 000, "kubectl" and talk 001, "generators": create deployment builds
// the object on the client; with --dry-run=client it is printed, not sent.
func TestCreateDeploymentDryRunMatchesUpstream(t *testing.T) {
	c := newCluster(t)
	r := c.run(t, "create", "deployment", "nginx", "--image=nginx", "--replicas=3", "--dry-run=client", "-o", "yaml")
	mustSucceed(t, r)
	got, err := codec.DecodeUnstructured([]byte(r.out))
	if err != nil {
		t.Fatalf("output is not YAML: %v\n%s", err, r.out)
	}
	want, _ := codec.DecodeUnstructured([]byte(upstreamDeployment))
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("dry-run Deployment differs from upstream (-want +got):\n%s", diff)
	}
	if reqs := c.srv.Requests(); len(reqs) != 0 {
		t.Errorf("a client dry run sent %d requests, want none: %v", len(reqs), c.requests())
	}
}

// Talk 000, "Client side validation": arguments and image names are
// checked before any request; the message names the field and the rule.
func TestCreateDeploymentRejectsBadArguments(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string // substrings of the error message
	}{
		{
			name: "image with a space (talk 002)",
			args: []string{"x", "--image=nginx 1.23.2-alpine"},
			want: []string{`spec.template.spec.containers[0].image: Invalid value: "nginx 1.23.2-alpine"`, "invalid reference format", `did you mean "nginx:1.23.2-alpine"?`},
		},
		{
			name: "upper-case name",
			args: []string{"Nginx", "--image=nginx"},
			want: []string{`The Deployment "Nginx" is invalid: metadata.name: Invalid value: "Nginx": a lowercase RFC 1123 subdomain`},
		},
		{
			name: "missing --image",
			args: []string{"x"},
			want: []string{`error: required flag(s) "image" not set`},
		},
		{
			// Talk 001 writes the command with a space missing, so the
			// flag becomes part of the name and --image is never given.
			name: "talk 001 typo test-nginx--image=nginx:alpine",
			args: []string{"test-nginx--image=nginx:alpine", "--replicas=3"},
			want: []string{`error: required flag(s) "image" not set`},
		},
		{
			name: "no name",
			args: []string{"--image=nginx"},
			want: []string{"error: exactly one NAME is required, got 0", "See 'kubectl create deployment -h'"},
		},
		{
			name: "negative replicas",
			args: []string{"x", "--image=nginx", "--replicas=-2"},
			want: []string{`The Deployment "x" is invalid: spec.replicas: Invalid value: -2: must be greater than or equal to 0 (set by --replicas)`},
		},
		{
			name: "port out of range",
			args: []string{"x", "--image=nginx", "--port=99999"},
			want: []string{`spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 99999: must be between 1 and 65535, inclusive (set by --port)`},
		},
		{
			name: "empty image",
			args: []string{"x", "--image="},
			want: []string{`spec.template.spec.containers[0].image: Required value (set by --image)`},
		},
		{
			name: "replicas beyond int32",
			args: []string{"x", "--image=nginx", "--replicas=99999999999"},
			want: []string{`invalid argument "99999999999" for "-r, --replicas" flag: strconv.ParseInt: parsing "99999999999": value out of range`},
		},
		{
			name: "several images and a command",
			args: []string{"x", "--image=nginx", "--image=redis", "--", "sleep", "1"},
			want: []string{"cannot specify multiple --image options and command"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := newCluster(t)
			r := c.run(t, append([]string{"create", "deployment"}, tc.args...)...)
			if r.err == nil {
				t.Fatalf("create deployment %v succeeded, want an error", tc.args)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.message(), w) {
					t.Errorf("error %q does not contain %q", r.message(), w)
				}
			}
			if reqs := c.srv.Requests(); len(reqs) != 0 {
				t.Errorf("%d requests sent before the arguments were rejected", len(reqs))
			}
		})
	}
}

// Talk 002, "Declarative syntax": the nginx Deployment whose pod spec is
// dedented. It is rejected for the unknown field and the bad image, and
// not a single request leaves the client: not even discovery.
func TestCreateFromFileRejectsTalk002Manifest(t *testing.T) {
	c := newCluster(t)
	r := c.run(t, "create", "-f", filepath.Join("..", "demo", "talk002-nginx.yaml"))
	if r.err == nil {
		t.Fatal("create -f talk002-nginx.yaml succeeded")
	}
	for _, w := range []string{`unknown field "spec.spec"`, `"nginx 1.23.2-alpine"`, "spec.template.spec.containers: Required value", "--validate=false"} {
		if !strings.Contains(r.message(), w) {
			t.Errorf("error does not name %s:\n%s", w, r.message())
		}
	}
	if reqs := c.srv.Requests(); len(reqs) != 0 {
		t.Errorf("%d requests recorded, want 0", len(reqs))
	}
}

// Talk 001: `kubectl apply -f deployment.yaml` and create -f read files,
// directories (-R), stdin and multi-document streams, and POST each object.
func TestCreateFromFiles(t *testing.T) {
	dir := t.TempDir()
	deploy := "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n"
	svc := `{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"selector":{"app":"web"},"ports":[{"port":80}]}}`
	cm := "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  color: blue\n"
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	multi := write("multi.yaml", deploy+"---\n"+cm)
	write("tree/a/svc.json", svc)
	write("tree/cm.yml", cm)
	write("tree/notes.txt", "not a manifest")

	tests := []struct {
		name  string
		stdin string
		args  []string
		want  string
	}{
		{"multi-document YAML", "", []string{"-f", multi}, "deployment.apps/web created\nconfigmap/settings created\n"},
		{"JSON on stdin", svc, []string{"-f", "-"}, "service/web created\n"},
		{"directory without -R", "", []string{"-f", filepath.Join(dir, "tree")}, "configmap/settings created\n"},
		{"directory with -R", "", []string{"-R", "-f", filepath.Join(dir, "tree")}, "service/web created\nconfigmap/settings created\n"},
		{"server dry run", "", []string{"-f", multi, "--dry-run=server"}, "deployment.apps/web created (server dry run)\nconfigmap/settings created (server dry run)\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := newCluster(t)
			r := c.runStdin(t, tc.stdin, append([]string{"create"}, tc.args...)...)
			mustSucceed(t, r)
			if r.out != tc.want {
				t.Errorf("output:\n%s\nwant:\n%s", r.out, tc.want)
			}
			for _, req := range c.srv.Requests() {
				if req.Method != "POST" {
					continue
				}
				if got := req.Query.Get("fieldManager"); got != "kubectl-create" {
					t.Errorf("POST %s fieldManager=%q, want kubectl-create", req.Path, got)
				}
				if strings.Contains(tc.name, "dry run") && req.Query.Get("dryRun") != "All" {
					t.Errorf("POST %s without dryRun=All", req.Path)
				}
			}
		})
	}
}

// A server error keeps upstream's "Error from server (Reason)" first and
// names the file inside the message.
func TestCreateAlreadyExists(t *testing.T) {
	c := newCluster(t)
	path := filepath.Join(t.TempDir(), "cm.yaml")
	os.WriteFile(path, []byte("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n"), 0o644)
	mustSucceed(t, c.run(t, "create", "-f", path))
	r := c.run(t, "create", "-f", path)
	want := `Error from server (AlreadyExists): error when creating "` + path + `": configmaps "settings" already exists`
	if r.message() != want {
		t.Errorf("error:\n%s\nwant:\n%s", r.message(), want)
	}
}
