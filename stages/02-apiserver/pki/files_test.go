package pki

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Keys load in every form kubeadm and openssl write them, so an existing
// /etc/kubernetes/pki can be used as is.
func TestParseKeyPEM(t *testing.T) {
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	block := func(typ string, der []byte) []byte { return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}) }
	sec1, _ := x509.MarshalECPrivateKey(ec)
	pkcs8, _ := x509.MarshalPKCS8PrivateKey(rsaKey)
	tests := []struct {
		name    string
		data    []byte
		want    any // public key; nil when an error is wanted
		wantErr string
	}{
		{name: "EC PRIVATE KEY (this package, kubeadm ECDSA)", data: block("EC PRIVATE KEY", sec1), want: ec.Public()},
		{name: "RSA PRIVATE KEY (kubeadm default)", data: block("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(rsaKey)), want: rsaKey.Public()},
		{name: "PRIVATE KEY (PKCS #8)", data: block("PRIVATE KEY", pkcs8), want: rsaKey.Public()},
		{name: "openssl's EC PARAMETERS first", data: append(block("EC PARAMETERS", []byte{6, 8, 42, 134, 72, 206, 61, 3, 1, 7}), block("EC PRIVATE KEY", sec1)...), want: ec.Public()},
		{name: "certificate only", data: block("CERTIFICATE", []byte{1}), wantErr: "no private key block found"},
		{name: "corrupt key", data: block("EC PRIVATE KEY", []byte{1, 2, 3}), wantErr: "parse EC PRIVATE KEY"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			key, err := parseKeyPEM(tc.data)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !samePublicKey(key.Public(), tc.want) {
				t.Error("parsed a different key")
			}
		})
	}
}

// Private keys and kubeconfigs are readable by their owner only, and the
// pki directory is closed to other users; certificates are public.
func TestFilePermissions(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "pki")
	ca, err := EnsureCA(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := ca.EnsureServingCert(dir, APIServerCertAndKeyBaseName, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := EnsureServiceAccountKey(dir); err != nil {
		t.Fatal(err)
	}
	cert, key, err := ca.IssueIdentity(AdminIdentity())
	if err != nil {
		t.Fatal(err)
	}
	kubeconfigPath := filepath.Join(root, "admin.kubeconfig")
	if err := WriteKubeconfig(kubeconfigPath, KubeconfigOptions{Server: "https://127.0.0.1:6443", CAPEM: ca.CertPEM, ClientCertPEM: cert, ClientKeyPEM: key}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		path string
		want os.FileMode
	}{
		{name: "pki directory", path: dir, want: 0o700},
		{name: "ca.crt", path: filepath.Join(dir, CACertName), want: 0o644},
		{name: "ca.key", path: filepath.Join(dir, CAKeyName), want: 0o600},
		{name: "apiserver.crt", path: filepath.Join(dir, "apiserver.crt"), want: 0o644},
		{name: "apiserver.key", path: filepath.Join(dir, "apiserver.key"), want: 0o600},
		{name: "sa.key", path: filepath.Join(dir, ServiceAccountPrivateKeyName), want: 0o600},
		{name: "sa.pub", path: filepath.Join(dir, ServiceAccountPublicKeyName), want: 0o644},
		{name: "admin.kubeconfig", path: kubeconfigPath, want: 0o600},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := fileMode(t, tc.path); got != tc.want {
				t.Errorf("mode = %o, want %o", got, tc.want)
			}
		})
	}
	// No temporary file is left behind by the atomic writes.
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file %s left in %s", e.Name(), dir)
		}
	}
}
