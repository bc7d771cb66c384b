package rest

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// pluginScript is a credential plugin: it counts its runs, saves what it
// was given, and prints output.json with @N@ replaced by the run number.
const pluginScript = `#!/bin/sh
dir="$(dirname "$0")"
n=$(( $(cat "$dir/count" 2>/dev/null || echo 0) + 1 ))
echo "$n" > "$dir/count"
printf '%s' "$KUBERNETES_EXEC_INFO" > "$dir/info-$n.json"
printf '%s' "$GREETING" > "$dir/greeting-$n"
sed "s/@N@/$n/g" "$dir/output.json"
exit ${EXIT_CODE:-0}
`

// plugin is one installed pluginScript.
type plugin struct {
	dir, path string
}

func newPlugin(t *testing.T, output string) plugin {
	t.Helper()
	dir := t.TempDir()
	p := plugin{dir: dir, path: filepath.Join(dir, "kubectl-login")}
	if err := os.WriteFile(p.path, []byte(pluginScript), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "output.json"), []byte(output), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func (p plugin) runs(t *testing.T) int {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(p.dir, "count"))
	if os.IsNotExist(err) {
		return 0
	}
	n, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	return n
}

func (p plugin) file(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(p.dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func (p plugin) config(apiVersion string, env ...ExecEnvVar) *ExecConfig {
	return &ExecConfig{APIVersion: apiVersion, Command: p.path, Env: env, InteractiveMode: "IfAvailable"}
}

const v1 = "client.authentication.k8s.io/v1"

func tokenOutput(extraStatus string) string {
	return `{"kind":"ExecCredential","apiVersion":"` + v1 + `","status":{"token":"token-@N@"` + extraStatus + `}}`
}

// acceptTokens answers 200 to the listed bearer tokens and 401 otherwise.
func acceptTokens(tokens ...string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, tok := range tokens {
			if r.Header.Get("Authorization") == "Bearer "+tok {
				_, _ = io.WriteString(w, `{}`)
				return
			}
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = io.WriteString(w, `{"kind":"Status","apiVersion":"v1","status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}`)
	})
}

// The plugin gets KUBERNETES_EXEC_INFO (non-interactive, with the cluster
// when asked) and its env; its token is cached while it has no expiry.
func TestExecPluginToken(t *testing.T) {
	p := newPlugin(t, tokenOutput(""))
	srv := newAPIServer(t, serverOptions{handler: acceptTokens("token-1")})
	cfg := srv.config()
	cfg.ExecProvider = p.config(v1, ExecEnvVar{Name: "GREETING", Value: "hello"})
	cfg.ExecProvider.ProvideClusterInfo = true
	cfg.ExecProvider.Config = json.RawMessage(`{"audience":"test"}`)
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if p.runs(t) != 0 {
		t.Fatal("New must not run the plugin")
	}
	for i := 0; i < 3; i++ {
		if _, err := c.Get(context.Background(), "/apis"); err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
	}
	if got := p.runs(t); got != 1 {
		t.Errorf("plugin ran %d times for 3 requests, want 1 (cached)", got)
	}
	if got := p.file(t, "greeting-1"); got != "hello" {
		t.Errorf("plugin env GREETING = %q", got)
	}
	var info map[string]any
	if err := json.Unmarshal([]byte(p.file(t, "info-1.json")), &info); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"kind": "ExecCredential", "apiVersion": v1,
		"spec": map[string]any{"interactive": false, "cluster": map[string]any{
			"server":                     srv.URL,
			"certificate-authority-data": b64(srv.CA.CertPEM), // base64, as in a kubeconfig
			"config":                     map[string]any{"audience": "test"},
		}},
	}
	if diff := cmp.Diff(want, info); diff != "" {
		t.Errorf("KUBERNETES_EXEC_INFO (-want +got):\n%s", diff)
	}
}

func b64(b []byte) string {
	s, _ := json.Marshal(b)
	return strings.Trim(string(s), `"`)
}

// Without provideClusterInfo the plugin learns nothing about the cluster.
func TestExecPluginWithoutClusterInfo(t *testing.T) {
	p := newPlugin(t, tokenOutput(""))
	srv := newAPIServer(t, serverOptions{handler: acceptTokens("token-1")})
	cfg := srv.config()
	cfg.ExecProvider = p.config(v1)
	c, _ := New(cfg)
	if _, err := c.Get(context.Background(), "/apis"); err != nil {
		t.Fatal(err)
	}
	want := `{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","spec":{"interactive":false}}`
	if got := p.file(t, "info-1.json"); got != want {
		t.Errorf("KUBERNETES_EXEC_INFO = %s, want %s", got, want)
	}
}

