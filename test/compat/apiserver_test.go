package compat

// Our kube-apiserver as a child process, for tests that point real clients
// at it.
//
// Interface:
//   - startAPIServer(t) runs bin/kube-apiserver on a free loopback port with
//     a temporary --data-dir, waits for /readyz, and stops it (SIGTERM, by
//     PID) when the test ends.
//   - (*apiServer).restConfig / clientset: client-go configured from the
//     admin.kubeconfig the server wrote, speaking JSON.
//   - (*apiServer).kubectl runs the upstream kubectl against the server
//     (kubectl_upstream_test.go uses it).
//
// The binaries come from `make compat`: OUR_APISERVER names the server (by
// default the kube-apiserver beside OUR_KUBECTL) and UPSTREAM_KUBECTL the
// kubectl built from k8s.io/kubectl. A missing binary skips the test, and
// fails it under CI=true, as binaries() does.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
)

// serverStartTimeout bounds how long the server may take to write its
// address and pass /readyz; it normally needs well under a second.
const serverStartTimeout = 30 * time.Second

// apiServer is one running kube-apiserver. Its fields are fixed once
// startAPIServer returns.
type apiServer struct {
	dataDir    string // the server's --data-dir
	kubeconfig string // dataDir/admin.kubeconfig
	addr       string // host:port from dataDir/address
	home       string // HOME for kubectl runs: one discovery cache per server
}

