// Files: how keys and certificates are encoded and how they reach the disk.
//
// Interface:
//   - writeFileAtomic: temp file in the same directory, fsync, chmod, rename;
//     a reader sees the old file or the new one, never half of either.
//   - ensureDir: create a directory 0700 (keys live there).
//   - newPrivateKey: an ECDSA P-256 key (why P-256: doc.go).
//   - encodeCertPEM / parseCertPEM, encodeKeyPEM / parseKeyPEM: the PEM
//     forms kubeadm writes ("CERTIFICATE", "EC PRIVATE KEY") and reads (also
//     "RSA PRIVATE KEY" and PKCS #8 "PRIVATE KEY").
//   - readPair / writePair: a certificate and its key, checked to belong
//     together on load, written key first and certificate last.
//
// Locking two processes out of each other is lock.go; what is generated is
// ca.go, serving.go, client.go and serviceaccount.go.

package pki

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// File modes: certificates are public, keys are not, and the directory
// that holds keys is closed to other users as well.
const (
	certFileMode os.FileMode = 0o644
	keyFileMode  os.FileMode = 0o600
	dirMode      os.FileMode = 0o700
)

// PEM block types, as kubeadm (client-go's keyutil) writes them.
const (
	certificateBlockType   = "CERTIFICATE"
	ecPrivateKeyBlockType  = "EC PRIVATE KEY"
	rsaPrivateKeyBlockType = "RSA PRIVATE KEY"
	privateKeyBlockType    = "PRIVATE KEY" // PKCS #8, any algorithm
	publicKeyBlockType     = "PUBLIC KEY"  // PKIX, what sa.pub holds
)

// ensureDir creates dir with mode 0700 if it does not exist. An existing
// directory keeps its mode: the operator chose it.
func ensureDir(dir string) error {
	if err := os.MkdirAll(dir, dirMode); err != nil {
		return fmt.Errorf("create directory %s: %w", dir, err)
	}
	return nil
}

// writeFileAtomic replaces path with data and mode. The data goes to a
// temporary file in the same directory (a rename across file systems is not
// atomic), is synced, and is renamed over path, so a crash or a concurrent
// reader never sees a partly written key. The temporary file is created
// 0600 and only then given mode, so a key is never readable by others.
func writeFileAtomic(path string, data []byte, mode os.FileMode) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// newPrivateKey generates the key for a CA, a certificate or the service
// account signer.
func newPrivateKey() (*ecdsa.PrivateKey, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generate ECDSA P-256 key: %w", err)
	}
	return key, nil
}

// encodeCertPEM wraps a DER certificate in a CERTIFICATE block.
func encodeCertPEM(der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: certificateBlockType, Bytes: der})
}

// parseCertPEM returns the first certificate in data; later blocks (a
// chain) are ignored.
func parseCertPEM(data []byte) (*x509.Certificate, error) {
	for len(data) > 0 {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			break
		}
		if block.Type != certificateBlockType {
			continue
		}
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("parse certificate: %w", err)
		}
		return cert, nil
	}
	return nil, errors.New("no CERTIFICATE block found in PEM data")
}

// encodeKeyPEM writes an ECDSA key as "EC PRIVATE KEY" (SEC 1) and any
// other key as PKCS #8 "PRIVATE KEY".
func encodeKeyPEM(key crypto.Signer) ([]byte, error) {
	if ec, ok := key.(*ecdsa.PrivateKey); ok {
		der, err := x509.MarshalECPrivateKey(ec)
		if err != nil {
			return nil, fmt.Errorf("encode private key: %w", err)
		}
		return pem.EncodeToMemory(&pem.Block{Type: ecPrivateKeyBlockType, Bytes: der}), nil
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("encode private key: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: privateKeyBlockType, Bytes: der}), nil
}

// parseKeyPEM returns the first private key in data, in any of the three
// forms kubeadm and openssl write. Blocks of other types ("EC PARAMETERS",
// which openssl puts first) are skipped.
func parseKeyPEM(data []byte) (crypto.Signer, error) {
	for len(data) > 0 {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			break
		}
		var key any
		var err error
		switch block.Type {
		case ecPrivateKeyBlockType:
			key, err = x509.ParseECPrivateKey(block.Bytes)
		case rsaPrivateKeyBlockType:
			key, err = x509.ParsePKCS1PrivateKey(block.Bytes)
		case privateKeyBlockType:
			key, err = x509.ParsePKCS8PrivateKey(block.Bytes)
		default:
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", block.Type, err)
		}
		signer, ok := key.(crypto.Signer)
		if !ok {
			return nil, fmt.Errorf("parse %s: %T cannot sign", block.Type, key)
		}
		return signer, nil
	}
	return nil, errors.New("no private key block found in PEM data")
}

// encodePublicKeyPEM writes a public key as PKIX "PUBLIC KEY".
func encodePublicKeyPEM(pub crypto.PublicKey) ([]byte, error) {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, fmt.Errorf("encode public key: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: publicKeyBlockType, Bytes: der}), nil
}

// samePublicKey reports whether a and b are the same key. Every public key
// type of the standard library has an Equal method.
func samePublicKey(a, b crypto.PublicKey) bool {
	eq, ok := a.(interface{ Equal(crypto.PublicKey) bool })
	return ok && eq.Equal(b)
}

// pair is a certificate loaded from disk together with its key.
type pair struct {
	cert    *x509.Certificate
	certPEM []byte
	key     crypto.Signer
}

// readPair loads certFile and keyFile and checks that the key is the one
// the certificate was issued for. A missing file is reported with an error
// that satisfies errors.Is(err, os.ErrNotExist).
func readPair(certFile, keyFile string) (*pair, error) {
	certPEM, err := os.ReadFile(certFile)
	if err != nil {
		return nil, err
	}
	cert, err := parseCertPEM(certPEM)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", certFile, err)
	}
	keyPEM, err := os.ReadFile(keyFile)
	if err != nil {
		return nil, err
	}
	key, err := parseKeyPEM(keyPEM)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", keyFile, err)
	}
	if !samePublicKey(cert.PublicKey, key.Public()) {
		return nil, fmt.Errorf("private key %s does not match the public key of certificate %s", keyFile, certFile)
	}
	return &pair{cert: cert, certPEM: certPEM, key: key}, nil
}

// writePair writes the key first and the certificate last. The
// certificate is the commit record: when it exists, its key was written
// before it, so a crash between the two writes looks like "nothing here
// yet" to the next start, not like a certificate without a key.
func writePair(certFile, keyFile string, certPEM []byte, key crypto.Signer) error {
	keyPEM, err := encodeKeyPEM(key)
	if err != nil {
		return err
	}
	if err := writeFileAtomic(keyFile, keyPEM, keyFileMode); err != nil {
		return err
	}
	return writeFileAtomic(certFile, certPEM, certFileMode)
}
