// X509: authentication by client certificate, the first credential talk
// 000 lists under "Server side authentication". The TLS handshake has
// already proved the client holds the certificate's private key; what is
// left is to check who signed the certificate and read the identity out
// of it.
//
// Interface:
//   - NewX509(roots): an Authenticator trusting the CAs in roots.
//   - CredentialIDForCertificate: the fingerprint upstream records as the
//     credential id.
//
// The server's tls.Config must ask for certificates without checking them
// (ClientAuth tls.RequestClientCert, ClientCAs set only as a hint for the
// client): a certificate the handshake rejected would end the connection
// before the server could answer 401, and a request with a token and no
// certificate must still get through.
package authentication

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
)

// ExtraCredentialID is the user.Info.Extra key under which authenticators
// record which credential proved the user: "X509SHA256=<fingerprint>" for
// a certificate, "JTI=<token id>" for a service-account token.
const ExtraCredentialID = "authentication.kubernetes.io/credential-id"

// X509 authenticates requests by their TLS client certificate: the
// subject's common name (CN) is the user name and its organizations (O)
// are the groups.
type X509 struct {
	roots *x509.CertPool
	// now is the time certificates are checked at; time.Now outside tests.
	now func() time.Time
}

var _ Authenticator = (*X509)(nil)

// NewX509 returns an authenticator that accepts client certificates
// signed, directly or through intermediates the client sent, by a CA in
// roots (the pool of --client-ca-file, pki's (*CA).Pool()).
func NewX509(roots *x509.CertPool) *X509 {
	return &X509{roots: roots, now: time.Now}
}

// AuthenticateRequest has no opinion on a request without a client
// certificate. It fails a certificate that does not chain to roots, is
// expired or not yet valid, or lacks the client-auth extended key usage,
// with the error crypto/x509 gives, prefixed by the certificate's serial
// and key ids so an operator can find it. A valid certificate without a
// common name has no user in it: no opinion, as upstream.
func (a *X509) AuthenticateRequest(r *http.Request) (*Response, bool, error) {
	if r.TLS == nil || len(r.TLS.PeerCertificates) == 0 {
		return nil, false, nil
	}
	leaf := r.TLS.PeerCertificates[0]
	// The client may send intermediates after its own certificate; they
	// are trusted only as links towards roots, never as roots.
	intermediates := x509.NewCertPool()
	for _, c := range r.TLS.PeerCertificates[1:] {
		intermediates.AddCert(c)
	}
	_, err := leaf.Verify(x509.VerifyOptions{
		Roots:         a.roots,
		Intermediates: intermediates,
		CurrentTime:   a.now(),
		KeyUsages:     []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	})
	if err != nil {
		return nil, false, fmt.Errorf("verifying certificate %s failed: %w", certificateIdentifier(leaf), err)
	}
	if leaf.Subject.CommonName == "" {
		return nil, false, nil
	}
	return &Response{
		User: user.Info{
			Name:   leaf.Subject.CommonName,
			Groups: append([]string(nil), leaf.Subject.Organization...),
			Extra:  map[string][]string{ExtraCredentialID: {CredentialIDForCertificate(leaf)}},
		},
		Authenticator: NameX509,
	}, true, nil
}

// CredentialIDForCertificate is "X509SHA256=" and the hex SHA-256 of the
// certificate's DER bytes: it tells two certificates of one user apart in
// the audit log without logging the certificate.
func CredentialIDForCertificate(c *x509.Certificate) string {
	sum := sha256.Sum256(c.Raw)
	return "X509SHA256=" + hex.EncodeToString(sum[:])
}

// certificateIdentifier names a certificate in an error as upstream does:
// "SN=<serial>, SKID=AB:CD:.., AKID=12:34:..".
func certificateIdentifier(c *x509.Certificate) string {
	return fmt.Sprintf("SN=%d, SKID=%s, AKID=%s", c.SerialNumber, colonHex(c.SubjectKeyId), colonHex(c.AuthorityKeyId))
}

func colonHex(b []byte) string {
	parts := make([]string, len(b))
	for i, c := range b {
		parts[i] = fmt.Sprintf("%02X", c)
	}
	return strings.Join(parts, ":")
}
