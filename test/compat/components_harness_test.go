package compat

// The upstream kube-scheduler and kube-controller-manager as child
// processes of a test, with the credentials and flags kubeadm gives them.
//
// Interface:
//   - (*apiServer).componentKubeconfig(t, user) writes a kubeconfig with a
//     client certificate for user (system:kube-scheduler, ...), issued by
//     our kubeadm from the server's CA.
//   - startComponent(t, bin, args...) runs bin with its log in a file and
//     stops it by PID when the test ends.
//   - (*component).authorizationErrors / recurringErrors read that log.
//
// The binaries come from `make compat` (cmd/kube-scheduler and
// cmd/kube-controller-manager, built from k8s.io/kubernetes v1.37.2):
// UPSTREAM_KUBE_SCHEDULER and UPSTREAM_KUBE_CONTROLLER_MANAGER name them,
// OUR_KUBEADM our kubeadm (by default beside OUR_KUBECTL).

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// kubeadmBinary is OUR_KUBEADM, or the kubeadm `make build` put beside
// OUR_KUBECTL.
func kubeadmBinary(t *testing.T) string {
	t.Helper()
	bin := os.Getenv("OUR_KUBEADM")
	if bin == "" && os.Getenv("OUR_KUBECTL") != "" {
		bin = filepath.Join(filepath.Dir(os.Getenv("OUR_KUBECTL")), "kubeadm")
	}
	return requireBinary(t, bin, "our kubeadm (OUR_KUBEADM)")
}

// componentKubeconfig writes DIR/NAME.kubeconfig for the user, with a
// client certificate (CN = user) that `kubeadm kubeconfig user` signs
// with the server's CA, and returns its path.
func (s *apiServer) componentKubeconfig(t *testing.T, user string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), strings.TrimPrefix(user, "system:")+".kubeconfig")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, kubeadmBinary(t), "kubeconfig", "user",
		"--data-dir", s.dataDir, "--client-name", user, "--out", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("kubeadm kubeconfig user --client-name %s: %v\n%s", user, err, b)
	}
	return out
}

// component is one running upstream program.
type component struct {
	name    string // kube-scheduler, kube-controller-manager
	logPath string // its stdout and stderr
}

// startComponent runs bin with args, its output in a log file, and stops
// it by PID (SIGTERM, then SIGKILL) when t ends; if t failed, the tail of
// the log is printed.
func startComponent(t *testing.T, bin string, args ...string) *component {
	t.Helper()
	c := &component{name: filepath.Base(bin), logPath: filepath.Join(t.TempDir(), filepath.Base(bin)+".log")}
	logFile, err := os.Create(c.logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", c.name, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait(); logFile.Close() }()
	t.Cleanup(func() {
		stopProcess(t, c.name, cmd.Process.Pid, exited)
		if t.Failed() {
			t.Logf("%s log (%s):\n%s", c.name, c.logPath, tail(c.logPath, 40))
		}
	})
	return c
}

// authorizationError matches what client-go and the components log when
// the server refuses them: upstream's Forbidden and Unauthorized wording.
var authorizationError = regexp.MustCompile(`(?i)forbidden|unauthorized|cannot (get|list|watch|create|update|patch|delete) resource`)

// klogPrefix is a klog header ("E1125 01:54:27.435281   19019 file.go:227] ").
var klogPrefix = regexp.MustCompile(`^([IWEF])\d{4} [\d:.]+ +\d+ ([^\]]+\] )`)

// logLines returns the component's log, line by line.
func (c *component) logLines(t *testing.T) []string {
	t.Helper()
	f, err := os.Open(c.logPath)
	if err != nil {
		t.Fatalf("read %s log: %v", c.name, err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read %s log: %v", c.name, err)
	}
	return lines
}

// authorizationErrors returns the log lines in which the server refused
// the component. The flag dump at start (FLAG: --authorization-webhook-
// cache-unauthorized-ttl=...) names no refusal and is skipped.
func (c *component) authorizationErrors(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, l := range c.logLines(t) {
		if authorizationError.MatchString(l) && !strings.Contains(l, "] FLAG: --") {
			out = append(out, l)
		}
	}
	return out
}

// recurringErrors returns the component's error and warning lines without
// their klog header, each once with its count, most frequent first.
func (c *component) recurringErrors(t *testing.T) []string {
	t.Helper()
	counts := map[string]int{}
	for _, l := range c.logLines(t) {
		m := klogPrefix.FindStringSubmatch(l)
		if m == nil || (m[1] != "E" && m[1] != "W") {
			continue
		}
		counts[m[1]+" "+l[len(m[0])-len(m[2]):]]++
	}
	var out []string
	for msg, n := range counts {
		out = append(out, fmt.Sprintf("%4d× %s", n, msg))
	}
	slices.SortFunc(out, func(a, b string) int { return -strings.Compare(a, b) })
	return out
}

// waitFor polls cond every 200ms until it returns true, failing the test
// with what after timeout; cond's error is reported as the last reason.
func waitFor(t *testing.T, timeout time.Duration, what string, cond func(ctx context.Context) (bool, error)) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	var last error
	for {
		ok, err := cond(ctx)
		if ok {
			return
		}
		if err != nil {
			last = err
		}
		select {
		case <-ctx.Done():
			t.Fatalf("%s: not within %s (last error: %v)", what, timeout, last)
		case <-time.After(200 * time.Millisecond):
		}
	}
}
