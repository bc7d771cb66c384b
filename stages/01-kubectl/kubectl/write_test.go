package kubectl

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/testserver"
)

// lastRequest returns the last recorded request with the given method.
func lastRequest(t *testing.T, c *cluster, method string) testserver.Request {
	t.Helper()
	reqs := c.srv.Requests()
	for i := len(reqs) - 1; i >= 0; i-- {
		if reqs[i].Method == method {
			return reqs[i]
		}
	}
	t.Fatalf("no %s request among %v", method, c.requests())
	return testserver.Request{}
}

// jsonBody decodes a request body.
func jsonBody(t *testing.T, r testserver.Request) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("%s %s body %q: %v", r.Method, r.Path, r.Body, err)
	}
	return m
}

// Talk 002, "Ghost demo": `kubectl delete deploy ghost`, with the
// cascading policy in the DeleteOptions body.
func TestDelete(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantOut    string
		wantPolicy string
		wantGrace  any
		wantDryRun bool
	}{
		{"default cascade", []string{"deploy", "ghost"}, "deployment.apps \"ghost\" deleted from default namespace\n", "Background", nil, false},
		{"orphan", []string{"deployment/ghost", "--cascade=orphan"}, "deployment.apps \"ghost\" deleted from default namespace\n", "Orphan", nil, false},
		{"foreground with grace period", []string{"deploy", "ghost", "--cascade=foreground", "--grace-period=5"}, "deployment.apps \"ghost\" deleted from default namespace\n", "Foreground", float64(5), false},
		{"server dry run", []string{"deploy", "ghost", "--dry-run=server"}, "deployment.apps \"ghost\" deleted from default namespace (server dry run)\n", "Background", nil, true},
		{"by label", []string{"deploy", "-l", "app=ghost"}, "deployment.apps \"ghost\" deleted from default namespace\n", "Background", nil, false},
		{"-o name", []string{"deploy", "ghost", "-o", "name"}, "deployment.apps/ghost\n", "Background", nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := newCluster(t, testserver.WithObjects(ghost()))
			r := c.run(t, append([]string{"delete"}, tc.args...)...)
			mustSucceed(t, r)
			if r.out != tc.wantOut {
				t.Errorf("output %q, want %q", r.out, tc.wantOut)
			}
			req := lastRequest(t, c, "DELETE")
			if req.Path != "/apis/apps/v1/namespaces/default/deployments/ghost" {
				t.Errorf("DELETE %s", req.Path)
			}
			body := jsonBody(t, req)
			if body["kind"] != "DeleteOptions" || body["propagationPolicy"] != tc.wantPolicy || body["gracePeriodSeconds"] != tc.wantGrace {
				t.Errorf("DeleteOptions %v", body)
			}
			if _, dry := body["dryRun"]; dry != tc.wantDryRun {
				t.Errorf("dryRun in body = %v, want %v", dry, tc.wantDryRun)
			}
			// Upstream sends dryRun in the DeleteOptions body only; the
			// object's fate then is the server's business.
			if _, stored := c.srv.Object("apps/v1", "Deployment", "default", "ghost"); stored && !tc.wantDryRun {
				t.Error("object still stored after delete")
			}
		})
	}
}

// Delete's flag checks, before any request.
func TestDeleteRejects(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no argument", []string{"delete"}, "You must provide one or more resources by argument or filename."},
		{"all and selector", []string{"delete", "pods", "--all", "-l", "a=b"}, "cannot set --all and --selector at the same time"},
		{"bad cascade", []string{"delete", "pods", "x", "--cascade=sideways"}, `invalid cascade value (sideways)`},
		{"bad dry-run", []string{"delete", "pods", "x", "--dry-run=bogus"}, `Invalid dry-run value (bogus). Must be "none", "server", or "client".`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := newCluster(t)
			r := c.run(t, tc.args...)
			if !strings.Contains(r.message(), tc.want) {
				t.Errorf("error %q, want %q", r.message(), tc.want)
			}
			if n := len(c.srv.Requests()); n != 0 {
				t.Errorf("%d requests sent", n)
			}
		})
	}
}