// A plugin may answer in YAML, which client-go's decoder reads too.
func TestExecPluginYAMLOutput(t *testing.T) {
	p := newPlugin(t, "apiVersion: "+v1+"\nkind: ExecCredential\nstatus:\n  token: token-@N@\n")
	srv := newAPIServer(t, serverOptions{handler: acceptTokens("token-1")})
	cfg := srv.config()
	cfg.ExecProvider = p.config(v1)
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Get(context.Background(), "/apis"); err != nil {
		t.Fatalf("request with a YAML credential: %v", err)
	}
}

// A credential with expirationTimestamp is reused until then.
func TestExecPluginExpiry(t *testing.T) {
	p := newPlugin(t, tokenOutput(`,"expirationTimestamp":"2030-01-01T00:00:00Z"`))
	srv := newAPIServer(t, serverOptions{handler: acceptTokens("token-1", "token-2")})
	clock := time.Date(2029, 12, 31, 23, 0, 0, 0, time.UTC)
	now = func() time.Time { return clock }
	t.Cleanup(func() { now = time.Now })

	cfg := srv.config()
	cfg.ExecProvider = p.config(v1)
	c, _ := New(cfg)
	get := func() string {
		t.Helper()
		if _, err := c.Get(context.Background(), "/apis"); err != nil {
			t.Fatal(err)
		}
		return srv.last(t).Header.Get("Authorization")
	}
	if got := get(); got != "Bearer token-1" {
		t.Fatalf("first: %s", got)
	}
	clock = clock.Add(59 * time.Minute)
	if got := get(); got != "Bearer token-1" {
		t.Errorf("before expiry: %s, want cached token-1", got)
	}
	clock = clock.Add(2 * time.Minute)
	if got := get(); got != "Bearer token-2" {
		t.Errorf("after expiry: %s, want token-2 from a second run", got)
	}
}

// A 401 means the server stopped accepting the token: run the plugin once
// more and retry once; a second 401 is the answer.
func TestExecPluginRetriesOnceOn401(t *testing.T) {
	tests := []struct {
		name         string
		accept       []string
		wantErr      bool
		wantRuns     int
		wantRequests int
	}{
		{name: "fresh token accepted", accept: []string{"token-2"}, wantRuns: 2, wantRequests: 2},
		{name: "fresh token rejected too", accept: nil, wantErr: true, wantRuns: 2, wantRequests: 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newPlugin(t, tokenOutput(""))
			srv := newAPIServer(t, serverOptions{handler: acceptTokens(tc.accept...)})
			cfg := srv.config()
			cfg.ExecProvider = p.config(v1)
			c, _ := New(cfg)
			_, err := c.Do(context.Background(), Request{Verb: "POST", Path: "/api/v1/namespaces", Body: []byte(`{"kind":"Namespace"}`)})
			if tc.wantErr != IsUnauthorized(err) || (!tc.wantErr && err != nil) {
				t.Fatalf("err = %v, wantErr %v", err, tc.wantErr)
			}
			if got := p.runs(t); got != tc.wantRuns {
				t.Errorf("plugin runs = %d, want %d", got, tc.wantRuns)
			}
			reqs := srv.Requests()
			if len(reqs) != tc.wantRequests {
				t.Fatalf("server saw %d requests, want %d", len(reqs), tc.wantRequests)
			}
			if reqs[1].Body != `{"kind":"Namespace"}` {
				t.Errorf("retried request lost its body: %q", reqs[1].Body)
			}
		})
	}
}

// A plugin may return a client certificate instead of a token; it is
// presented in the TLS handshake and verified by the server.
func TestExecPluginClientCertificate(t *testing.T) {
	clientCA := newCA(t, "client-ca")
	jane := newClientCert(t, clientCA, "jane", "developers")
	certJSON, _ := json.Marshal(string(jane.CertPEM))
	keyJSON, _ := json.Marshal(string(jane.KeyPEM))
	p := newPlugin(t, `{"kind":"ExecCredential","apiVersion":"`+v1+`","status":{"clientCertificateData":`+
		string(certJSON)+`,"clientKeyData":`+string(keyJSON)+`}}`)
	srv := newAPIServer(t, serverOptions{clientCA: &clientCA})
	cfg := srv.config()
	cfg.ExecProvider = p.config(v1)
	c, _ := New(cfg)
	if _, err := c.Get(context.Background(), "/apis"); err != nil {
		t.Fatal(err)
	}
	got := srv.last(t)
	if got.ClientCN != "jane" || got.Header.Get("Authorization") != "" {
		t.Errorf("server saw user %q, Authorization %q; want jane and none", got.ClientCN, got.Header.Get("Authorization"))
	}
}

