package kubectl

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/testserver"
)

// execCluster fronts a test server with a handler that also answers the
// exec subresource over a websocket (the kubelet's job from stage 5 on).
func execCluster(t *testing.T, status string) (*cluster, *[]*http.Request) {
	t.Helper()
	c := newCluster(t, testserver.WithObjects(pod("ghost-1", map[string]string{"app": "ghost"})))
	var execs []*http.Request
	front := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/exec") {
			execs = append(execs, r)
			fakeExecServer{status: status}.ServeHTTP(w, r)
			return
		}
		c.srv.ServeHTTP(w, r)
	}))
	t.Cleanup(front.Close)
	c.kubeconfig = filepath.Join(t.TempDir(), "kubeconfig")
	config := fmt.Sprintf(`apiVersion: v1
kind: Config
clusters:
- name: front
  cluster: {server: %q, insecure-skip-tls-verify: true}
contexts:
- name: front
  context: {cluster: front, user: student, namespace: default}
current-context: front
users:
- name: student
  user: {}
`, front.URL)
	if err := os.WriteFile(c.kubeconfig, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	return c, &execs
}

// Talk 002, "Ghost demo": `kubectl exec -it ghost-xxx -- bash`. The
// command travels as query parameters of an upgrade GET; stdin and stdout
// flow over the websocket; the remote exit code becomes kubectl's.
func TestExec(t *testing.T) {
	tests := []struct {
		name     string
		status   string
		args     []string
		wantOut  string
		wantCode int
	}{
		{"command succeeds", `{"status":"Success"}`, []string{"exec", "-i", "ghost-1", "--", "cat"}, "HELLO", 0},
		{"command fails", `{"status":"Failure","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}`, []string{"exec", "-i", "ghost-1", "--", "cat"}, "HELLO", 3},
		{"through the deployment's selector", `{"status":"Success"}`, []string{"exec", "-i", "-c", "ghost", "pod/ghost-1", "--", "cat"}, "HELLO", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, execs := execCluster(t, tc.status)
			r := c.runStdin(t, "hello", tc.args...)
			if r.out != tc.wantOut {
				t.Errorf("stdout %q, want %q", r.out, tc.wantOut)
			}
			if code := 0; r.err != nil {
				code = ExitCode(r.err)
				if code != tc.wantCode {
					t.Errorf("exit code %d (%s), want %d", code, r.message(), tc.wantCode)
				}
			} else if tc.wantCode != 0 {
				t.Errorf("exec succeeded, want exit code %d", tc.wantCode)
			}
			if len(*execs) != 1 {
				t.Fatalf("%d exec requests, want 1", len(*execs))
			}
			req := (*execs)[0]
			q := req.URL.Query()
			if req.Method != "GET" || req.URL.Path != "/api/v1/namespaces/default/pods/ghost-1/exec" ||
				q.Get("command") != "cat" || q.Get("container") != "ghost" || q.Get("stdin") != "true" || q.Get("stdout") != "true" {
				t.Errorf("exec request %s %s", req.Method, req.URL)
			}
			if !strings.Contains(req.Header.Get("Sec-WebSocket-Protocol"), protocolV5) {
				t.Errorf("protocols offered: %q", req.Header.Get("Sec-WebSocket-Protocol"))
			}
		})
	}
}

// The talk's old form, without "--", is refused as upstream refuses it,
// before any request.
func TestExecArguments(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"talk 002 form without --", []string{"exec", "-it", "ghost-xxx", "bash"}, "exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead"},
		{"no command", []string{"exec", "ghost-xxx"}, "you must specify at least one command for the container"},
		{"no pod", []string{"exec"}, "pod or type/name must be specified"},
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
