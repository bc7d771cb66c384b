// Certificate authority: the self-signed key pair every other certificate
// of the cluster is signed with. The server trusts client certificates it
// signed, and clients trust the serving certificate it signed, so one file,
// ca.crt, is all either side needs to check the other (talk 000, "Client
// authentication" and "Server side authentication").
//
// Interface:
//   - CA and EnsureCA(dir): generate ca.crt/ca.key on the first start, load
//     and check them on every later one.
//   - (*CA).Pool: the CA as a trust pool, for tls.Config.ClientCAs on the
//     server and RootCAs on a client.
//   - (*CA).issue: sign a leaf template; serving.go and client.go fill the
//     template, this file sets serial and validity.

package pki

import (
	"crypto"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"time"

	"k8s.io/klog/v2"
)

// File names and validity periods, as upstream kubeadm names them.
const (
	// CACertName and CAKeyName are the CA's files inside the pki directory.
	CACertName = "ca.crt"
	CAKeyName  = "ca.key"
	// CACommonName is the subject of the cluster CA, "CN=kubernetes".
	CACommonName = "kubernetes"
	// CACertificateValidityPeriod is how long a new CA is valid: 10 years.
	CACertificateValidityPeriod = 10 * 365 * 24 * time.Hour
	// CertificateValidityPeriod is how long a certificate the CA signs is
	// valid unless the caller asks otherwise: 1 year.
	CertificateValidityPeriod = 365 * 24 * time.Hour
)

// clockSkew backdates NotBefore, so a certificate made a moment ago is
// already valid on a machine whose clock runs a little behind.
const clockSkew = 5 * time.Minute

// CA is a loaded certificate authority. It is read-only after EnsureCA
// returns and safe for concurrent use.
type CA struct {
	// Cert is the CA certificate: self-signed, IsCA, KeyUsageCertSign.
	Cert *x509.Certificate
	// Key is the private key whose public half is in Cert.
	Key crypto.Signer
	// CertPEM is Cert as PEM, what a kubeconfig embeds as
	// certificate-authority-data.
	CertPEM []byte
	// CertFile is the path of ca.crt, the value a server passes as
	// --client-ca-file.
	CertFile string
}

// EnsureCA returns the CA stored in dir, generating it first when
// dir/ca.crt does not exist. dir is created with mode 0700 if missing; the
// key is written 0600. Concurrent calls, from goroutines or processes, on
// the same dir return the same CA.
//
// An existing CA is never replaced, because every certificate and
// kubeconfig it signed would stop working: if it is expired, not a CA, or
// its key is missing or does not match, EnsureCA returns an error that
// names the files to remove.
func EnsureCA(dir string) (*CA, error) {
	if err := ensureDir(dir); err != nil {
		return nil, fmt.Errorf("ensure certificate authority: %w", err)
	}
	unlock, err := lockDir(dir)
	if err != nil {
		return nil, fmt.Errorf("ensure certificate authority: %w", err)
	}
	defer unlock()

	certFile, keyFile := filepath.Join(dir, CACertName), filepath.Join(dir, CAKeyName)
	if _, err := os.Stat(certFile); err == nil {
		return loadCA(certFile, keyFile, time.Now())
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("ensure certificate authority: %w", err)
	}
	// ca.crt is written last (writePair), so its absence means no complete
	// CA exists; a lone ca.key is left from an interrupted first start.
	now := time.Now()
	cert, certPEM, key, err := generateCA(now.Add(-clockSkew), now.Add(CACertificateValidityPeriod))
	if err != nil {
		return nil, fmt.Errorf("ensure certificate authority: %w", err)
	}
	if err := writePair(certFile, keyFile, certPEM, key); err != nil {
		return nil, fmt.Errorf("ensure certificate authority: %w", err)
	}
	klog.V(2).Infof("generated certificate authority %q in %s", CACommonName, certFile)
	return &CA{Cert: cert, Key: key, CertPEM: certPEM, CertFile: certFile}, nil
}