func TestExecPluginErrors(t *testing.T) {
	tests := []struct {
		name   string
		output string
		modify func(*ExecConfig)
		want   string
	}{
		{name: "missing binary shows the install hint", output: tokenOutput(""),
			modify: func(e *ExecConfig) {
				e.Command = "/nonexistent/kubectl-login"
				e.InstallHint = "Install it with: make plugin"
			},
			want: "getting credentials: exec: executable /nonexistent/kubectl-login not found\n\nInstall it with: make plugin"},
		{name: "non-zero exit", output: tokenOutput(""),
			modify: func(e *ExecConfig) { e.Env = []ExecEnvVar{{Name: "EXIT_CODE", Value: "3"}} },
			want:   "failed with exit code 3"},
		{name: "other API version", output: strings.Replace(tokenOutput(""), "/v1", "/v1beta1", 1),
			want: "exec plugin is configured to use API version client.authentication.k8s.io/v1, plugin returned version client.authentication.k8s.io/v1beta1"},
		{name: "no status", output: `{"kind":"ExecCredential","apiVersion":"` + v1 + `"}`,
			want: "exec plugin didn't return a status field"},
		{name: "empty status", output: `{"kind":"ExecCredential","apiVersion":"` + v1 + `","status":{}}`,
			want: "exec plugin didn't return a token or cert/key pair"},
		{name: "certificate without key", output: `{"kind":"ExecCredential","apiVersion":"` + v1 + `","status":{"clientCertificateData":"x"}}`,
			want: "exec plugin returned only certificate or key, not both"},
		// Output that is not an ExecCredential: upstream kubectl's words
		// (checked against v1.37.2).
		{name: "not an object", output: "hello",
			want: `getting credentials: decoding stdout: couldn't get version/kind; json parse error: json: cannot unmarshal string into Go value of type struct { APIVersion string "json:\"apiVersion,omitempty\""; Kind string "json:\"kind,omitempty\"" }`},
		{name: "not YAML", output: "status: [",
			want: "getting credentials: decoding stdout: yaml: line 1: did not find expected node content"},
		{name: "no kind means ExecCredential", output: `{"apiVersion":"` + v1 + `"}`,
			want: "getting credentials: exec plugin didn't return a status field"},
		{name: "no apiVersion", output: `{"kind":"ExecCredential","status":{"token":"abc"}}`,
			want: "getting credentials: exec plugin is configured to use API version client.authentication.k8s.io/v1, plugin returned version client.authentication.k8s.io/__internal"},
		{name: "other kind", output: `{"kind":"Foo","apiVersion":"` + v1 + `","status":{"token":"abc"}}`,
			want: `getting credentials: decoding stdout: no kind "Foo" is registered for version "client.authentication.k8s.io/v1"`},
		{name: "unknown version", output: `{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v2","status":{"token":"abc"}}`,
			want: `getting credentials: decoding stdout: no kind "ExecCredential" is registered for version "client.authentication.k8s.io/v2"`},
		{name: "token of the wrong type", output: `{"kind":"ExecCredential","apiVersion":"` + v1 + `","status":{"token":5}}`,
			want: "getting credentials: decoding stdout: json: cannot unmarshal number into Go struct field ExecCredentialStatus.status.token of type string"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newPlugin(t, tc.output)
			srv := newAPIServer(t, serverOptions{})
			cfg := srv.config()
			cfg.ExecProvider = p.config(v1)
			if tc.modify != nil {
				tc.modify(cfg.ExecProvider)
			}
			c, err := New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.Get(context.Background(), "/apis")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
			if len(srv.Requests()) != 0 {
				t.Error("a request was sent without credentials")
			}
		})
	}
}

func TestExecPluginRefusesInteractiveAlways(t *testing.T) {
	_, err := New(&Config{Host: "https://127.0.0.1:1", ExecProvider: &ExecConfig{
		APIVersion: v1, Command: "x", InteractiveMode: "Always"}})
	if err == nil || err.Error() != "exec plugin cannot support interactive mode: standard input is not a terminal" {
		t.Errorf("err = %v", err)
	}
}
