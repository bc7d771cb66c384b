package kubectl

import (
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/discovery"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/rest"
)

// The last line kubectl prints, in upstream's forms.
func TestErrorMessage(t *testing.T) {
	notFound := &rest.StatusError{Code: 404, Status: metav1.Status{Status: "Failure", Reason: metav1.StatusReasonNotFound, Message: `deployments.apps "ghost" not found`}}
	tests := []struct {
		name string
		err  error
		want string
		code int
	}{
		{"client error", errors.New("exactly one NAME is required, got 0"), "error: exactly one NAME is required, got 0", 1},
		{"server error", notFound, `Error from server (NotFound): deployments.apps "ghost" not found`, 1},
		{"server error named after its file", addSourceToErr("creating", "ghost.yaml", notFound), `Error from server (NotFound): error when creating "ghost.yaml": deployments.apps "ghost" not found`, 1},
		{"refused connection", &url.Error{Op: "Get", URL: "https://127.0.0.1:1/api", Err: errors.New("dial tcp 127.0.0.1:1: connect: connection refused")}, "The connection to the server 127.0.0.1:1 was refused - did you specify the right host or port?", 1},
		{"remote exit code", CodeExitError{Code: 3}, "command terminated with exit code 3", 3},
		{"joined", errors.Join(errors.New("a"), notFound), "error: a\nError from server (NotFound): deployments.apps \"ghost\" not found", 1},
		{"already reported", ErrExit, "", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := ErrorMessage(tc.err); got != tc.want {
				t.Errorf("ErrorMessage = %q, want %q", got, tc.want)
			}
			if got := ExitCode(tc.err); got != tc.code {
				t.Errorf("ExitCode = %d, want %d", got, tc.code)
			}
		})
	}
}

// Upstream still accepts a bare --dry-run and a boolean, with a
// deprecation warning; anything else is refused.
func TestParseDryRun(t *testing.T) {
	tests := []struct {
		value       string
		want        dryRunStrategy
		wantWarning string
		wantErr     string
	}{
		{"none", dryRunNone, "", ""},
		{"client", dryRunClient, "", ""},
		{"server", dryRunServer, "", ""},
		{"unchanged", dryRunClient, "--dry-run is deprecated and can be replaced with --dry-run=client.", ""},
		{"true", dryRunClient, "--dry-run=true is deprecated (boolean value) and can be replaced with --dry-run=client.", ""},
		{"false", dryRunNone, "--dry-run=false is deprecated (boolean value) and can be replaced with --dry-run=none.", ""},
		{"bogus", dryRunNone, "", `Invalid dry-run value (bogus). Must be "none", "server", or "client".`},
	}
	for _, tc := range tests {
		t.Run(tc.value, func(t *testing.T) {
			got, warning, err := parseDryRun(tc.value)
			if got != tc.want || warning != tc.wantWarning || (err == nil) != (tc.wantErr == "") || err != nil && err.Error() != tc.wantErr {
				t.Errorf("parseDryRun(%q) = %v, %q, %v", tc.value, got, warning, err)
			}
		})
	}
	// A bare --dry-run runs a client dry run and warns on stderr.
	r := kubectlRun(t, "", "create", "deployment", "x", "--image=nginx", "--dry-run")
	mustSucceed(t, r)
	if r.out != "deployment.apps/x created (dry run)\n" || !strings.Contains(r.errOut, "] --dry-run is deprecated and can be replaced with --dry-run=client.") {
		t.Errorf("bare --dry-run: out %q, err %q", r.out, r.errOut)
	}
}