// requireBinary returns path when it names an existing file; otherwise it
// skips the test, or fails it under CI, saying how to provide it.
func requireBinary(t *testing.T, path, what string) string {
	t.Helper()
	if _, err := os.Stat(path); path == "" || err != nil {
		msg := fmt.Sprintf("%s not found at %q (run `make compat`)", what, path)
		if ci := os.Getenv("CI"); ci != "" && ci != "false" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return path
}

// apiserverBinary is OUR_APISERVER, or the kube-apiserver `make build` put
// beside OUR_KUBECTL.
func apiserverBinary(t *testing.T) string {
	t.Helper()
	bin := os.Getenv("OUR_APISERVER")
	if bin == "" && os.Getenv("OUR_KUBECTL") != "" {
		bin = filepath.Join(filepath.Dir(os.Getenv("OUR_KUBECTL")), "kube-apiserver")
	}
	return requireBinary(t, bin, "our kube-apiserver (OUR_APISERVER)")
}

// upstreamKubectl is the kubectl built from k8s.io/kubectl v0.37.2.
func upstreamKubectl(t *testing.T) string {
	t.Helper()
	return requireBinary(t, os.Getenv("UPSTREAM_KUBECTL"), "the upstream kubectl (UPSTREAM_KUBECTL)")
}

// startAPIServer starts our kube-apiserver with a fresh data directory on
// 127.0.0.1 and returns once /readyz passes. The server is stopped by its
// PID when t ends; if t failed, the tail of its log is printed.
//
// The ServiceAccount admission plugin is off: it refuses pods in a
// namespace without a "default" service account, and until stage 3 no
// controller creates one. This suite checks the clients, which do not
// care; TestUpstreamKubectlServiceAccountAdmission checks the plugin.
func startAPIServer(t *testing.T, extraArgs ...string) *apiServer {
	t.Helper()
	if len(extraArgs) == 0 {
		extraArgs = []string{"--disable-admission-plugins=ServiceAccount"}
	}
	bin := apiserverBinary(t)
	work := t.TempDir()
	s := &apiServer{
		dataDir: filepath.Join(work, "data"),
		home:    filepath.Join(work, "home"),
	}
	s.kubeconfig = filepath.Join(s.dataDir, "admin.kubeconfig")
	if err := os.Mkdir(s.home, 0o755); err != nil {
		t.Fatal(err)
	}
	logPath := filepath.Join(work, "apiserver.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	args := append([]string{"--data-dir", s.dataDir, "--bind-address", "127.0.0.1", "--secure-port", "0"}, extraArgs...)
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		t.Fatalf("start kube-apiserver: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait(); logFile.Close() }()
	t.Cleanup(func() {
		stopProcess(t, "kube-apiserver", cmd.Process.Pid, exited)
		if t.Failed() {
			t.Logf("kube-apiserver log (%s):\n%s", logPath, tail(logPath, 30))
		}
	})

	ctx, cancel := context.WithTimeout(context.Background(), serverStartTimeout)
	defer cancel()
	if err := s.waitReady(ctx, exited); err != nil {
		t.Fatalf("kube-apiserver did not become ready: %v", err) // the cleanup prints its log
	}
	return s
}

// waitReady polls for the address file (written once admin.kubeconfig is
// complete) and then for /readyz, giving up early if the process exits.
func (s *apiServer) waitReady(ctx context.Context, exited <-chan error) error {
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	var last error
	for {
		select {
		case err := <-exited:
			return fmt.Errorf("process exited: %v", err)
		case <-ctx.Done():
			return fmt.Errorf("%w (last error: %v)", ctx.Err(), last)
		case <-tick.C:
		}
		if s.addr == "" {
			b, err := os.ReadFile(filepath.Join(s.dataDir, "address"))
			if err != nil || len(bytes.TrimSpace(b)) == 0 {
				last = fmt.Errorf("no address file yet: %v", err)
				continue
			}
			s.addr = string(bytes.TrimSpace(b))
		}
		cfg, err := clientcmd.BuildConfigFromFlags("", s.kubeconfig)
		if err != nil {
			last = err
			continue
		}
		cs, err := kubernetes.NewForConfig(withJSON(cfg))
		if err != nil {
			return fmt.Errorf("client for /readyz: %w", err)
		}
		body, err := cs.Discovery().RESTClient().Get().AbsPath("/readyz").DoRaw(ctx)
		if err == nil && string(body) == "ok" {
			return nil
		}
		last = fmt.Errorf("/readyz: %v %q", err, body)
	}
}

// stopProcess sends SIGTERM to pid (the program name) and waits for it to
// exit, killing it after ten seconds. The process is our own child, so its
// PID is known.
func stopProcess(t *testing.T, name string, pid int, exited <-chan error) {
	t.Helper()
	if err := syscall.Kill(pid, syscall.SIGTERM); err != nil && !errors.Is(err, syscall.ESRCH) {
		t.Errorf("stop %s (pid %d): %v", name, pid, err)
	}
	select {
	case <-exited:
	case <-time.After(10 * time.Second):
		t.Errorf("%s (pid %d) ignored SIGTERM for 10s; killing it", name, pid)
		_ = syscall.Kill(pid, syscall.SIGKILL)
		<-exited
	}
}

// tail returns the last n lines of the file at path.
func tail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// withJSON makes cfg speak JSON both ways, as kubectl's dynamic commands
// do, and lifts client-go's default rate limit of 5 requests/s, which
// would make the thousand-write tests crawl.
func withJSON(cfg *rest.Config) *rest.Config {
	cfg.ContentType = "application/json"
	cfg.AcceptContentTypes = "application/json"
	return withoutRateLimit(cfg)
}

// withoutRateLimit lifts client-go's rate limit and leaves the content
// types at client-go's defaults: typed clients then send protobuf bodies,
// as controllers and the scheduler do.
func withoutRateLimit(cfg *rest.Config) *rest.Config {
	cfg.QPS, cfg.Burst = 1000, 1000
	return cfg
}

// restConfig returns a client-go configuration for the server's admin
// kubeconfig, speaking JSON.
func (s *apiServer) restConfig(t *testing.T) *rest.Config {
	t.Helper()
	cfg, err := clientcmd.BuildConfigFromFlags("", s.kubeconfig)
	if err != nil {
		t.Fatalf("load %s: %v", s.kubeconfig, err)
	}
	return withJSON(cfg)
}

// clientset returns typed clients for the server, speaking JSON.
func (s *apiServer) clientset(t *testing.T) *kubernetes.Clientset {
	t.Helper()
	cs, err := kubernetes.NewForConfig(s.restConfig(t))
	if err != nil {
		t.Fatalf("typed clientset: %v", err)
	}
	return cs
}

// defaultClientset returns typed clients with client-go's default
// content types: protobuf request bodies.
func (s *apiServer) defaultClientset(t *testing.T) *kubernetes.Clientset {
	t.Helper()
	cfg, err := clientcmd.BuildConfigFromFlags("", s.kubeconfig)
	if err != nil {
		t.Fatalf("load %s: %v", s.kubeconfig, err)
	}
	cs, err := kubernetes.NewForConfig(withoutRateLimit(cfg))
	if err != nil {
		t.Fatalf("typed clientset: %v", err)
	}
	return cs
}

// kubectlRun is the outcome of one kubectl invocation.
type kubectlRun struct {
	stdout, stderr string
	err            error
}

// kubectl runs bin with args against the server, with stdin as its input
// and extra environment entries (e.g. EDITOR=...). The HOME is the
// server's own, so the discovery cache is shared by one test's commands
// and never by another's. Each run is bounded by a minute.
func (s *apiServer) kubectl(t *testing.T, bin, stdin string, env []string, args ...string) kubectlRun {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append([]string{
		"HOME=" + s.home,
		"KUBECONFIG=" + s.kubeconfig,
		"PATH=" + os.Getenv("PATH"),
	}, env...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	return kubectlRun{stdout: out.String(), stderr: errOut.String(), err: err}
}
