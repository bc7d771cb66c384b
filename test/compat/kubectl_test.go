package compat

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"sigs.k8s.io/yaml"
)

// binaries returns the paths of our kubectl and the upstream one, failing
// under CI and skipping otherwise when `make compat` did not provide them.
func binaries(t *testing.T) (ours, upstream string) {
	t.Helper()
	ours, upstream = os.Getenv("OUR_KUBECTL"), os.Getenv("UPSTREAM_KUBECTL")
	for _, p := range []string{ours, upstream} {
		if _, err := os.Stat(p); p == "" || err != nil {
			msg := "OUR_KUBECTL and UPSTREAM_KUBECTL must name built binaries (run `make compat`)"
			if os.Getenv("CI") != "" && os.Getenv("CI") != "false" {
				t.Fatal(msg)
			}
			t.Skip(msg)
		}
	}
	return ours, upstream
}

// run executes a kubectl with a private HOME so no user config leaks in.
func run(t *testing.T, bin string, args ...string) (stdout string, err error) {
	t.Helper()
	home := t.TempDir()
	cmd := exec.Command(bin, args...)
	cmd.Env = []string{"HOME=" + home, "KUBECONFIG=" + filepath.Join(home, "none"), "PATH=" + os.Getenv("PATH")}
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	if err != nil {
		t.Logf("%s %v: %v\nstderr: %s", filepath.Base(bin), args, err, errOut.String())
	}
	return out.String(), err
}

// dropEmpty removes empty maps ({}), which the acceptance allows to differ.
func dropEmpty(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range v {
			e = dropEmpty(e)
			if m, ok := e.(map[string]any); ok && len(m) == 0 {
				continue
			}
			out[k] = e
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = dropEmpty(e)
		}
		return out
	}
	return v
}

// Talk 000, "kubectl": the object `create deployment` builds on the client is
// the same one the upstream kubectl builds.
func TestDryRunObjectsMatchUpstream(t *testing.T) {
	ours, upstream := binaries(t)
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"deployment with replicas", []string{"create", "deployment", "nginx", "--image=nginx", "--replicas=3"}},
		{"deployment with port", []string{"create", "deployment", "web", "--image=nginx:1.27", "--port=80"}},
		{"deployment with two images", []string{"create", "deployment", "pair", "--image=nginx", "--image=busybox:1.36"}},
		{"deployment in a registry", []string{"create", "deployment", "reg", "--image=localhost:5000/team/app:v2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append(append([]string{}, tc.args...), "--dry-run=client", "-o", "yaml")
			want, err := run(t, upstream, args...)
			if err != nil {
				t.Fatalf("upstream kubectl failed: %v", err)
			}
			got, err := run(t, ours, args...)
			if err != nil {
				t.Fatalf("our kubectl failed: %v", err)
			}
			var w, g any
			if err := yaml.Unmarshal([]byte(want), &w); err != nil {
				t.Fatalf("upstream YAML: %v", err)
			}
			if err := yaml.Unmarshal([]byte(got), &g); err != nil {
				t.Fatalf("our YAML: %v\n%s", err, got)
			}
			if diff := cmp.Diff(dropEmpty(w), dropEmpty(g)); diff != "" {
				t.Errorf("objects differ (-upstream +ours):\n%s", diff)
			}
		})
	}
}

// Talk 002's image "nginx 1.23.2-alpine": the upstream kubectl lets it through
// to the server; ours stops it on the client.
func TestBadImageCaughtOnlyByUs(t *testing.T) {
	ours, upstream := binaries(t)
	args := []string{"create", "deployment", "x", "--image=nginx 1.23.2-alpine", "--dry-run=client"}
	if _, err := run(t, upstream, args...); err != nil {
		t.Fatalf("upstream kubectl rejected it too (the test's premise changed): %v", err)
	}
	if _, err := run(t, ours, args...); err == nil {
		t.Fatal("our kubectl accepted an image reference with a space")
	}
}
