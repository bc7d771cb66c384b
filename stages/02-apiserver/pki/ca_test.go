package pki

import (
	"crypto/x509"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// Talk 000, "Server side authentication": the server can only check client
// certificates against a CA that outlives restarts, so the first start
// generates it and every later start must load the same one.
func TestEnsureCAGeneratesThenReuses(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pki")
	first, err := EnsureCA(dir)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		check func(t *testing.T, ca *CA)
	}{
		{name: "subject is CN=kubernetes", check: func(t *testing.T, ca *CA) {
			if got := ca.Cert.Subject.String(); got != "CN=kubernetes" {
				t.Errorf("subject = %q, want CN=kubernetes", got)
			}
		}},
		{name: "is a CA that signs certificates", check: func(t *testing.T, ca *CA) {
			if !ca.Cert.IsCA || ca.Cert.KeyUsage&x509.KeyUsageCertSign == 0 {
				t.Errorf("IsCA = %v, KeyUsage = %b", ca.Cert.IsCA, ca.Cert.KeyUsage)
			}
		}},
		{name: "valid for ten years", check: func(t *testing.T, ca *CA) {
			left := time.Until(ca.Cert.NotAfter)
			if left < CACertificateValidityPeriod-time.Minute || left > CACertificateValidityPeriod {
				t.Errorf("valid for %v more, want about %v", left, CACertificateValidityPeriod)
			}
		}},
		{name: "second start reuses the same serial", check: func(t *testing.T, ca *CA) {
			again, err := EnsureCA(dir)
			if err != nil {
				t.Fatal(err)
			}
			if again.Cert.SerialNumber.Cmp(ca.Cert.SerialNumber) != 0 || !samePublicKey(again.Key.Public(), ca.Key.Public()) {
				t.Errorf("serial %v then %v: CA was regenerated", ca.Cert.SerialNumber, again.Cert.SerialNumber)
			}
		}},
		{name: "CertFile is ca.crt and holds CertPEM", check: func(t *testing.T, ca *CA) {
			data, err := os.ReadFile(filepath.Join(dir, CACertName))
			if err != nil {
				t.Fatal(err)
			}
			if ca.CertFile != filepath.Join(dir, CACertName) || string(data) != string(ca.CertPEM) {
				t.Errorf("CertFile = %s, content matches CertPEM: %v", ca.CertFile, string(data) == string(ca.CertPEM))
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.check(t, first) })
	}
}

// A CA already on disk is never silently replaced: that would orphan
// every kubeconfig it signed. The error names the files to remove.
func TestEnsureCARefusesUnusableCA(t *testing.T) {
	now := time.Now()
	tests := []struct {
		name    string
		prepare func(t *testing.T, dir string)
		wantErr string
	}{
		{
			name: "expired",
			prepare: func(t *testing.T, dir string) {
				_, certPEM, key, err := generateCA(now.Add(-2*time.Hour), now.Add(-time.Hour))
				if err != nil {
					t.Fatal(err)
				}
				if err := writePair(filepath.Join(dir, CACertName), filepath.Join(dir, CAKeyName), certPEM, key); err != nil {
					t.Fatal(err)
				}
			},
			wantErr: `certificate "kubernetes" expired on`,
		},
		{
			name: "not a CA",
			prepare: func(t *testing.T, dir string) {
				certPEM, keyPEM, err := otherCA(t).IssueClientCert("jane", nil, time.Hour)
				if err != nil {
					t.Fatal(err)
				}
				writeFile(t, filepath.Join(dir, CACertName), certPEM)
				writeFile(t, filepath.Join(dir, CAKeyName), keyPEM)
			},
			wantErr: `certificate "jane" is not a CA`,
		},
		{
			name: "key does not match",
			prepare: func(t *testing.T, dir string) {
				writeFile(t, filepath.Join(dir, CACertName), otherCA(t).CertPEM)
				key, _ := encodeKeyPEM(otherCA(t).Key)
				writeFile(t, filepath.Join(dir, CAKeyName), key)
			},
			wantErr: "does not match the public key of certificate",
		},
		{
			name: "key missing",
			prepare: func(t *testing.T, dir string) {
				writeFile(t, filepath.Join(dir, CACertName), otherCA(t).CertPEM)
			},
			wantErr: "no such file or directory",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			tc.prepare(t, dir)
			_, err := EnsureCA(dir)
			if err == nil {
				t.Fatal("EnsureCA succeeded, want an error")
			}
			if !strings.Contains(err.Error(), tc.wantErr) || !strings.Contains(err.Error(), "to generate a new one") {
				t.Errorf("err = %v\nwant it to contain %q and the fix", err, tc.wantErr)
			}
		})
	}
}