// `kubectl scale` PATCHes the scale subresource, as upstream does, or
// reads and PUTs it when a precondition is given.
func TestScale(t *testing.T) {
	c := newCluster(t, testserver.WithObjects(ghost()))
	r := c.run(t, "scale", "deploy/ghost", "--replicas=3")
	mustSucceed(t, r)
	if r.out != "deployment.apps/ghost scaled\n" {
		t.Errorf("output %q", r.out)
	}
	req := lastRequest(t, c, "PATCH")
	if req.Path != "/apis/apps/v1/namespaces/default/deployments/ghost/scale" || string(req.Body) != `{"spec":{"replicas":3}}` ||
		req.Header.Get("Content-Type") != mediaMergePatch {
		t.Errorf("PATCH %s %s %s", req.Path, req.Header.Get("Content-Type"), req.Body)
	}
	obj, _ := c.srv.Object("apps/v1", "Deployment", "default", "ghost")
	if n, _ := unstructured.NestedInt64(obj, "spec", "replicas"); n != 3 {
		t.Errorf("stored replicas = %d, want 3", n)
	}
	r = c.run(t, "scale", "deploy/ghost", "--current-replicas=1", "--replicas=5")
	if r.message() != "error: Expected replicas to be 1, was 3" {
		t.Errorf("precondition error %q", r.message())
	}
	r = c.run(t, "scale", "deploy/ghost")
	if r.message() != `error: required flag(s) "replicas" not set` {
		t.Errorf("missing --replicas: %q", r.message())
	}
}

// Talk 002, "Ghost demo": `kubectl edit deploy ghost`, changing replicas
// to 3. The editor is a script; the PATCH carries only the change.
func TestEdit(t *testing.T) {
	tests := []struct {
		name      string
		script    string
		wantOut   string
		wantErr   string
		wantPatch string
	}{
		{"change replicas", `sed -i 's/replicas: 1/replicas: 3/' "$1"`, "deployment.apps/ghost edited\n", "", `{"spec":{"replicas":3}}`},
		{"no change", `true`, "", "Edit cancelled, no changes made.\n", ""},
		{"emptied file", `: > "$1"`, "", "Edit cancelled, no changes made.\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			script := filepath.Join(t.TempDir(), "editor.sh")
			if err := os.WriteFile(script, []byte("#!/bin/sh\n"+tc.script+"\n"), 0o755); err != nil {
				t.Fatal(err)
			}
			t.Setenv("KUBE_EDITOR", script)
			c := newCluster(t, testserver.WithObjects(ghost()))
			r := c.run(t, "edit", "deploy", "ghost")
			mustSucceed(t, r)
			if r.out != tc.wantOut || r.errOut != tc.wantErr {
				t.Errorf("stdout %q stderr %q, want %q and %q", r.out, r.errOut, tc.wantOut, tc.wantErr)
			}
			var patches []string
			for _, req := range c.srv.Requests() {
				if req.Method == "PATCH" {
					patches = append(patches, string(req.Body))
				}
			}
			if tc.wantPatch == "" && len(patches) != 0 || tc.wantPatch != "" && (len(patches) != 1 || patches[0] != tc.wantPatch) {
				t.Errorf("patches %q, want %q", patches, tc.wantPatch)
			}
		})
	}
}

// Talk 001 and talk 004: `kubectl apply -f deployment.yaml` creates, then
// leaves alone, then patches what the manifest changed.
func TestApply(t *testing.T) {
	c := newCluster(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "deploy.yaml")
	manifest := func(replicas string) {
		os.WriteFile(path, []byte("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels: {tier: front}\nspec:\n  replicas: "+replicas+"\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n"), 0o644)
	}
	steps := []struct {
		name      string
		replicas  string
		wantOut   string
		wantPatch string
	}{
		{"first apply creates", "1", "deployment.apps/web created\n", ""},
		{"same manifest is unchanged", "1", "deployment.apps/web unchanged\n", ""},
		{"changed manifest is configured", "2", "deployment.apps/web configured\n", `"replicas":2`},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			manifest(s.replicas)
			c.srv.ResetRequests()
			r := c.run(t, "apply", "-f", path)
			mustSucceed(t, r)
			if r.out != s.wantOut {
				t.Errorf("output %q, want %q", r.out, s.wantOut)
			}
			for _, req := range c.srv.Requests() {
				if req.Method == "PATCH" && (s.wantPatch == "" || !strings.Contains(string(req.Body), s.wantPatch)) {
					t.Errorf("unexpected PATCH %s", req.Body)
				}
			}
		})
	}
	obj, _ := c.srv.Object("apps/v1", "Deployment", "default", "web")
	last, err := lastApplied(obj)
	if err != nil || last == nil {
		t.Fatalf("last-applied annotation: %v %v", last, err)
	}
	if n, _ := unstructured.NestedInt64(last, "spec", "replicas"); n != 2 {
		t.Errorf("last-applied replicas = %d, want 2", n)
	}
}

