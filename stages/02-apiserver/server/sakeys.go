// Service-account keys from files: the signing key
// (--service-account-signing-key-file) and the verifying keys
// (--service-account-key-file), when an operator names files instead of
// letting the server keep its own pair in DataDir/pki (pki.EnsureServiceAccountKey).
//
// Interface:
//   - serviceAccountKeys(cfg): the signer and the public keys tokens are
//     checked with.
//   - readSigningKey(path), readPublicKeys(path): PEM files as kubeadm and
//     openssl write them.
//
// A verifying file may hold public keys ("PUBLIC KEY", "RSA PUBLIC KEY"),
// certificates, or private keys (their public halves are used), as
// upstream accepts; a signing file holds one private key ("PRIVATE KEY",
// "EC PRIVATE KEY", "RSA PRIVATE KEY").
package server

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/pki"
)

// serviceAccountKeys loads the signing key and the verifying keys that
// cfg names, defaulting to the pair in DataDir/pki (created on the first
// start). Errors name the flag whose file is wrong.
func serviceAccountKeys(cfg *Config) (crypto.Signer, []crypto.PublicKey, error) {
	o := cfg.Authentication
	var signer crypto.Signer
	var err error
	if o.ServiceAccountSigningKeyFile == "" {
		signer, err = pki.EnsureServiceAccountKey(filepath.Join(cfg.DataDir, PKIDir))
	} else {
		signer, err = readSigningKey(o.ServiceAccountSigningKeyFile)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("--service-account-signing-key-file: %w", err)
	}
	if len(o.ServiceAccountKeyFiles) == 0 {
		return signer, []crypto.PublicKey{signer.Public()}, nil
	}
	var keys []crypto.PublicKey
	for _, f := range o.ServiceAccountKeyFiles {
		found, err := readPublicKeys(f)
		if err != nil {
			return nil, nil, fmt.Errorf("--service-account-key-file: %w", err)
		}
		keys = append(keys, found...)
	}
	return signer, keys, nil
}

// readSigningKey returns the first private key in the PEM file path.
func readSigningKey(path string) (crypto.Signer, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read signing key: %w", err)
	}
	for block, rest := pem.Decode(data); block != nil; block, rest = pem.Decode(rest) {
		if key, ok, err := parsePrivateKey(block); ok || err != nil {
			if err != nil {
				return nil, fmt.Errorf("read signing key %s: %w", path, err)
			}
			return key, nil
		}
	}
	return nil, fmt.Errorf("read signing key %s: no PEM private key (PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY) found", path)
}

// readPublicKeys returns every key in the PEM file path: public keys as
// they are, the public halves of certificates and private keys.
func readPublicKeys(path string) ([]crypto.PublicKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read verifying keys: %w", err)
	}
	var keys []crypto.PublicKey
	for block, rest := pem.Decode(data); block != nil; block, rest = pem.Decode(rest) {
		key, err := parsePublicKey(block)
		if err != nil {
			return nil, fmt.Errorf("read verifying keys %s: %w", path, err)
		}
		if key != nil {
			keys = append(keys, key)
		}
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("read verifying keys %s: no PEM public key, certificate or private key found", path)
	}
	return keys, nil
}

// parsePublicKey returns the public key a block holds, or nil for a
// block of another type (a file may carry comments of its own).
func parsePublicKey(block *pem.Block) (crypto.PublicKey, error) {
	switch block.Type {
	case "PUBLIC KEY":
		return x509.ParsePKIXPublicKey(block.Bytes)
	case "RSA PUBLIC KEY":
		return x509.ParsePKCS1PublicKey(block.Bytes)
	case "CERTIFICATE":
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, err
		}
		return cert.PublicKey, nil
	}
	key, ok, err := parsePrivateKey(block)
	if !ok || err != nil {
		return nil, err
	}
	return key.Public(), nil
}

// parsePrivateKey decodes a private-key block; ok is false for a block
// of another type.
func parsePrivateKey(block *pem.Block) (key crypto.Signer, ok bool, err error) {
	var parsed any
	switch block.Type {
	case "PRIVATE KEY":
		parsed, err = x509.ParsePKCS8PrivateKey(block.Bytes)
	case "EC PRIVATE KEY":
		parsed, err = x509.ParseECPrivateKey(block.Bytes)
	case "RSA PRIVATE KEY":
		parsed, err = x509.ParsePKCS1PrivateKey(block.Bytes)
	default:
		return nil, false, nil
	}
	if err != nil {
		return nil, true, err
	}
	signer, isSigner := parsed.(crypto.Signer)
	if !isSigner {
		return nil, true, errors.New("the private key cannot sign")
	}
	return signer, true, nil
}
