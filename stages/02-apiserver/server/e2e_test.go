package server

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/shared/testenv"
)

// buildKubectl compiles the stage-1 kubectl into a temporary directory,
// as `make build` does into bin/.
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

// kubectlRunner runs the binary against one server, with a discovery
// cache of its own.
type kubectlRunner struct {
	bin string
	env []string
}

func (k kubectlRunner) run(t *testing.T, args ...string) (stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(k.bin, args...)
	cmd.Env = k.env
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("kubectl %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), err, out.String(), errOut.String())
	}
	return out.String(), errOut.String()
}

// discoveryRequests counts the discovery roots a -v 6 log shows fetched.
func discoveryRequests(log string) int {
	return strings.Count(log, "/api?timeout=") + strings.Count(log, "/apis?timeout=")
}

// The stage's acceptance, end to end: the stage-1 kubectl, unmodified,
// against the server through DataDir/admin.kubeconfig. Talk 004, step 2:
// the Deployment is saved; talk 000, "API discovery" and "-v 6": the
// discovery documents are fetched once, then read from the cache.
func TestKubectlEndToEnd(t *testing.T) {
	bin := buildKubectl(t)
	s := startServer(t, testConfig(t))
	home := t.TempDir()
	k := kubectlRunner{bin: bin, env: append(os.Environ(),
		"KUBECONFIG="+s.KubeconfigPath(), "HOME="+home, "KUBECACHEDIR="+filepath.Join(home, "cache"))}

	out, _ := k.run(t, "create", "deployment", "nginx", "--image=nginx")
	if out != "deployment.apps/nginx created\n" {
		t.Errorf("create: %q", out)
	}

	out, _ = k.run(t, "get", "deployments")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || strings.Join(strings.Fields(lines[0]), " ") != "NAME READY UP-TO-DATE AVAILABLE AGE" ||
		!strings.HasPrefix(lines[1], "nginx ") || strings.Fields(lines[1])[1] != "0/1" {
		t.Errorf("get deployments:\n%s", out)
	}

	// The server's defaults (talk 004, step 2: what is saved is more than
	// what was sent).
	out, _ = k.run(t, "get", "deployment", "nginx", "-o", "yaml")
	for _, want := range []string{
		"  replicas: 1\n", "    type: RollingUpdate\n", "      maxSurge: 25%\n", "      maxUnavailable: 25%\n",
		"  revisionHistoryLimit: 10\n", "  progressDeadlineSeconds: 600\n",
		"        imagePullPolicy: Always\n", "      restartPolicy: Always\n", "      dnsPolicy: ClusterFirst\n",
		"      schedulerName: default-scheduler\n", "      terminationGracePeriodSeconds: 30\n",
		"  uid: ", "  creationTimestamp: ", "  resourceVersion: ", "  generation: 1\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("get -o yaml lacks %q:\n%s", want, out)
		}
	}

	// The commands above filled the discovery cache; start from an empty
	// one to see discovery fetched once and then read from disk.
	if err := os.RemoveAll(filepath.Join(home, "cache")); err != nil {
		t.Fatal(err)
	}
	_, cold := k.run(t, "get", "deployments", "-v", "6")
	_, warm := k.run(t, "get", "deployments", "-v", "6")
	if n := discoveryRequests(cold); n == 0 {
		t.Errorf("first get -v 6 fetched no discovery; log:\n%s", cold)
	}
	if n := discoveryRequests(warm); n != 0 {
		t.Errorf("second get -v 6 fetched discovery %d times, want 0 (cached); log:\n%s", n, warm)
	}
	if !strings.Contains(warm, "/apis/apps/v1/namespaces/default/deployments?limit=500 200 OK") {
		t.Errorf("second get -v 6 did not list deployments; log:\n%s", warm)
	}

	out, _ = k.run(t, "delete", "deployment", "nginx")
	if out != "deployment.apps \"nginx\" deleted from default namespace\n" {
		t.Errorf("delete: %q", out)
	}
	out, _ = k.run(t, "get", "deployments")
	if out != "" {
		t.Errorf("get after delete printed %q", out)
	}
}
