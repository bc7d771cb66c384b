package kubeconfig

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func kubeconfigWithContext(ctx string) string {
	return "apiVersion: v1\nkind: Config\ncurrent-context: " + ctx + "\n"
}

// Talk 001, "Client Interactions": --kubeconfig beats $KUBECONFIG, which
// beats ~/.kube/config.
func TestLoadingPrecedence(t *testing.T) {
	tests := []struct {
		name string
		flag bool // pass --kubeconfig
		env  bool // set $KUBECONFIG
		want string
	}{
		{name: "flag wins over env and home", flag: true, env: true, want: "from-flag"},
		{name: "env wins over home", env: true, want: "from-env"},
		{name: "home when nothing else", want: "from-home"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			home := isolate(t)
			write(t, home, ".kube/config", kubeconfigWithContext("from-home"))
			dir := t.TempDir()
			flagFile := write(t, dir, "flag.yaml", kubeconfigWithContext("from-flag"))
			envFile := write(t, dir, "env.yaml", kubeconfigWithContext("from-env"))
			if tc.env {
				t.Setenv("KUBECONFIG", envFile)
			}
			rules := NewDefaultLoadingRules()
			if tc.flag {
				rules.ExplicitPath = flagFile
			}
			cfg, err := rules.Load()
			if err != nil {
				t.Fatal(err)
			}
			if cfg.CurrentContext != tc.want {
				t.Errorf("current-context = %q, want %q (files %v)", cfg.CurrentContext, tc.want, rules.Files())
			}
		})
	}
}

func TestExplicitFileMustExist(t *testing.T) {
	isolate(t)
	rules := &LoadingRules{ExplicitPath: "/does/not/exist"}
	_, err := rules.Load()
	if err == nil || err.Error() != "stat /does/not/exist: no such file or directory" {
		t.Errorf("err = %v", err)
	}
}

// Upstream clientcmd merge rules: the first file that defines a name wins
// the whole entry; current-context from the first file that sets it;
// missing files are skipped.
func TestMergeFirstWins(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	first := write(t, dir, "first", `
users:
- name: admin
  user:
    token: first-token
contexts:
- name: dev
  context: {cluster: dev, user: admin}
`)
	second := write(t, dir, "second", `
current-context: dev
users:
- name: admin
  user:
    token: second-token
    username: ignored
- name: ops
  user:
    token: ops-token
clusters:
- name: dev
  cluster: {server: "https://10.0.0.1:6443"}
contexts:
- name: dev
  context: {cluster: other, user: other}
`)
	third := write(t, dir, "third", "current-context: prod\n")
	t.Setenv("KUBECONFIG", strings.Join([]string{first, filepath.Join(dir, "missing"), second, third, first}, ":"))

	rules := NewDefaultLoadingRules()
	if diff := cmp.Diff([]string{first, filepath.Join(dir, "missing"), second, third}, rules.Files()); diff != "" {
		t.Errorf("duplicates must be dropped (-want +got):\n%s", diff)
	}
	cfg, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	want := &Config{
		CurrentContext: "dev",
		Clusters:       []NamedCluster{{Name: "dev", Cluster: Cluster{Server: "https://10.0.0.1:6443"}}},
		AuthInfos: []NamedAuthInfo{
			{Name: "admin", AuthInfo: AuthInfo{Token: "first-token"}},
			{Name: "ops", AuthInfo: AuthInfo{Token: "ops-token"}},
		},
		Contexts: []NamedContext{{Name: "dev", Context: Context{Cluster: "dev", AuthInfo: "admin"}}},
	}
	if diff := cmp.Diff(want, cfg); diff != "" {
		t.Errorf("merged config (-want +got):\n%s", diff)
	}
}

// Files $KUBECONFIG lists that all do not exist are mentioned at -v 6
// only, as upstream kubectl v1.37 does.
func TestAllListedFilesMissingLogs(t *testing.T) {
	for _, tc := range []struct {
		name  string
		level int
		want  bool
	}{
		{"silent by default", 0, false},
		{"logged at -v 6", 6, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			isolate(t)
			dir := t.TempDir()
			t.Setenv("KUBECONFIG", filepath.Join(dir, "a")+":"+filepath.Join(dir, "b"))
			logs := captureLogs(t, tc.level)
			cfg, err := NewDefaultLoadingRules().Load()
			if err != nil || !cfg.isEmpty() {
				t.Fatalf("Load = %+v, %v; want an empty config", cfg, err)
			}
			line := "I.*] Config not found: " + regexp.QuoteMeta(filepath.Join(dir, "a")+", "+filepath.Join(dir, "b"))
			if got := regexp.MustCompile(line).MatchString(logs.String()); got != tc.want {
				t.Errorf("logged %v, want %v; log:\n%s", got, tc.want, logs)
			}
		})
	}
}

