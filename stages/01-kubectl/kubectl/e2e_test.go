package kubectl

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/shared/codec"
	"github.com/kubeworkbook/kubeworkbook/shared/testenv"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/testserver"
)

// buildKubectl compiles cmd/kubectl into a temporary directory, as
// `make build` does into bin/.
func buildKubectl(t *testing.T) string {
	t.Helper()
	testenv.RequireLong(t)
	testenv.RequireCommand(t, "go", "install Go from the official download page")
	bin := filepath.Join(t.TempDir(), "kubectl")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	build := exec.Command("go", "build", "-o", bin, "github.com/kubeworkbook/kubeworkbook/cmd/kubectl")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// The acceptance cases of the issue, on the real binary: exit codes,
// stdout and stderr as a shell sees them.
func TestBinaryEndToEnd(t *testing.T) {
	bin := buildKubectl(t)
	srv := testserver.Start(t, testserver.WithObjects(ghost()))
	kubeconfig := srv.Kubeconfig(t)
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string // a fragment
		wantStderr string // a fragment
		noRequests bool
	}{
		{
			name:       "dry-run deployment",
			args:       []string{"create", "deployment", "nginx", "--image=nginx", "--replicas=3", "--dry-run=client", "-o", "yaml"},
			wantStdout: upstreamDeployment,
			noRequests: true,
		},
		{
			name:       "image with a space",
			args:       []string{"create", "deployment", "x", "--image=nginx 1.23.2-alpine", "--dry-run=client"},
			wantCode:   1,
			wantStderr: `error: The Deployment "x" is invalid: `,
			noRequests: true,
		},
		{
			name:       "talk 002 manifest",
			args:       []string{"create", "-f", filepath.Join("..", "demo", "talk002-nginx.yaml"), "-v", "6"},
			wantCode:   1,
			wantStderr: `unknown field "spec.spec"`,
			noRequests: true,
		},
		{
			name:       "get with request log",
			args:       []string{"get", "deployments", "-v", "6"},
			wantStdout: "ghost",
			wantStderr: "/apis/apps/v1/namespaces/default/deployments?limit=500 200 OK in ",
		},
		{
			name:       "not found",
			args:       []string{"get", "deployment", "nope"},
			wantCode:   1,
			wantStderr: "Error from server (NotFound): deployments.apps \"nope\" not found\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv.ResetRequests()
			cmd := exec.Command(bin, append([]string{"--kubeconfig", kubeconfig, "--cache-dir", t.TempDir()}, tc.args...)...)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			code := 0
			if exit, ok := err.(*exec.ExitError); ok {
				code = exit.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if code != tc.wantCode {
				t.Errorf("exit code %d, want %d\nstderr:\n%s", code, tc.wantCode, stderr.String())
			}
			if tc.wantStdout == upstreamDeployment {
				got, err1 := codec.DecodeUnstructured(stdout.Bytes())
				want, _ := codec.DecodeUnstructured([]byte(upstreamDeployment))
				if err1 != nil || !equalJSON(got, want) {
					t.Errorf("stdout:\n%s\nwant the upstream Deployment", stdout.String())
				}
			} else if !strings.Contains(stdout.String(), tc.wantStdout) {
				t.Errorf("stdout %q does not contain %q", stdout.String(), tc.wantStdout)
			}
			if !strings.Contains(stderr.String(), tc.wantStderr) {
				t.Errorf("stderr %q does not contain %q", stderr.String(), tc.wantStderr)
			}
			if n := len(srv.Requests()); tc.noRequests && n != 0 {
				t.Errorf("%d requests sent", n)
			}
		})
	}
}

// equalJSON compares two decoded documents.
func equalJSON(a, b map[string]any) bool {
	ja, _ := codec.EncodeJSON(a)
	jb, _ := codec.EncodeJSON(b)
	return bytes.Equal(ja, jb)
}

// The stage-1 demo (make stage-1) on the real binary. Its output goes to
// a pipe here, as in CI logs, so it must carry no terminal escape codes.
func TestDemoScript(t *testing.T) {
	testenv.RequireCommand(t, "bash", "install bash")
	bin := buildKubectl(t)
	cmd := exec.Command("bash", filepath.Join("..", "demo", "demo.sh"), filepath.Dir(bin))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("demo.sh: %v\nstdout:\n%s\nstderr:\n%s", err, stdout.String(), stderr.String())
	}
	if strings.Contains(stdout.String(), "\x1b[") {
		t.Errorf("demo output to a pipe has escape codes:\n%q", stdout.String())
	}
	if !strings.Contains(stdout.String(), "$ ") {
		t.Errorf("demo output shows no commands:\n%s", stdout.String())
	}
}
