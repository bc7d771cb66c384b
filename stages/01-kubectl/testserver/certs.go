// Certificates: a private CA, the server's serving certificate, and client
// certificates the server trusts.
//
// Interface:
//   - newCA(): a self-signed ECDSA CA valid for a day.
//   - (*certAuthority).issue(template): a key pair signed by the CA.
//   - ClientCert: PEM certificate and key, ready for a kubeconfig's
//     client-certificate-data / client-key-data.
//   - UntrustedClientCert(cn): a certificate from a CA the server does not
//     know, for tests of a refused credential.
//
// Talk 000, "Client authentication" and "Server side authentication": the
// client proves itself with a certificate the server's CA signed; its
// Common Name is the user and its Organizations are the groups.
package testserver

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"time"
)

// certAuthority signs the server's and the clients' certificates.
type certAuthority struct {
	cert    *x509.Certificate
	key     *ecdsa.PrivateKey
	certPEM []byte
}

// ClientCert is a client certificate and its private key, PEM-encoded.
type ClientCert struct {
	CertPEM []byte
	KeyPEM  []byte
	// CommonName is the user name the server sees.
	CommonName string
	// Organizations are the groups the server sees.
	Organizations []string
}

// newCA creates a CA valid from an hour ago (clock skew) for a day.
func newCA(name string) (*certAuthority, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generate CA key: %w", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial(),
		Subject:               pkix.Name{CommonName: name},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, fmt.Errorf("self-sign CA: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("parse CA: %w", err)
	}
	return &certAuthority{cert: cert, key: key, certPEM: pemBlock("CERTIFICATE", der)}, nil
}

// issue signs a new key pair for tmpl and returns it PEM-encoded.
func (ca *certAuthority) issue(tmpl *x509.Certificate) (certPEM, keyPEM []byte, err error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, fmt.Errorf("generate key: %w", err)
	}
	tmpl.SerialNumber = serial()
	tmpl.NotBefore = time.Now().Add(-time.Hour)
	tmpl.NotAfter = time.Now().Add(24 * time.Hour)
	tmpl.KeyUsage = x509.KeyUsageDigitalSignature
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		return nil, nil, fmt.Errorf("sign certificate for %q: %w", tmpl.Subject.CommonName, err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return nil, nil, fmt.Errorf("encode key: %w", err)
	}
	return pemBlock("CERTIFICATE", der), pemBlock("EC PRIVATE KEY", keyDER), nil
}

// servingCert returns the server's TLS certificate for 127.0.0.1 and
// localhost.
func (ca *certAuthority) servingCert() (tls.Certificate, error) {
	certPEM, keyPEM, err := ca.issue(&x509.Certificate{
		Subject:     pkix.Name{CommonName: "kube-apiserver"},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
		DNSNames:    []string{"localhost", "kubernetes", "kubernetes.default.svc"},
	})
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.X509KeyPair(certPEM, keyPEM)
}

// clientCert returns a client certificate for user cn in groups orgs.
func (ca *certAuthority) clientCert(cn string, orgs ...string) (ClientCert, error) {
	certPEM, keyPEM, err := ca.issue(&x509.Certificate{
		Subject:     pkix.Name{CommonName: cn, Organization: orgs},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	})
	if err != nil {
		return ClientCert{}, err
	}
	return ClientCert{CertPEM: certPEM, KeyPEM: keyPEM, CommonName: cn, Organizations: orgs}, nil
}

// UntrustedClientCert returns a client certificate for cn signed by a fresh
// CA that no test server trusts: a Go client does not even send it (the
// server names its own CA as the one it accepts), and a client that does
// fails the TLS handshake.
func UntrustedClientCert(cn string) (ClientCert, error) {
	ca, err := newCA("untrusted-ca")
	if err != nil {
		return ClientCert{}, err
	}
	return ca.clientCert(cn)
}

func pemBlock(typ string, der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
}

// serial returns a random 127-bit certificate serial number.
func serial() *big.Int {
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		panic(fmt.Sprintf("crypto/rand failed: %v", err)) // the system has no entropy source: nothing works
	}
	return n
}
