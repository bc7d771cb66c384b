// Service-account key: the key pair the API server signs service-account
// tokens (JWTs) with, and that every API server of the cluster checks them
// with. It is not a certificate: a token names its issuer and audience
// itself, and verifiers need only the public key, in sa.pub.
//
// Interface:
//   - EnsureServiceAccountKey(dir): generate sa.key/sa.pub on the first
//     start, load sa.key (and repair sa.pub) on every later one.
//
// Tokens themselves are issued and checked in stage 2b's service-account
// code; this file only keeps the key.

package pki

import (
	"bytes"
	"crypto"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"k8s.io/klog/v2"
)

// The service-account key files, as kubeadm names them.
const (
	ServiceAccountPrivateKeyName = "sa.key"
	ServiceAccountPublicKeyName  = "sa.pub"
)

// EnsureServiceAccountKey returns the private key in dir/sa.key, generating
// it first when it does not exist. Its public half is kept in dir/sa.pub
// (PKIX "PUBLIC KEY"), rewritten from the private key when missing or
// different. A new key is ECDSA P-256, so tokens are signed ES256; an RSA
// key written by kubeadm loads as well and signs RS256. dir is created
// 0700 if missing, sa.key is written 0600, and concurrent calls on one dir
// return the same key.
func EnsureServiceAccountKey(dir string) (crypto.Signer, error) {
	if err := ensureDir(dir); err != nil {
		return nil, fmt.Errorf("ensure service-account key: %w", err)
	}
	unlock, err := lockDir(dir)
	if err != nil {
		return nil, fmt.Errorf("ensure service-account key: %w", err)
	}
	defer unlock()

	keyFile := filepath.Join(dir, ServiceAccountPrivateKeyName)
	pubFile := filepath.Join(dir, ServiceAccountPublicKeyName)
	var key crypto.Signer
	data, err := os.ReadFile(keyFile)
	switch {
	case err == nil:
		// A key that does not parse is an error, not a reason for a new
		// one: tokens signed with it are out in the cluster.
		if key, err = parseKeyPEM(data); err != nil {
			return nil, fmt.Errorf("ensure service-account key: read %s: %w; remove it and %s to generate a new key "+
				"(tokens signed with the old one will be rejected)", keyFile, err, pubFile)
		}
	case errors.Is(err, fs.ErrNotExist):
		ec, err := newPrivateKey()
		if err != nil {
			return nil, fmt.Errorf("ensure service-account key: %w", err)
		}
		keyPEM, err := encodeKeyPEM(ec)
		if err != nil {
			return nil, fmt.Errorf("ensure service-account key: %w", err)
		}
		// The private key is the record; sa.pub can always be derived.
		if err := writeFileAtomic(keyFile, keyPEM, keyFileMode); err != nil {
			return nil, fmt.Errorf("ensure service-account key: %w", err)
		}
		key = ec
	default:
		return nil, fmt.Errorf("ensure service-account key: %w", err)
	}

	pubPEM, err := encodePublicKeyPEM(key.Public())
	if err != nil {
		return nil, fmt.Errorf("ensure service-account key: %w", err)
	}
	if have, err := os.ReadFile(pubFile); err != nil || !bytes.Equal(have, pubPEM) {
		klog.V(2).Infof("writing service-account public key %s", pubFile)
		if err := writeFileAtomic(pubFile, pubPEM, certFileMode); err != nil {
			return nil, fmt.Errorf("ensure service-account key: %w", err)
		}
	}
	return key, nil
}
