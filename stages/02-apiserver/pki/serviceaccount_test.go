package pki

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The service-account key signs tokens that outlive a restart, so it is
// generated once and then loaded; sa.pub always matches it. Each row
// prepares what an earlier start (or kubeadm) left in the directory.
func TestEnsureServiceAccountKey(t *testing.T) {
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		prepare func(t *testing.T, dir string) crypto.PublicKey // the key the call must return; nil: a new one
	}{
		{name: "first start generates", prepare: func(*testing.T, string) crypto.PublicKey { return nil }},
		{name: "second start reuses", prepare: func(t *testing.T, dir string) crypto.PublicKey {
			key, err := EnsureServiceAccountKey(dir)
			if err != nil {
				t.Fatal(err)
			}
			return key.Public()
		}},
		{name: "missing sa.pub is rewritten", prepare: func(t *testing.T, dir string) crypto.PublicKey {
			key, err := EnsureServiceAccountKey(dir)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Remove(filepath.Join(dir, ServiceAccountPublicKeyName)); err != nil {
				t.Fatal(err)
			}
			return key.Public()
		}},
		{name: "kubeadm's RSA key loads", prepare: func(t *testing.T, dir string) crypto.PublicKey {
			der := x509.MarshalPKCS1PrivateKey(rsaKey)
			writeFile(t, filepath.Join(dir, ServiceAccountPrivateKeyName), pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: der}))
			return rsaKey.Public()
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "pki")
			if err := os.MkdirAll(dir, 0o700); err != nil {
				t.Fatal(err)
			}
			want := tc.prepare(t, dir)
			key, err := EnsureServiceAccountKey(dir)
			if err != nil {
				t.Fatal(err)
			}
			if want != nil && !samePublicKey(key.Public(), want) {
				t.Error("returned a different key than the one on disk")
			}
			pub := mustReadFile(t, filepath.Join(dir, ServiceAccountPublicKeyName))
			block, _ := pem.Decode(pub)
			if block == nil || block.Type != "PUBLIC KEY" {
				t.Fatalf("sa.pub is not a PUBLIC KEY block:\n%s", pub)
			}
			parsed, err := x509.ParsePKIXPublicKey(block.Bytes)
			if err != nil || !samePublicKey(parsed, key.Public()) {
				t.Errorf("sa.pub does not hold the key's public half (%v)", err)
			}
			// The key signs: what the token issuer of stage 2b will do.
			digest := sha256.Sum256([]byte("header.payload"))
			if _, err := key.Sign(rand.Reader, digest[:], crypto.SHA256); err != nil {
				t.Errorf("sign: %v", err)
			}
		})
	}
}

// A sa.key that does not parse is an error with the fix, never replaced.
func TestEnsureServiceAccountKeyRefusesBrokenKey(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, ServiceAccountPrivateKeyName), []byte("garbage"))
	_, err := EnsureServiceAccountKey(dir)
	if err == nil {
		t.Fatal("want an error")
	}
	const want = "no private key block found in PEM data; remove it and"
	if !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v, want %q", err, want)
	}
	if got := string(mustReadFile(t, filepath.Join(dir, ServiceAccountPrivateKeyName))); got != "garbage" {
		t.Error("sa.key was overwritten")
	}
}
