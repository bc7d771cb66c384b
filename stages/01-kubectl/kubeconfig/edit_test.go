package kubeconfig

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const (
	contextsAB = "contexts:\n- name: a\n  context: {cluster: c, user: u}\n- name: b\n  context: {cluster: c, user: u, namespace: web}\n"
	noCurrent  = contextsAB
	currentA   = "current-context: a\n" + contextsAB
)

// use-context writes the file upstream's PathOptions.GetDefaultFilename
// picks (checked against kubectl v1.37.2): with KUBECONFIG=k1:k2 it is k1
// even when only k2 sets current-context. Talk 001, "Client
// Interactions": the configuration comes from the files $KUBECONFIG lists.
func TestUseContextWritesTheRightFile(t *testing.T) {
	tests := []struct {
		name     string
		files    []string // contents; "" means the file does not exist
		explicit int      // index of the --kubeconfig file, or -1
		want     int      // index of the file that must change
	}{
		{name: "--kubeconfig file", files: []string{currentA, currentA}, explicit: 1, want: 1},
		{name: "first existing file, not the one that sets current-context", files: []string{noCurrent, currentA, currentA}, explicit: -1, want: 0},
		{name: "missing files are passed over", files: []string{"", noCurrent, currentA}, explicit: -1, want: 1},
		{name: "one file", files: []string{currentA}, explicit: -1, want: 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			isolate(t)
			dir := t.TempDir()
			var paths []string
			for i, content := range tc.files {
				p := filepath.Join(dir, "config"+string(rune('0'+i)))
				if content != "" {
					write(t, dir, filepath.Base(p), content)
				}
				paths = append(paths, p)
			}
			rules := &LoadingRules{Precedence: paths}
			if tc.explicit >= 0 {
				rules.ExplicitPath = paths[tc.explicit]
			}
			file, err := rules.UseContext("b")
			if err != nil {
				t.Fatal(err)
			}
			if file != paths[tc.want] {
				t.Errorf("wrote %s, want %s", file, paths[tc.want])
			}
			for i, p := range paths {
				cfg, err := loadOrEmpty(p)
				if err != nil {
					t.Fatal(err)
				}
				changed := cfg.CurrentContext == "b"
				if changed != (i == tc.want) {
					t.Errorf("file %d current-context = %q", i, cfg.CurrentContext)
				}
			}
		})
	}
}

// With no listed file existing, the last one is created.
func TestUseContextCreatesTheLastFile(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	existing := write(t, dir, "elsewhere", currentA)
	paths := []string{filepath.Join(dir, "k1"), filepath.Join(dir, "k2")}
	// The contexts come from a third file; only k1 and k2 are candidates.
	rules := &LoadingRules{Precedence: append(slices.Clone(paths), existing)}
	if got := rules.DefaultFilename(); got != existing {
		t.Fatalf("DefaultFilename = %s, want the only existing file %s", got, existing)
	}
	rules = &LoadingRules{Precedence: paths}
	if got := rules.DefaultFilename(); got != paths[1] {
		t.Errorf("DefaultFilename with no file existing = %s, want the last, %s", got, paths[1])
	}
}

// Switching to the context already current writes nothing, as upstream.
func TestUseContextUnchangedWritesNothing(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	content := "# a comment the rewrite would lose\n" + currentA
	file := write(t, dir, "config", content)
	if _, err := (&LoadingRules{ExplicitPath: file}).UseContext("a"); err != nil {
		t.Fatal(err)
	}
	if got := read(t, file); got != content {
		t.Errorf("file rewritten:\n%s", got)
	}
}

func TestUseContextKeepsRelativePaths(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	file := write(t, dir, "config", currentA+"users:\n- name: u\n  user: {client-certificate: certs/u.crt, client-key: certs/u.key}\n")
	if _, err := (&LoadingRules{ExplicitPath: file}).UseContext("b"); err != nil {
		t.Fatal(err)
	}
	if got := read(t, file); !strings.Contains(got, "client-certificate: certs/u.crt") || !strings.Contains(got, "current-context: b") {
		t.Errorf("rewritten file:\n%s", got)
	}
}

func TestUseContextErrors(t *testing.T) {
	isolate(t)
	file := write(t, t.TempDir(), "config", currentA)
	rules := &LoadingRules{ExplicitPath: file}
	if _, err := rules.UseContext("nope"); err == nil || err.Error() != `no context exists with the name: "nope"` {
		t.Errorf("unknown context: %v", err)
	}
	if _, err := rules.UseContext(""); err == nil || err.Error() != "empty context names are not allowed" {
		t.Errorf("empty name: %v", err)
	}
	if read(t, file) != currentA {
		t.Error("a failed use-context changed the file")
	}
}