// loadCA reads an existing CA and checks that it can still sign.
func loadCA(certFile, keyFile string, now time.Time) (*CA, error) {
	p, err := readPair(certFile, keyFile)
	if err == nil {
		err = checkCA(p.cert, now)
	}
	if err != nil {
		return nil, fmt.Errorf("load certificate authority: %w; remove %s and %s to generate a new one "+
			"(certificates it signed will no longer be trusted)", err, certFile, keyFile)
	}
	return &CA{Cert: p.cert, Key: p.key, CertPEM: p.certPEM, CertFile: certFile}, nil
}

// checkCA reports why cert cannot act as the cluster CA at time now.
func checkCA(cert *x509.Certificate, now time.Time) error {
	switch {
	case !cert.BasicConstraintsValid || !cert.IsCA:
		return fmt.Errorf("certificate %q is not a CA (basicConstraints CA:FALSE)", cert.Subject.CommonName)
	case cert.KeyUsage&x509.KeyUsageCertSign == 0:
		return fmt.Errorf("certificate %q may not sign certificates (keyUsage lacks keyCertSign)", cert.Subject.CommonName)
	case now.After(cert.NotAfter):
		return fmt.Errorf("certificate %q expired on %s", cert.Subject.CommonName, cert.NotAfter.UTC().Format(time.RFC3339))
	case now.Before(cert.NotBefore):
		return fmt.Errorf("certificate %q is not valid before %s", cert.Subject.CommonName, cert.NotBefore.UTC().Format(time.RFC3339))
	}
	return nil
}

// generateCA makes a new self-signed CA valid from notBefore to notAfter.
func generateCA(notBefore, notAfter time.Time) (*x509.Certificate, []byte, crypto.Signer, error) {
	key, err := newPrivateKey()
	if err != nil {
		return nil, nil, nil, err
	}
	serial, err := randomSerial()
	if err != nil {
		return nil, nil, nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: CACommonName},
		NotBefore:             notBefore,
		NotAfter:              notAfter,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	// Self-signed: the template is its own parent.
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("create CA certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("create CA certificate: %w", err)
	}
	return cert, encodeCertPEM(der), key, nil
}

// Pool returns a new pool holding only the CA certificate. Give it to a
// server as tls.Config.ClientCAs (with ClientAuth VerifyClientCertIfGiven
// or RequireAndVerifyClientCert) and to a client as RootCAs.
func (ca *CA) Pool() *x509.CertPool {
	pool := x509.NewCertPool()
	pool.AddCert(ca.Cert)
	return pool
}

// issue signs tmpl for pub and returns the certificate. It sets the serial
// number and a validity from now (backdated by clockSkew) for validity,
// cut at the CA's own expiry: a certificate cannot be verified after the
// CA that signed it has expired, so promising more would be a lie.
func (ca *CA) issue(tmpl *x509.Certificate, pub crypto.PublicKey, validity time.Duration) (*x509.Certificate, []byte, error) {
	serial, err := randomSerial()
	if err != nil {
		return nil, nil, err
	}
	now := time.Now()
	tmpl.SerialNumber = serial
	tmpl.NotBefore = now.Add(-clockSkew)
	tmpl.NotAfter = now.Add(validity)
	if tmpl.NotAfter.After(ca.Cert.NotAfter) {
		tmpl.NotAfter = ca.Cert.NotAfter
	}
	tmpl.BasicConstraintsValid = true
	tmpl.IsCA = false
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.Cert, pub, ca.Key)
	if err != nil {
		return nil, nil, fmt.Errorf("sign certificate %q: %w", tmpl.Subject.CommonName, err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, nil, fmt.Errorf("sign certificate %q: %w", tmpl.Subject.CommonName, err)
	}
	return cert, encodeCertPEM(der), nil
}

// randomSerial returns a random positive serial number of up to 128 bits.
// RFC 5280 allows 20 octets; randomness makes serials unique without a
// counter kept on disk.
func randomSerial() (*big.Int, error) {
	limit := new(big.Int).Lsh(big.NewInt(1), 128)
	n, err := rand.Int(rand.Reader, limit)
	if err != nil {
		return nil, fmt.Errorf("generate serial number: %w", err)
	}
	return n.Add(n, big.NewInt(1)), nil
}