// ca.crt is written after ca.key, so a ca.key alone is what a crash during
// the first start leaves: the next start generates a complete CA.
func TestEnsureCAReplacesLoneKey(t *testing.T) {
	dir := t.TempDir()
	lone := otherCA(t).Key
	stale, _ := encodeKeyPEM(lone)
	writeFile(t, filepath.Join(dir, CAKeyName), stale)
	ca, err := EnsureCA(dir)
	if err != nil {
		t.Fatal(err)
	}
	if samePublicKey(ca.Key.Public(), lone.Public()) {
		t.Error("the lone ca.key was kept; want a new key pair")
	}
	if _, err := readPair(filepath.Join(dir, CACertName), filepath.Join(dir, CAKeyName)); err != nil {
		t.Errorf("files on disk are not a pair: %v", err)
	}
}

// Two API servers started at once on one data directory (talk 003,
// "scaled horizontally") must end up trusting one CA.
func TestEnsureCAConcurrentStartsYieldOneCA(t *testing.T) {
	tests := []struct {
		name string
		run  func(t *testing.T, dir string, n int) []string // serials seen
	}{
		{name: "goroutines", run: func(t *testing.T, dir string, n int) []string {
			serials := make([]string, n)
			errs := make([]error, n)
			var wg sync.WaitGroup
			for i := range n {
				wg.Go(func() {
					ca, err := EnsureCA(dir)
					if err == nil {
						serials[i] = ca.Cert.SerialNumber.String()
					}
					errs[i] = err
				})
			}
			wg.Wait()
			for _, err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
			return serials
		}},
		{name: "processes", run: func(t *testing.T, dir string, n int) []string {
			cmds := make([]*exec.Cmd, n)
			outs := make([]strings.Builder, n)
			for i := range cmds {
				cmds[i] = exec.Command(os.Args[0], "-test.run=^TestHelperProcessEnsureCA$")
				cmds[i].Env = append(os.Environ(), "PKI_HELPER_DIR="+dir)
				cmds[i].Stdout, cmds[i].Stderr = &outs[i], &outs[i]
				if err := cmds[i].Start(); err != nil {
					t.Fatal(err)
				}
			}
			var serials []string
			for i, cmd := range cmds {
				if err := cmd.Wait(); err != nil {
					t.Fatalf("helper %d: %v\n%s", i, err, outs[i].String())
				}
				for line := range strings.Lines(outs[i].String()) {
					if s, ok := strings.CutPrefix(line, "serial="); ok {
						serials = append(serials, strings.TrimSpace(s))
					}
				}
			}
			if len(serials) != n {
				t.Fatalf("got %d serials from %d helpers", len(serials), n)
			}
			return serials
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "pki")
			serials := tc.run(t, dir, 6)
			onDisk := serialOf(t, filepath.Join(dir, CACertName))
			for i, s := range serials {
				if s != onDisk {
					t.Errorf("caller %d got serial %s, ca.crt has %s", i, s, onDisk)
				}
			}
		})
	}
}

// TestHelperProcessEnsureCA is not a test: the "processes" row above runs
// the test binary with PKI_HELPER_DIR set, and this prints the CA it got.
func TestHelperProcessEnsureCA(t *testing.T) {
	dir := os.Getenv("PKI_HELPER_DIR")
	if dir == "" {
		t.Skip("helper process for TestEnsureCAConcurrentStartsYieldOneCA")
	}
	ca, err := EnsureCA(dir)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("serial=%s\n", ca.Cert.SerialNumber)
}

// writeFile writes data to path, 0600.
func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}