// Talk 002, "Ghost demo": `kubectl expose deployment ghost --port=2368
// --type=NodePort` reads the Deployment for its selector and labels.
func TestExpose(t *testing.T) {
	c := newCluster(t, testserver.WithObjects(ghost()))
	r := c.run(t, "expose", "deployment", "ghost", "--port=2368", "--type=NodePort", "--dry-run=client", "-o", "json")
	mustSucceed(t, r)
	var got map[string]any
	if err := json.Unmarshal([]byte(r.out), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, r.out)
	}
	want := map[string]any{
		"apiVersion": "v1", "kind": "Service",
		"metadata": map[string]any{"name": "ghost", "labels": map[string]any{"app": "ghost"}},
		"spec": map[string]any{
			"ports":    []any{map[string]any{"port": float64(2368), "protocol": "TCP", "targetPort": float64(2368)}},
			"selector": map[string]any{"app": "ghost"},
			"type":     "NodePort",
		},
		"status": map[string]any{"loadBalancer": map[string]any{}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("service (-want +got):\n%s", diff)
	}
	r = c.run(t, "expose", "deployment", "ghost", "--port=2368", "--type=NodePort")
	mustSucceed(t, r)
	if r.out != "service/ghost exposed\n" {
		t.Errorf("output %q", r.out)
	}
	if _, ok := c.srv.Object("v1", "Service", "default", "ghost"); !ok {
		t.Error("service not stored")
	}
}

// Talk 002, "Ghost demo": `kubectl run ghost --image=ghost:0.9` makes one
// Pod labelled run=ghost.
func TestRun(t *testing.T) {
	c := newCluster(t)
	r := c.run(t, "run", "ghost", "--image=ghost:0.9", "--port=2368", "--env=MODE=dev", "--dry-run=client", "-o", "yaml")
	mustSucceed(t, r)
	want := "apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n    run: ghost\n  name: ghost\nspec:\n  containers:\n  - env:\n    - name: MODE\n      value: dev\n    image: ghost:0.9\n    name: ghost\n    ports:\n    - containerPort: 2368\n    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Always\nstatus: {}\n"
	if r.out != want {
		t.Errorf("pod:\n%s\nwant:\n%s", r.out, want)
	}
	r = c.run(t, "run", "ghost", "--image=ghost:0.9", "--expose", "--port=2368")
	mustSucceed(t, r)
	if r.out != "pod/ghost created\nservice/ghost created\n" {
		t.Errorf("output %q", r.out)
	}
	r = c.run(t, "run", "x", "--image=busybox", "--restart=Sometimes")
	if !strings.Contains(r.message(), "invalid restart policy: Sometimes") {
		t.Errorf("restart policy error %q", r.message())
	}
}

// Talk 002, "Ghost demo": `kubectl logs ghost-xxx` reads the log
// subresource of the pod's only container.
func TestLogs(t *testing.T) {
	c := newCluster(t, testserver.WithObjects(pod("ghost-1", map[string]string{"app": "ghost"}), ghost()))
	c.srv.SetLog("default", "ghost-1", "Ghost is running\n")
	tests := []struct {
		name      string
		args      []string
		wantQuery map[string]string
	}{
		{"pod", []string{"logs", "ghost-1"}, map[string]string{"container": "ghost"}},
		{"tail and since", []string{"logs", "ghost-1", "--tail=20", "--since=90s", "--timestamps"}, map[string]string{"tailLines": "20", "sinceSeconds": "90", "timestamps": "true"}},
		{"through the deployment", []string{"logs", "deploy/ghost"}, map[string]string{"container": "ghost"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := c.run(t, tc.args...)
			mustSucceed(t, r)
			if r.out != "Ghost is running\n" {
				t.Errorf("output %q", r.out)
			}
			req := lastRequest(t, c, "GET")
			if req.Path != "/api/v1/namespaces/default/pods/ghost-1/log" {
				t.Errorf("GET %s", req.Path)
			}
			for k, v := range tc.wantQuery {
				if req.Query.Get(k) != v {
					t.Errorf("query %s=%q, want %q", k, req.Query.Get(k), v)
				}
			}
		})
	}
}
