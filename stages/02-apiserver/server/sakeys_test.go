package server

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"strings"
	"testing"
)

// Key files as kubeadm and openssl write them: every PEM form upstream
// accepts for --service-account-key-file gives its public key, and
// --service-account-signing-key-file needs a private one.
func TestServiceAccountKeyFiles(t *testing.T) {
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	pkcs8, err := x509.MarshalPKCS8PrivateKey(ec)
	if err != nil {
		t.Fatal(err)
	}
	sec1, err := x509.MarshalECPrivateKey(ec)
	if err != nil {
		t.Fatal(err)
	}
	pkix, err := x509.MarshalPKIXPublicKey(&ec.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	block := func(typ string, der []byte) string {
		return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}))
	}
	dir := t.TempDir()

	tests := []struct {
		name       string
		content    string
		wantKeys   int
		wantSigner bool
		wantErr    string // of readPublicKeys
	}{
		{"PKIX public key (sa.pub)", block("PUBLIC KEY", pkix), 1, false, ""},
		{"PKCS#1 RSA public key", block("RSA PUBLIC KEY", x509.MarshalPKCS1PublicKey(&rsaKey.PublicKey)), 1, false, ""},
		{"PKCS#8 private key", block("PRIVATE KEY", pkcs8), 1, true, ""},
		{"SEC 1 EC private key (sa.key)", block("EC PRIVATE KEY", sec1), 1, true, ""},
		{"PKCS#1 RSA private key", block("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(rsaKey)), 1, true, ""},
		{"two keys in one file", block("PUBLIC KEY", pkix) + block("RSA PUBLIC KEY", x509.MarshalPKCS1PublicKey(&rsaKey.PublicKey)), 2, false, ""},
		{"no PEM at all", "not a key\n", 0, false, "no PEM public key, certificate or private key found"},
		{"broken key", block("PUBLIC KEY", []byte("garbage")), 0, false, "read verifying keys"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, dir, strings.ReplaceAll(tc.name, " ", "_"), tc.content)
			keys, err := readPublicKeys(path)
			switch {
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("readPublicKeys = %v, want an error containing %q", err, tc.wantErr)
			case tc.wantErr == "" && (err != nil || len(keys) != tc.wantKeys):
				t.Fatalf("readPublicKeys = %d keys, %v; want %d", len(keys), err, tc.wantKeys)
			}
			signer, err := readSigningKey(path)
			if tc.wantSigner != (err == nil && signer != nil) {
				t.Errorf("readSigningKey = %v, %v; want a signer: %v", signer, err, tc.wantSigner)
			}
		})
	}
}
