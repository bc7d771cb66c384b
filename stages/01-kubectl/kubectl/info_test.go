package kubectl

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/kubeconfig"
)

// Talk 002, "kubectl api-resources": the resources discovery found, one
// line each, with upstream's columns.
func TestAPIResources(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    []string
		wantNot []string
	}{
		{"default columns", nil, []string{"NAME SHORTNAMES APIVERSION NAMESPACED KIND", "deployments deploy apps/v1 true Deployment"}, nil},
		{"wide adds verbs and categories", []string{"-o", "wide"}, []string{"VERBS CATEGORIES", "create,delete,deletecollection,get,list,patch,update,watch all"}, []string{"[create"}},
		{"names", []string{"-o", "name"}, []string{"deployments.apps\n", "pods\n"}, []string{"NAME"}},
		{"cluster-scoped only", []string{"--namespaced=false"}, []string{"namespaces", "nodes"}, []string{"pods "}},
		{"one group", []string{"--api-group=apps"}, []string{"replicasets"}, []string{"pods "}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := newCluster(t)
			r := c.run(t, append([]string{"api-resources"}, tc.args...)...)
			mustSucceed(t, r)
			// Compare with runs of spaces squeezed: column widths depend
			// on the longest name the server serves.
			squeezed := strings.Join(strings.FieldsFunc(r.out, func(c rune) bool { return c == ' ' }), " ")
			for _, w := range tc.want {
				if !strings.Contains(squeezed, w) {
					t.Errorf("output does not contain %q:\n%s", w, r.out)
				}
			}
			for _, w := range tc.wantNot {
				if strings.Contains(r.out, w) {
					t.Errorf("output contains %q:\n%s", w, r.out)
				}
			}
		})
	}
	// Without headers, kubectl's tab writer (minimum column width 6, as
	// upstream's) decides the widths: "cm" plus 7 spaces, not 8.
	c := newCluster(t)
	r := c.run(t, "api-resources", "--no-headers")
	mustSucceed(t, r)
	if !strings.Contains(r.out, "\nconfigmaps                        cm       v1                                true    ConfigMap\n") {
		t.Errorf("api-resources --no-headers columns:\n%s", r.out)
	}
	r = c.run(t, "api-versions")
	mustSucceed(t, r)
	if !strings.Contains(r.out, "apps/v1\n") || !strings.HasSuffix(r.out, "v1\n") {
		t.Errorf("api-versions:\n%s", r.out)
	}
}

// `kubectl version`: upstream's shape, the server's /version, --client
// without a server.
func TestVersion(t *testing.T) {
	c := newCluster(t)
	r := c.run(t, "version")
	mustSucceed(t, r)
	if r.out != "Client Version: "+ClientVersion+"\nServer Version: v1.37.2\n" {
		t.Errorf("version output %q", r.out)
	}
	r = kubectlRun(t, "", "--kubeconfig=/nonexistent", "version", "--client")
	mustSucceed(t, r)
	if r.out != "Client Version: v1.37.2+kubeworkbook\n" {
		t.Errorf("--client output %q", r.out)
	}
	r = c.run(t, "version", "-o", "json")
	mustSucceed(t, r)
	var v map[string]map[string]any
	if err := json.Unmarshal([]byte(r.out), &v); err != nil || v["clientVersion"]["minor"] != "37" || v["serverVersion"]["gitVersion"] != "v1.37.2" {
		t.Errorf("-o json: %v\n%s", err, r.out)
	}
}

// Talk 001, "Client Interactions": the kubeconfig commands read and
// switch the file every other command reads.
func TestConfigCommands(t *testing.T) {
	c := newCluster(t)
	data, _ := os.ReadFile(c.kubeconfig)
	cfg, err := kubeconfig.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	other := cfg.Contexts[0]
	other.Name = "other"
	other.Context.Namespace = "blog"
	cfg.Contexts = append(cfg.Contexts, other)
	if err := kubeconfig.WriteFile(cfg, c.kubeconfig); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name string
		args []string
		want string
	}{
		{"current context", []string{"config", "current-context"}, "testserver\n"},
		{"contexts", []string{"config", "get-contexts"}, "CURRENT   NAME         CLUSTER      AUTHINFO     NAMESPACE\n          other        testserver   testserver   blog\n*         testserver   testserver   testserver   default\n"},
		{"contexts without headers", []string{"config", "get-contexts", "--no-headers"}, "      other        testserver   testserver   blog\n*     testserver   testserver   testserver   default\n"},
		{"switch", []string{"config", "use-context", "other"}, "Switched to context \"other\".\n"},
		{"switched", []string{"config", "get-contexts", "-o", "name", "other"}, "other\n"},
		{"now current", []string{"config", "current-context"}, "other\n"},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			r := c.run(t, s.args...)
			mustSucceed(t, r)
			if r.out != s.want {
				t.Errorf("output:\n%q\nwant:\n%q", r.out, s.want)
			}
		})
	}
	r := c.run(t, "config", "view")
	mustSucceed(t, r)
	if !strings.Contains(r.out, "current-context: other") || !strings.Contains(r.out, "client-key-data: DATA+OMITTED") {
		t.Errorf("config view does not redact or show the context:\n%s", r.out)
	}
	// The new context's namespace is where requests now go.
	mustSucceed(t, c.run(t, "get", "pods"))
	if got := c.requests(); got[len(got)-1] != "GET /api/v1/namespaces/blog/pods" {
		t.Errorf("after use-context, requests %v", got)
	}
	if r := c.run(t, "config", "use-context", "nope"); r.message() != `error: no context exists with the name: "nope"` {
		t.Errorf("unknown context: %q", r.message())
	}
}
