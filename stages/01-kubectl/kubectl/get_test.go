package kubectl

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/testserver"
)

// ghost is talk 002's Deployment, as `kubectl create deployment ghost
// --image=ghost:0.9 --port=2368` makes it.
func ghost() any {
	return GenerateDeployment(DeploymentParams{Name: "ghost", Images: []string{"ghost:0.9"}, Replicas: 1, Port: 2368})
}

func pod(name string, labels map[string]string) *corev1.Pod {
	return &corev1.Pod{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"},
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default", Labels: labels},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "ghost", Image: "ghost:0.9"}}},
	}
}

// Talk 000, "kubectl": `kubectl get deployments` and `kubectl get pods`
// print the server's tables, asked for with upstream's Accept header.
func TestGetPrintsServerTables(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string // lines (after trimming trailing spaces) or fragments
	}{
		{"deployments", []string{"get", "deployments"}, []string{"NAME    READY   UP-TO-DATE   AVAILABLE   AGE", "ghost   0/1     0            0"}},
		{"short name and kind prefix for two types", []string{"get", "deploy,po"}, []string{"deployment.apps/ghost", "pod/ghost-1"}},
		{"pods by label", []string{"get", "po", "-l", "app=ghost"}, []string{"NAME      READY   STATUS", "ghost-1   0/1"}},
		{"all namespaces", []string{"get", "pods", "-A"}, []string{"NAMESPACE   NAME      READY"}},
		{"type/name", []string{"get", "deployment.apps/ghost", "-o", "name"}, []string{"deployment.apps/ghost"}},
		{"jsonpath", []string{"get", "deploy", "ghost", "-o", "jsonpath={.spec.template.spec.containers[0].image}"}, []string{"ghost:0.9"}},
		{"custom columns", []string{"get", "deploy", "-o", "custom-columns=NAME:.metadata.name,IMAGE:.spec.template.spec.containers[0].image"}, []string{"ghost   ghost:0.9"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := newCluster(t, testserver.WithObjects(ghost(), pod("ghost-1", map[string]string{"app": "ghost"})))
			r := c.run(t, tc.args...)
			mustSucceed(t, r)
			for _, w := range tc.want {
				if !strings.Contains(r.out, w) {
					t.Errorf("output does not contain %q:\n%s", w, r.out)
				}
			}
			for _, req := range c.srv.Requests() {
				if req.IsDiscovery() || req.Method != "GET" {
					continue
				}
				human := !strings.Contains(strings.Join(tc.args, " "), "-o")
				if got := req.Header.Get("Accept"); human && got != tableAccept {
					t.Errorf("GET %s Accept = %q, want the Table header", req.Path, got)
				}
			}
		})
	}
}

// The -o yaml of one named object is the object, not a List.
func TestGetSingleObjectYAML(t *testing.T) {
	c := newCluster(t, testserver.WithObjects(ghost()))
	r := c.run(t, "get", "deployment", "ghost", "-o", "yaml")
	mustSucceed(t, r)
	if !strings.HasPrefix(r.out, "apiVersion: apps/v1\nkind: Deployment\n") {
		t.Errorf("output is not the Deployment:\n%s", r.out)
	}
}

// Errors come from the server in upstream's form, and an empty list says
// where it looked.
func TestGetMessages(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantErr    string
		wantStderr string
	}{
		{"not found", []string{"get", "deploy", "nope"}, `Error from server (NotFound): deployments.apps "nope" not found`, ""},
		{"ignore not found", []string{"get", "deploy", "nope", "--ignore-not-found"}, "", ""},
		{"empty namespace", []string{"get", "pods"}, "", "No resources found in default namespace.\n"},
		{"unknown type", []string{"get", "gadgets"}, `error: the server doesn't have a resource type "gadgets"`, ""},
		{"no type", []string{"get"}, `error: You must specify the type of resource to get.`, ""},
		{"name and selector", []string{"get", "pods", "x", "-l", "a=b"}, "error: name cannot be provided when a selector is specified", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := newCluster(t)
			r := c.run(t, tc.args...)
			if !strings.HasPrefix(r.message(), tc.wantErr) || (tc.wantErr == "") != (r.err == nil) {
				t.Errorf("error %q, want %q", r.message(), tc.wantErr)
			}
			if r.errOut != tc.wantStderr {
				t.Errorf("stderr %q, want %q", r.errOut, tc.wantStderr)
			}
		})
	}
}