// Talk 001, "REST mappings": where a resource lives in the URL space.
func TestResourcePath(t *testing.T) {
	deploy := discovery.Mapping{Group: "apps", Version: "v1", Resource: "deployments", Namespaced: true}
	node := discovery.Mapping{Version: "v1", Resource: "nodes"}
	pods := discovery.Mapping{Version: "v1", Resource: "pods", Namespaced: true}
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"namespaced collection", resourcePath(deploy, "default", "", ""), "/apis/apps/v1/namespaces/default/deployments"},
		{"all namespaces", resourcePath(deploy, "", "", ""), "/apis/apps/v1/deployments"},
		{"scale subresource", resourcePath(deploy, "default", "ghost", "scale"), "/apis/apps/v1/namespaces/default/deployments/ghost/scale"},
		{"core group", resourcePath(pods, "blog", "ghost", "log"), "/api/v1/namespaces/blog/pods/ghost/log"},
		{"cluster-scoped ignores namespace", resourcePath(node, "default", "node-1", ""), "/api/v1/nodes/node-1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %s, want %s", tc.got, tc.want)
			}
		})
	}
}

func TestFilenameSources(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a.yaml", "b.json", "c.txt", "sub/d.yml"} {
		p := filepath.Join(dir, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("{}"), 0o644)
	}
	names := func(o FilenameOptions) string {
		srcs, err := o.Sources()
		if err != nil {
			return err.Error()
		}
		var out []string
		for _, s := range srcs {
			out = append(out, strings.TrimPrefix(s.Name, dir+"/"))
		}
		return strings.Join(out, " ")
	}
	tests := []struct {
		name string
		opts FilenameOptions
		want string
	}{
		{"directory", FilenameOptions{Filenames: []string{dir}}, "a.yaml b.json"},
		{"recursive", FilenameOptions{Filenames: []string{dir}, Recursive: true}, "a.yaml b.json sub/d.yml"},
		{"stdin", FilenameOptions{Filenames: []string{"-"}}, "STDIN"},
		{"missing", FilenameOptions{Filenames: []string{"nope.yaml"}}, `the path "nope.yaml" does not exist`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := names(tc.opts); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// --validate: strict rejects (the default), warn prints and sends, ignore
// sends without a word.
func TestValidateDirectives(t *testing.T) {
	manifest := "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  color: blue\ncolour: typo\n"
	tests := []struct {
		flag       string
		wantErr    string
		wantStderr string
		wantPost   bool
	}{
		{"--validate=strict", `unknown field "colour"`, "", false},
		{"--validate=warn", "", `Warning: unknown field "colour"`, true},
		{"--validate=ignore", "", "", true},
		{"--validate=maybe", `invalid - validate option "maybe"`, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.flag, func(t *testing.T) {
			c := newCluster(t)
			r := c.runStdin(t, manifest, "create", "-f", "-", tc.flag)
			if !strings.Contains(r.message(), tc.wantErr) || (tc.wantErr == "") != (r.err == nil) {
				t.Errorf("error %q, want %q", r.message(), tc.wantErr)
			}
			if !strings.Contains(r.errOut, tc.wantStderr) {
				t.Errorf("stderr %q, want %q", r.errOut, tc.wantStderr)
			}
			posted := false
			for _, req := range c.srv.Requests() {
				if req.Method == "POST" {
					posted = true
					want := strings.TrimPrefix(tc.flag, "--validate=")
					if got := req.Query.Get("fieldValidation"); !strings.EqualFold(got, want) {
						t.Errorf("fieldValidation=%q, want %q", got, want)
					}
				}
			}
			if posted != tc.wantPost {
				t.Errorf("POST sent = %v, want %v", posted, tc.wantPost)
			}
		})
	}
}

func TestStripComments(t *testing.T) {
	in := editHeader + "# error: x\n#\napiVersion: v1\n  # indented comment\nkind: Pod\n"
	if got := string(stripComments([]byte(in))); got != "apiVersion: v1\nkind: Pod\n" {
		t.Errorf("stripComments = %q", got)
	}
}

// Talk 001, kubeconfig sources: a --context that names nothing is reported
// in upstream's words, before any request is sent.
func TestMissingContextIsAConfigurationError(t *testing.T) {
	c := newCluster(t)
	r := c.run(t, "--context=nope", "get", "pods")
	if want := "Error in configuration: context was not found for specified context: nope"; r.message() != want {
		t.Errorf("message = %q, want %q", r.message(), want)
	}
	if n := len(c.srv.Requests()); n != 0 {
		t.Errorf("%d requests sent, want none", n)
	}
}
