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
// Verifying a chain is the most expensive step of most requests (about
// 90 µs of a get's 300): a client sends the same certificate on every
// request, and the answer depends only on the chain, the roots and the
// clock. So a chain that verified is remembered, with the window of time
// in which every certificate of it is valid, and a later request with the
// same chain inside that window skips Verify. Upstream verifies every
// time; the outcome is the same.
//
// The server's tls.Config must ask for certificates without checking them
// (ClientAuth tls.RequestClientCert, ClientCAs set only as a hint for the
// client): a certificate the handshake rejected would end the connection
// before the server could answer 401, and a request with a token and no
// certificate must still get through.
package authentication

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"sync"
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

	// verified remembers chains that verified: by the SHA-256 of the
	// chain's DER bytes, the time window in which they stay valid.
	mu       sync.Mutex
	verified map[[sha256.Size]byte]validity
}

// validity is when every certificate of a verified chain is valid.
type validity struct{ notBefore, notAfter time.Time }

// maxVerified bounds the cache of verified chains; when it is full it
// starts over, which costs one Verify per client.
const maxVerified = 4096

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
	if err := a.verify(r.TLS.PeerCertificates); err != nil {
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

// verify checks that chain[0] chains to the roots, through the
// intermediates the client sent, and may authenticate clients; a chain
// that verified before and is still inside its validity window passes
// without the work.
func (a *X509) verify(chain []*x509.Certificate) error {
	now := a.now()
	key := chainKey(chain)
	a.mu.Lock()
	v, ok := a.verified[key]
	a.mu.Unlock()
	if ok && !now.Before(v.notBefore) && !now.After(v.notAfter) {
		return nil
	}
	// The client may send intermediates after its own certificate; they
	// are trusted only as links towards roots, never as roots.
	intermediates := x509.NewCertPool()
	for _, c := range chain[1:] {
		intermediates.AddCert(c)
	}
	chains, err := chain[0].Verify(x509.VerifyOptions{
		Roots:         a.roots,
		Intermediates: intermediates,
		CurrentTime:   now,
		KeyUsages:     []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	})
	if err != nil {
		return err
	}
	v = validity{notBefore: chain[0].NotBefore, notAfter: chain[0].NotAfter}
	for _, c := range chains[0] { // the path Verify found, root included
		if c.NotBefore.After(v.notBefore) {
			v.notBefore = c.NotBefore
		}
		if c.NotAfter.Before(v.notAfter) {
			v.notAfter = c.NotAfter
		}
	}
	a.mu.Lock()
	if a.verified == nil || len(a.verified) >= maxVerified {
		a.verified = map[[sha256.Size]byte]validity{}
	}
	a.verified[key] = v
	a.mu.Unlock()
	return nil
}

// chainKey is the SHA-256 of the chain's certificates, in order.
func chainKey(chain []*x509.Certificate) [sha256.Size]byte {
	var b bytes.Buffer
	for _, c := range chain {
		b.Write(c.Raw)
	}
	return sha256.Sum256(b.Bytes())
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
