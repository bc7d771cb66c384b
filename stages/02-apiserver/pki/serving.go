// Serving certificate: how the API server proves to a client that it is
// the server the client meant to reach (talk 000, "Client authentication":
// kubectl checks it against the kubeconfig's certificate-authority-data
// before sending any credential).
//
// Interface:
//   - (*CA).EnsureServingCert(dir, name, hosts): reuse dir/name.crt and
//     dir/name.key when they still fit, sign new ones otherwise.
//   - DefaultServingHosts: the names every serving certificate covers.
//   - (*CA).newServingCert and checkServingCert: sign one, and the reasons
//     one on disk does not fit.
//
// A client compares the host it dialed with the certificate's subject
// alternative names (SANs), not with its common name, so every address a
// client may use has to be listed: loopback for the local kubectl, the
// in-cluster service names for pods.

package pki

import (
	"crypto"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"net"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"k8s.io/klog/v2"
)

const (
	// APIServerCertAndKeyBaseName is the name EnsureServingCert is given
	// for the API server: apiserver.crt and apiserver.key, as in kubeadm.
	APIServerCertAndKeyBaseName = "apiserver"
	// APIServerCertCommonName is the subject of the serving certificate.
	APIServerCertCommonName = "kube-apiserver"
	// ServingCertRenewBefore is how much validity a serving certificate
	// must have left to be reused; with less it is replaced on start.
	ServingCertRenewBefore = 30 * 24 * time.Hour
)

// DefaultServingHosts returns the names and addresses every serving
// certificate covers: the IPv4 and IPv6 loopback addresses, localhost, and
// the DNS names of the "kubernetes" service in the default namespace by
// which pods reach the API server.
func DefaultServingHosts() []string {
	return []string{
		"127.0.0.1", "::1", "localhost",
		"kubernetes", "kubernetes.default", "kubernetes.default.svc",
		"kubernetes.default.svc.cluster.local",
	}
}

// subjectAltNames is a parsed host list: names and addresses apart, as a
// certificate stores them.
type subjectAltNames struct {
	dnsNames []string
	ips      []net.IP
}

// parseHosts splits hosts into DNS names and IP addresses, dropping
// duplicates. A host with a port or a scheme is refused, since a
// certificate names hosts only.
func parseHosts(hosts []string) (subjectAltNames, error) {
	var s subjectAltNames
	for _, h := range hosts {
		if ip := net.ParseIP(h); ip != nil {
			if !slices.ContainsFunc(s.ips, ip.Equal) {
				s.ips = append(s.ips, ip)
			}
			continue
		}
		if h == "" || strings.ContainsAny(h, ":/ \t") {
			return s, fmt.Errorf("host %q is neither an IP address nor a DNS name; give the host alone, "+
				`without scheme or port (e.g. "10.0.0.5" or "api.example.com")`, h)
		}
		name := strings.ToLower(h)
		if !slices.Contains(s.dnsNames, name) {
			s.dnsNames = append(s.dnsNames, name)
		}
	}
	return s, nil
}

// EnsureServingCert returns the paths of dir/name.crt and dir/name.key, a
// serving certificate (CN=kube-apiserver, ExtKeyUsage ServerAuth) for
// DefaultServingHosts plus hosts, each an IP address or a DNS name.
//
// The files on disk are reused when they are signed by ca, cover every
// requested host and have more than ServingCertRenewBefore left; otherwise
// a new key and certificate, valid for CertificateValidityPeriod (at most
// until the CA expires), replace them. dir is created 0700 if missing, the
// key is written 0600, and concurrent calls on one dir are serialized.
func (ca *CA) EnsureServingCert(dir, name string, hosts []string) (certFile, keyFile string, err error) {
	if name == "" || strings.ContainsAny(name, `/\`) {
		return "", "", fmt.Errorf("ensure serving certificate: name %q must be a non-empty file name without a directory", name)
	}
	sans, err := parseHosts(append(DefaultServingHosts(), hosts...))
	if err != nil {
		return "", "", fmt.Errorf("ensure serving certificate %s: %w", name, err)
	}
	if err := ensureDir(dir); err != nil {
		return "", "", fmt.Errorf("ensure serving certificate %s: %w", name, err)
	}
	unlock, err := lockDir(dir)
	if err != nil {
		return "", "", fmt.Errorf("ensure serving certificate %s: %w", name, err)
	}
	defer unlock()

	certFile, keyFile = filepath.Join(dir, name+".crt"), filepath.Join(dir, name+".key")
	p, err := readPair(certFile, keyFile)
	if err == nil {
		err = ca.checkServingCert(p.cert, sans, time.Now())
	}
	if err == nil {
		return certFile, keyFile, nil
	}
	// Anything wrong with a serving certificate is cured by a new one: no
	// one else holds a copy, unlike the CA.
	klog.V(2).Infof("generating serving certificate %s: %v", certFile, err)

	certPEM, key, err := ca.newServingCert(sans, CertificateValidityPeriod)
	if err != nil {
		return "", "", fmt.Errorf("ensure serving certificate %s: %w", name, err)
	}
	if err := writePair(certFile, keyFile, certPEM, key); err != nil {
		return "", "", fmt.Errorf("ensure serving certificate %s: %w", name, err)
	}
	return certFile, keyFile, nil
}

// newServingCert signs a new key for sans, valid for validity.
func (ca *CA) newServingCert(sans subjectAltNames, validity time.Duration) ([]byte, crypto.Signer, error) {
	key, err := newPrivateKey()
	if err != nil {
		return nil, nil, err
	}
	tmpl := &x509.Certificate{
		Subject:     pkix.Name{CommonName: APIServerCertCommonName},
		KeyUsage:    x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:    sans.dnsNames,
		IPAddresses: sans.ips,
	}
	_, certPEM, err := ca.issue(tmpl, key.Public(), validity)
	if err != nil {
		return nil, nil, err
	}
	return certPEM, key, nil
}

// checkServingCert returns why cert cannot keep serving for sans at time
// now, or nil when it can.
func (ca *CA) checkServingCert(cert *x509.Certificate, sans subjectAltNames, now time.Time) error {
	if err := cert.CheckSignatureFrom(ca.Cert); err != nil {
		return fmt.Errorf("not signed by the CA %q: %w", ca.Cert.Subject.CommonName, err)
	}
	if !slices.Contains(cert.ExtKeyUsage, x509.ExtKeyUsageServerAuth) {
		return fmt.Errorf("extended key usage lacks serverAuth")
	}
	if now.Before(cert.NotBefore) {
		return fmt.Errorf("not valid before %s", cert.NotBefore.UTC().Format(time.RFC3339))
	}
	if left := cert.NotAfter.Sub(now); left <= ServingCertRenewBefore {
		return fmt.Errorf("expires on %s, less than %v from now", cert.NotAfter.UTC().Format(time.RFC3339), ServingCertRenewBefore)
	}
	for _, name := range sans.dnsNames {
		if !slices.ContainsFunc(cert.DNSNames, func(have string) bool { return strings.EqualFold(have, name) }) {
			return fmt.Errorf("does not cover DNS name %q", name)
		}
	}
	for _, ip := range sans.ips {
		if !slices.ContainsFunc(cert.IPAddresses, ip.Equal) {
			return fmt.Errorf("does not cover IP address %s", ip)
		}
	}
	return nil
}
