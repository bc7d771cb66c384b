package kubectl

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/testserver"
)

// result is what one in-process kubectl invocation printed and returned.
type result struct {
	out, errOut string
	err         error
}

// message is the last line cmd/kubectl would print for the error.
func (r result) message() string {
	if r.err == nil {
		return ""
	}
	return ErrorMessage(r.err)
}

// kubectlRun runs the root command in-process with stdin and args.
func kubectlRun(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd := NewKubectlCommand(IOStreams{In: strings.NewReader(stdin), Out: &out, ErrOut: &errOut})
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(context.Background())
	return result{out: out.String(), errOut: errOut.String(), err: err}
}

// cluster is a test server with a kubeconfig and a discovery cache of its
// own.
type cluster struct {
	srv        *testserver.Server
	kubeconfig string
	cacheDir   string
}

func newCluster(t *testing.T, opts ...testserver.Option) *cluster {
	t.Helper()
	t.Setenv("KUBECONFIG", "")
	t.Setenv("KUBECACHEDIR", "")
	t.Setenv("HOME", t.TempDir())
	srv := testserver.Start(t, opts...)
	return &cluster{srv: srv, kubeconfig: srv.Kubeconfig(t), cacheDir: t.TempDir()}
}

// run runs kubectl against the cluster.
func (c *cluster) run(t *testing.T, args ...string) result {
	t.Helper()
	return c.runStdin(t, "", args...)
}

// runStdin runs kubectl against the cluster with stdin.
func (c *cluster) runStdin(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	return kubectlRun(t, stdin, append([]string{"--kubeconfig", c.kubeconfig, "--cache-dir", c.cacheDir}, args...)...)
}

// requests lists "METHOD path" of the recorded requests that are not
// discovery or OpenAPI lookups.
func (c *cluster) requests() []string {
	var out []string
	for _, r := range c.srv.Requests() {
		if r.IsDiscovery() || strings.HasPrefix(r.Path, "/openapi/") {
			continue
		}
		out = append(out, r.Method+" "+r.Path)
	}
	return out
}

// mustSucceed fails t when r failed.
func mustSucceed(t *testing.T, r result) {
	t.Helper()
	if r.err != nil {
		t.Fatalf("kubectl failed: %s\nstderr:\n%s", r.message(), r.errOut)
	}
}