// Relative paths in a file are relative to that file's directory.
func TestRelativePathsResolveAgainstTheirFile(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	file := write(t, dir, "sub/config", `
clusters:
- name: c
  cluster: {server: "https://x", certificate-authority: ca.crt}
users:
- name: rel
  user:
    client-certificate: ../certs/jane.crt
    client-key: /abs/jane.key
    tokenFile: token
    exec: {command: ./bin/login, apiVersion: client.authentication.k8s.io/v1, interactiveMode: Never}
- name: path-lookup
  user:
    exec: {command: aws, apiVersion: client.authentication.k8s.io/v1, interactiveMode: Never}
`)
	cfg, err := (&LoadingRules{ExplicitPath: file}).Load()
	if err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "sub")
	c, _ := cfg.Cluster("c")
	rel, _ := cfg.AuthInfo("rel")
	lookup, _ := cfg.AuthInfo("path-lookup")
	got := []string{c.CertificateAuthority, rel.ClientCertificate, rel.ClientKey, rel.TokenFile, rel.Exec.Command, lookup.Exec.Command}
	want := []string{filepath.Join(sub, "ca.crt"), filepath.Join(dir, "certs/jane.crt"), "/abs/jane.key",
		filepath.Join(sub, "token"), filepath.Join(sub, "bin/login"), "aws"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("resolved paths (-want +got):\n%s", diff)
	}
	// LoadFile leaves the file as written.
	raw, _ := LoadFile(file)
	if c, _ := raw.Cluster("c"); c.CertificateAuthority != "ca.crt" {
		t.Errorf("LoadFile resolved a path: %q", c.CertificateAuthority)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, content, want string }{
		{"wrong kind", "kind: Pod\n", `kind is "Pod", want Config`},
		{"wrong apiVersion", "apiVersion: v2\n", `apiVersion is "v2", want v1`},
		{"duplicate cluster", "clusters:\n- name: a\n  cluster: {server: x}\n- name: a\n  cluster: {server: y}\n", `duplicate name "a" in clusters`},
		{"not YAML", "clusters: [\n", "yaml"},
		{"wrong type", "clusters: 3\n", "cannot unmarshal"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			isolate(t)
			file := write(t, t.TempDir(), "config", tc.content)
			_, err := (&LoadingRules{ExplicitPath: file}).Load()
			if err == nil || !strings.Contains(err.Error(), `error loading config file "`+file+`": `) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want the file name and %q", err, tc.want)
			}
		})
	}
}

func TestExecInteractiveModeDefault(t *testing.T) {
	cfg, err := Parse([]byte(`
users:
- name: beta
  user: {exec: {command: x, apiVersion: client.authentication.k8s.io/v1beta1}}
- name: v1
  user: {exec: {command: x, apiVersion: client.authentication.k8s.io/v1}}
`))
	if err != nil {
		t.Fatal(err)
	}
	beta, _ := cfg.AuthInfo("beta")
	v1, _ := cfg.AuthInfo("v1")
	if beta.Exec.InteractiveMode != "IfAvailable" || v1.Exec.InteractiveMode != "" {
		t.Errorf("interactiveMode beta=%q v1=%q; want IfAvailable and unset", beta.Exec.InteractiveMode, v1.Exec.InteractiveMode)
	}
}

// Talk 000, "-v 6": the first line kubectl prints names the file it read.
func TestConfigLoadedLog(t *testing.T) {
	isolate(t)
	file := write(t, t.TempDir(), "config", kubeconfigWithContext("a"))
	logs := captureLogs(t, 6)
	if _, err := (&LoadingRules{ExplicitPath: file}).Load(); err != nil {
		t.Fatal(err)
	}
	want := regexp.MustCompile(`^I\d{4} \d{2}:\d{2}:\d{2}\.\d{6} +\d+ loader\.go:\d+\] Config loaded from file:  ` + regexp.QuoteMeta(file) + "\n$")
	if !want.MatchString(logs.String()) {
		t.Errorf("log = %q, want match %s", logs, want)
	}
}

// An empty config prints like upstream's `kubectl config view` with no
// file.
func TestMarshalEmpty(t *testing.T) {
	got, err := Marshal(&Config{})
	if err != nil {
		t.Fatal(err)
	}
	want := `apiVersion: v1
clusters: null
contexts: null
current-context: ""
kind: Config
users: null
`
	if string(got) != want {
		t.Errorf("Marshal(empty) =\n%s\nwant\n%s", got, want)
	}
}

// preferences are written only when they hold something, as upstream
// kubectl v1.37.2 prints `config view` and rewrites a file in use-context.
func TestMarshalPreferences(t *testing.T) {
	tests := []struct {
		name, file string
		want       string // "" means no preferences key
	}{
		{"none", "current-context: a\n", ""},
		{"empty", "current-context: a\npreferences: {}\n", ""},
		{"colors", "current-context: a\npreferences:\n  colors: true\n", "preferences:\n  colors: true\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := Parse([]byte(tc.file))
			if err != nil {
				t.Fatal(err)
			}
			out, err := Marshal(cfg)
			if err != nil {
				t.Fatal(err)
			}
			if got := string(out); strings.Contains(got, "preferences") != (tc.want != "") || !strings.Contains(got, tc.want) {
				t.Errorf("Marshal =\n%s\nwant preferences %q", got, tc.want)
			}
		})
	}
}

func TestWriteFileRoundTripKeepsModeAndSymlink(t *testing.T) {
	dir := t.TempDir()
	target := write(t, dir, "real/config", "")
	if err := os.Chmod(target, 0o640); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	cfg := &Config{CurrentContext: "a", Clusters: []NamedCluster{{Name: "a", Cluster: Cluster{
		Server: "https://127.0.0.1:6443", CertificateAuthorityData: []byte("-----BEGIN CERTIFICATE-----\n")}}}}
	if err := WriteFile(cfg, link); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("symlink replaced: %v %v", fi, err)
	}
	if fi, _ := os.Stat(target); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode = %v, want 0640", fi.Mode().Perm())
	}
	back, err := LoadFile(link)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Kind, cfg.APIVersion = "Config", "v1"
	if diff := cmp.Diff(cfg, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if !strings.Contains(read(t, target), "certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==") {
		t.Errorf("data fields must be base64 in the file:\n%s", read(t, target))
	}
}
