package rest

import (
	"regexp"
	"runtime"
	"strings"
	"testing"
)

func TestServerURL(t *testing.T) {
	tests := []struct {
		name    string
		cfg     Config
		want    string
		wantErr string
	}{
		{name: "full URL", cfg: Config{Host: "https://127.0.0.1:6443"}, want: "https://127.0.0.1:6443"},
		{name: "trailing slash dropped", cfg: Config{Host: "https://127.0.0.1:6443/"}, want: "https://127.0.0.1:6443"},
		{name: "path prefix kept", cfg: Config{Host: "https://proxy.example/k8s/"}, want: "https://proxy.example/k8s"},
		{name: "host:port without TLS is http", cfg: Config{Host: "127.0.0.1:8080"}, want: "http://127.0.0.1:8080"},
		{name: "host:port with a CA is https",
			cfg: Config{Host: "127.0.0.1:6443", TLSClientConfig: TLSClientConfig{CAData: []byte("x")}}, want: "https://127.0.0.1:6443"},
		{name: "host:port with insecure is https",
			cfg: Config{Host: "localhost:6443", TLSClientConfig: TLSClientConfig{Insecure: true}}, want: "https://localhost:6443"},
		{name: "empty host", cfg: Config{}, wantErr: "host must be a URL or a host:port pair"},
		{name: "unsupported scheme", cfg: Config{Host: "ftp://127.0.0.1"}, wantErr: "scheme must be http or https"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u, err := tc.cfg.serverURL()
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || u.String() != tc.want {
				t.Fatalf("serverURL = %v, %v; want %s", u, err, tc.want)
			}
		})
	}
}

func TestNewRejectsContradictions(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{name: "token and basic auth",
			cfg:  Config{Host: "https://h", BearerToken: "t", Username: "u", Password: "p"},
			want: "username/password or bearer token may be set, but not both"},
		{name: "CA with insecure",
			cfg:  Config{Host: "https://h", TLSClientConfig: TLSClientConfig{Insecure: true, CAFile: "/ca.crt"}},
			want: "specifying a root certificates file with the insecure flag is not allowed"},
		{name: "certificate without key",
			cfg:  Config{Host: "https://h", TLSClientConfig: TLSClientConfig{CertData: []byte("c")}},
			want: "client certificate and client key must both be set, or neither"},
		{name: "groups without user",
			cfg:  Config{Host: "https://h", Impersonate: ImpersonationConfig{Groups: []string{"g"}}},
			want: "requesting groups without impersonating a user is not allowed"},
		{name: "unreadable CA file",
			cfg:  Config{Host: "https://h", TLSClientConfig: TLSClientConfig{CAFile: "/does/not/exist.crt"}},
			want: "load certificate authority: open /does/not/exist.crt: no such file or directory"},
		{name: "CA data that is not PEM",
			cfg:  Config{Host: "https://h", TLSClientConfig: TLSClientConfig{CAData: []byte("not pem")}},
			want: "load certificate authority: no PEM certificate found in certificate-authority-data"},
		{name: "missing token file",
			cfg:  Config{Host: "https://h", BearerTokenFile: "/does/not/exist"},
			want: "read token file /does/not/exist: open /does/not/exist: no such file or directory"},
		{name: "exec without apiVersion",
			cfg:  Config{Host: "https://h", ExecProvider: &ExecConfig{Command: "x"}},
			want: `exec plugin: invalid apiVersion ""`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(&tc.cfg)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("New error = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestDefaultUserAgent(t *testing.T) {
	oldV, oldC := Version, GitCommit
	t.Cleanup(func() { Version, GitCommit = oldV, oldC })

	Version, GitCommit = "v1.37.2-dirty", "0123456789abcdef"
	want := regexp.MustCompile(`^[^/ ]+/v1\.37\.2 \(` + runtime.GOOS + `/` + runtime.GOARCH + `\) kubernetes/0123456$`)
	if got := DefaultUserAgent(); !want.MatchString(got) {
		t.Errorf("DefaultUserAgent() = %q, want match %s", got, want)
	}
	Version, GitCommit = "", ""
	if got := DefaultUserAgent(); !strings.HasSuffix(got, "/unknown ("+runtime.GOOS+"/"+runtime.GOARCH+") kubernetes/unknown") {
		t.Errorf("unset version: %q", got)
	}
}