func TestCurrentContextAndContexts(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	rules := &LoadingRules{ExplicitPath: write(t, dir, "config", noCurrent)}
	if _, err := rules.CurrentContext(); err == nil || err.Error() != "current-context is not set" {
		t.Errorf("unset: %v", err)
	}
	rules.ExplicitPath = write(t, dir, "config2", "current-context: b\n"+contextsAB)
	if got, err := rules.CurrentContext(); got != "b" || err != nil {
		t.Errorf("CurrentContext() = %q, %v", got, err)
	}
	got, err := rules.Contexts()
	if err != nil {
		t.Fatal(err)
	}
	want := []ContextInfo{
		{Name: "a", Cluster: "c", AuthInfo: "u"},
		{Current: true, Name: "b", Cluster: "c", AuthInfo: "u", Namespace: "web"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Contexts (-want +got):\n%s", diff)
	}
}

const viewFixture = `current-context: kind
clusters:
- name: kind
  cluster: {server: "https://127.0.0.1:6443", certificate-authority-data: Q0E=}
- name: other
  cluster: {server: "https://10.0.0.1:6443", certificate-authority: ca.crt}
users:
- name: admin
  user: {client-certificate-data: Q0VSVA==, client-key-data: S0VZ}
- name: dev
  user: {token: abc123, username: "", password: ""}
- name: files
  user: {client-certificate: certs/u.crt, client-key: certs/u.key}
contexts:
- name: kind
  context: {cluster: kind, user: admin}
- name: other
  context: {cluster: other, user: files, namespace: web}
`

// Talk 001, "Client Interactions": config view shows what kubectl will use,
// with secrets hidden unless --raw.
func TestView(t *testing.T) {
	tests := []struct {
		name    string
		o       ViewOptions
		want    string
		wantErr string
	}{
		{name: "redacted by default", o: ViewOptions{}, want: `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: DATA+OMITTED
    server: https://127.0.0.1:6443
  name: kind
- cluster:
    certificate-authority: ca.crt
    server: https://10.0.0.1:6443
  name: other
contexts:
- context:
    cluster: kind
    user: admin
  name: kind
- context:
    cluster: other
    namespace: web
    user: files
  name: other
current-context: kind
kind: Config
users:
- name: admin
  user:
    client-certificate-data: DATA+OMITTED
    client-key-data: DATA+OMITTED
- name: dev
  user:
    token: REDACTED
- name: files
  user:
    client-certificate: certs/u.crt
    client-key: certs/u.key
`},
		{name: "minify --raw", o: ViewOptions{Minify: true, Raw: true}, want: `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: Q0E=
    server: https://127.0.0.1:6443
  name: kind
contexts:
- context:
    cluster: kind
    user: admin
  name: kind
current-context: kind
kind: Config
users:
- name: admin
  user:
    client-certificate-data: Q0VSVA==
    client-key-data: S0VZ
`},
		{name: "minify --flatten --context other inlines files", o: ViewOptions{Minify: true, Flatten: true, Context: "other"}, want: `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: Q0E=
    server: https://10.0.0.1:6443
  name: other
contexts:
- context:
    cluster: other
    namespace: web
    user: files
  name: other
current-context: other
kind: Config
users:
- name: files
  user:
    client-certificate-data: Q0VSVA==
    client-key-data: S0VZ
`},
		{name: "minify an unknown context", o: ViewOptions{Minify: true, Context: "nope"}, wantErr: "cannot locate context nope"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			isolate(t)
			dir := t.TempDir()
			write(t, dir, "ca.crt", "CA")
			write(t, dir, "certs/u.crt", "CERT")
			write(t, dir, "certs/u.key", "KEY")
			rules := &LoadingRules{ExplicitPath: write(t, dir, "config", viewFixture)}
			cfg, err := rules.View(tc.o)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			out, err := Marshal(cfg)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, string(out)); diff != "" {
				t.Errorf("view (-want +got):\n%s", diff)
			}
		})
	}
}

// Merged view (no --kubeconfig) shows absolute paths, and flatten refuses
// an entry with both a path and data.
func TestViewMerged(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	t.Setenv("KUBECONFIG", write(t, dir, "config", viewFixture))
	cfg, err := NewDefaultLoadingRules().View(ViewOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := cfg.Cluster("other"); c.CertificateAuthority != filepath.Join(dir, "ca.crt") {
		t.Errorf("merged view path = %q", c.CertificateAuthority)
	}
	t.Setenv("KUBECONFIG", write(t, dir, "both", "users:\n- name: u\n  user: {client-key: k, client-key-data: S0VZ}\n"))
	if _, err := NewDefaultLoadingRules().View(ViewOptions{Flatten: true}); err == nil ||
		err.Error() != "cannot have values for both path and contents" {
		t.Errorf("flatten conflict: %v", err)
	}
}
