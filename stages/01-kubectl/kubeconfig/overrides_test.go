package kubeconfig

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/pflag"
)

func TestBindFlags(t *testing.T) {
	rules := &LoadingRules{}
	var o Overrides
	fs := pflag.NewFlagSet("kubectl", pflag.ContinueOnError)
	BindFlags(fs, rules, &o)
	err := fs.Parse([]string{
		"--kubeconfig=/tmp/kc", "--context", "kind", "--cluster=c", "--user=u", "-n", "web",
		"-s", "https://10.0.0.1:6443", "--tls-server-name=api", "--certificate-authority=/ca.crt",
		"--insecure-skip-tls-verify", "--token=t", "--client-certificate=/c.crt", "--client-key=/c.key",
		"--username=admin", "--password=pw", "--as=jane", "--as-group=dev", "--as-group=ops", "--request-timeout=5s",
	})
	if err != nil {
		t.Fatal(err)
	}
	want := Overrides{
		Context: "kind", Cluster: "c", User: "u", Namespace: "web",
		Server: "https://10.0.0.1:6443", TLSServerName: "api", CertificateAuthority: "/ca.crt", InsecureSkipTLSVerify: true,
		Token: "t", ClientCertificate: "/c.crt", ClientKey: "/c.key", Username: "admin", Password: "pw",
		Impersonate: "jane", ImpersonateGroups: []string{"dev", "ops"}, Timeout: "5s",
	}
	if diff := cmp.Diff(want, o); diff != "" {
		t.Errorf("overrides (-want +got):\n%s", diff)
	}
	if rules.ExplicitPath != "/tmp/kc" {
		t.Errorf("ExplicitPath = %q", rules.ExplicitPath)
	}
}

func TestParseTimeout(t *testing.T) {
	tests := []struct {
		in      string
		want    time.Duration
		wantErr bool
	}{
		{in: "", want: 0},
		{in: "0", want: 0},
		{in: "30", want: 30 * time.Second},
		{in: "1m30s", want: 90 * time.Second},
		{in: "-1s", wantErr: true},
		{in: "soon", wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseTimeout(tc.in)
			if (err != nil) != tc.wantErr || got != tc.want {
				t.Errorf("ParseTimeout(%q) = %v, %v", tc.in, got, err)
			}
		})
	}
}