// Client-side validation of flags: a bad selector or output format fails
// before any request.
func TestGetRejectsBadFlagsWithoutRequests(t *testing.T) {
	tests := []struct {
		name, flag, want string
	}{
		{"label selector", "-l=app in (web", "unable to parse"},
		{"output format", "-o=xml", `unable to match a printer suitable for the output format "xml"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := newCluster(t)
			r := c.run(t, "get", "pods", tc.flag)
			if !strings.Contains(r.message(), tc.want) {
				t.Errorf("error %q does not contain %q", r.message(), tc.want)
			}
			if n := len(c.srv.Requests()); n != 0 {
				t.Errorf("%d requests sent", n)
			}
		})
	}
}

// Talk 000, "API discovery" and talk 001 (~/.kube/cache/discovery): the
// first command fills the cache; the second sends no discovery request.
func TestGetSecondRunUsesDiscoveryCache(t *testing.T) {
	c := newCluster(t, testserver.WithObjects(ghost()))
	mustSucceed(t, c.run(t, "get", "deploy"))
	if len(c.srv.DiscoveryRequests()) == 0 {
		t.Fatal("the first run sent no discovery request: nothing was cached")
	}
	c.srv.ResetRequests()
	mustSucceed(t, c.run(t, "get", "deploy"))
	if d := c.srv.DiscoveryRequests(); len(d) != 0 {
		t.Errorf("second run sent %d discovery requests: %v", len(d), d[0].Path)
	}
	if got := c.requests(); len(got) != 1 || got[0] != "GET /apis/apps/v1/namespaces/default/deployments" {
		t.Errorf("second run sent %v, want only the list", got)
	}
}

// Talk 000, "-v 6": the kubeconfig that was loaded and every request, with
// status and time.
func TestVerboseLogsRequests(t *testing.T) {
	tests := []struct {
		name  string
		flags []string
		want  []string
	}{
		{"text", []string{"-v", "6"}, []string{"Config loaded from file:", "GET " + "https://", "/api/v1/namespaces/default/pods?limit=500 200 OK in "}},
		{"structured", []string{"-v=6", "--log-format=structured"}, []string{`"Response" verb="GET"`, `status="200 OK"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := newCluster(t)
			r := c.run(t, append(tc.flags, "get", "pods")...)
			mustSucceed(t, r)
			for _, w := range tc.want {
				if !strings.Contains(r.errOut, w) {
					t.Errorf("stderr does not contain %q:\n%s", w, r.errOut)
				}
			}
		})
	}
	// Without -v, nothing is logged.
	c := newCluster(t)
	if r := c.run(t, "get", "pods"); strings.Contains(r.errOut, "GET ") {
		t.Errorf("requests logged without -v:\n%s", r.errOut)
	}
}

// `kubectl get -w` prints the listing, then each change as a row that
// lines up with the rows before it.
func TestGetWatch(t *testing.T) {
	c := newCluster(t, testserver.WithObjects(pod("ghost-1", nil)))
	var out, errOut bytes.Buffer
	cmd := NewKubectlCommand(IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
	cmd.SetArgs([]string{"--kubeconfig", c.kubeconfig, "--cache-dir", c.cacheDir, "get", "pods", "-w"})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- cmd.ExecuteContext(ctx) }()
	deadline := time.Now().Add(5 * time.Second)
	for !watching(c) && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if _, err := c.srv.Create(pod("ghost-2", nil)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("watch: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "NAME") || !strings.HasPrefix(lines[1], "ghost-1") || !strings.HasPrefix(lines[2], "ghost-2") {
		t.Errorf("watch output:\n%s", out.String())
	}
}

// watching reports whether a watch request has arrived.
func watching(c *cluster) bool {
	for _, r := range c.srv.Requests() {
		if r.Query.Get("watch") == "true" {
			return true
		}
	}
	return false
}
