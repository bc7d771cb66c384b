package kubectl

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/testserver"
)

// upstreamLastApplied is the annotation upstream kubectl v1.37 writes
// for `kubectl apply -f l1.yaml` (a ConfigMap with only a name) in the
// default namespace: namespace stamped, an empty annotations map, keys
// sorted, a trailing newline.
const upstreamLastApplied = `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"annotations":{},"name":"l1","namespace":"default"}}` + "\n"

// Talk 001, "kubectl apply -f deployment.yaml": the last-applied
// annotation has upstream's bytes, so our apply and upstream's can take
// turns on one object and both report "unchanged".
func TestApplyLastAppliedMatchesUpstream(t *testing.T) {
	manifest := "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: l1\n"
	t.Run("written by us", func(t *testing.T) {
		c := newCluster(t)
		mustSucceed(t, c.run(t, "apply", "-f", writeManifest(t, "l1.yaml", manifest)))
		obj, _ := c.srv.Object("v1", "ConfigMap", "default", "l1")
		if got := unstructured.Annotations(obj)[lastAppliedAnnotation]; got != upstreamLastApplied {
			t.Errorf("annotation:\n%q\nwant:\n%q", got, upstreamLastApplied)
		}
	})
	t.Run("written by upstream", func(t *testing.T) {
		c := newCluster(t, testserver.WithObjects(map[string]any{
			"apiVersion": "v1", "kind": "ConfigMap",
			"metadata": map[string]any{"name": "l1", "namespace": "default",
				"annotations": map[string]any{lastAppliedAnnotation: upstreamLastApplied}},
		}))
		r := c.run(t, "apply", "-f", writeManifest(t, "l1.yaml", manifest))
		mustSucceed(t, r)
		if r.out != "configmap/l1 unchanged\n" {
			t.Errorf("output %q, want unchanged", r.out)
		}
	})
	t.Run("create --save-config", func(t *testing.T) {
		c := newCluster(t)
		r := c.run(t, "create", "-f", writeManifest(t, "l1.yaml", manifest), "--save-config", "--dry-run=client", "-o", "jsonpath={.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}")
		mustSucceed(t, r)
		if r.out != upstreamLastApplied {
			t.Errorf("annotation:\n%q\nwant:\n%q", r.out, upstreamLastApplied)
		}
	})
}

// Upstream prints a generated (typed) object as -o json in its Go
// struct's field order: kind before apiVersion, name before labels. The
// files in testdata/upstream_*.json are upstream kubectl v1.37's output.
func TestGeneratedJSONMatchesUpstreamBytes(t *testing.T) {
	tests := []struct {
		name string
		args []string
		file string
	}{
		{"create deployment", []string{"create", "deployment", "x", "--image=nginx"}, "upstream_create_deployment.json"},
		{"create deployment --save-config", []string{"create", "deployment", "x", "--image=nginx", "--replicas=2", "--save-config"}, "upstream_create_deployment_save_config.json"},
		{"run --expose: the pod, then the service", []string{"run", "x", "--image=nginx", "--port=80", "--expose"}, "upstream_run_expose.json"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			r := kubectlRun(t, "", append(tc.args, "--dry-run=client", "-o", "json")...)
			mustSucceed(t, r)
			if diff := cmp.Diff(string(want), r.out); diff != "" {
				t.Errorf("output differs from upstream's (-want +got):\n%s", diff)
			}
		})
	}
}
