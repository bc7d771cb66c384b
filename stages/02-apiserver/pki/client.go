// Client certificates: how a user or a component proves who it is to the
// API server in the TLS handshake, before any HTTP is sent (talk 000,
// "Server side authentication", client certificates first). The server
// reads the user name from the common name (CN) and the groups from the
// organizations (O); authorization later decides what they may do.
//
// Interface:
//   - (*CA).IssueClientCert(cn, orgs, validity): any identity.
//   - Identity with AdminIdentity, NodeIdentity, KubeSchedulerIdentity,
//     KubeControllerManagerIdentity, KubeProxyIdentity, and
//     (*CA).IssueIdentity: the identities the control plane's parts use,
//     under upstream's names.
//   - Verify(certPEM, caPEM): the check the server's x509 authenticator
//     makes, as a function.
//
// The kubeconfig that carries a certificate to its user is kubeconfig.go.

package pki

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
)

// User and group names the API server's bootstrap RBAC policy knows, as
// upstream's k8s.io/apiserver/pkg/authentication/user and kubeadm name them.
// The well-known ones are the authentication/user package's; pki repeats
// them under the names this package has always used.
const (
	// AdminUser is the user of kubeadm's admin.conf.
	AdminUser = "kubernetes-admin"
	// SystemPrivilegedGroup is the superuser group: members are allowed
	// everything, before RBAC is even asked.
	SystemPrivilegedGroup = user.SystemPrivilegedGroup
	// NodesUserPrefix starts every kubelet's user name; the Node
	// authorizer takes the node name from what follows it.
	NodesUserPrefix = user.NodeUserPrefix
	// NodesGroup is the group of every kubelet.
	NodesGroup = user.NodesGroup
	// KubeScheduler, KubeControllerManager and KubeProxy are the users of
	// the three components, bound by the bootstrap policy to the roles
	// system:kube-scheduler, system:kube-controller-manager and
	// system:node-proxier.
	KubeScheduler         = user.KubeScheduler
	KubeControllerManager = user.KubeControllerManager
	KubeProxy             = user.KubeProxy
)

// Identity is who a client certificate says its holder is: the user name
// in the subject's CN and the groups in its O entries.
type Identity struct {
	CommonName    string
	Organizations []string
}

// AdminIdentity is the cluster administrator: CN=kubernetes-admin,
// O=system:masters. Newer kubeadm puts admin.conf in the group
// kubeadm:cluster-admins instead, bound to cluster-admin by a
// ClusterRoleBinding that can be revoked; this project keeps the older,
// simpler form the stage's issue asks for.
func AdminIdentity() Identity {
	return Identity{CommonName: AdminUser, Organizations: []string{SystemPrivilegedGroup}}
}

// NodeIdentity is the kubelet of nodeName: CN=system:node:<nodeName>,
// O=system:nodes, the form the Node authorizer requires.
func NodeIdentity(nodeName string) Identity {
	return Identity{CommonName: NodesUserPrefix + nodeName, Organizations: []string{NodesGroup}}
}

// KubeSchedulerIdentity is the scheduler: CN=system:kube-scheduler.
func KubeSchedulerIdentity() Identity { return Identity{CommonName: KubeScheduler} }

// KubeControllerManagerIdentity is the controller manager:
// CN=system:kube-controller-manager.
func KubeControllerManagerIdentity() Identity { return Identity{CommonName: KubeControllerManager} }

// KubeProxyIdentity is kube-proxy: CN=system:kube-proxy.
func KubeProxyIdentity() Identity { return Identity{CommonName: KubeProxy} }

// IssueIdentity is IssueClientCert for id, valid CertificateValidityPeriod.
func (ca *CA) IssueIdentity(id Identity) (certPEM, keyPEM []byte, err error) {
	return ca.IssueClientCert(id.CommonName, id.Organizations, CertificateValidityPeriod)
}

// IssueClientCert signs a new key pair as a client certificate
// (ExtKeyUsage ClientAuth) for the user commonName in the groups
// organizations, and returns both in PEM. validity <= 0 means
// CertificateValidityPeriod; the certificate never outlives the CA. The
// result is not written anywhere: put it in a kubeconfig with
// WriteKubeconfig.
//
// commonName must not be empty, and a node user needs a node name after
// "system:node:".
func (ca *CA) IssueClientCert(commonName string, organizations []string, validity time.Duration) (certPEM, keyPEM []byte, err error) {
	if commonName == "" {
		return nil, nil, errors.New("issue client certificate: common name (the user name) is empty")
	}
	if strings.HasPrefix(commonName, NodesUserPrefix) && len(commonName) == len(NodesUserPrefix) {
		return nil, nil, fmt.Errorf("issue client certificate: user %q lacks the node name after %q", commonName, NodesUserPrefix)
	}
	if validity <= 0 {
		validity = CertificateValidityPeriod
	}
	key, err := newPrivateKey()
	if err != nil {
		return nil, nil, fmt.Errorf("issue client certificate %q: %w", commonName, err)
	}
	tmpl := &x509.Certificate{
		Subject:     pkix.Name{CommonName: commonName, Organization: organizations},
		KeyUsage:    x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}
	_, certPEM, err = ca.issue(tmpl, key.Public(), validity)
	if err != nil {
		return nil, nil, fmt.Errorf("issue client certificate %q: %w", commonName, err)
	}
	keyPEM, err = encodeKeyPEM(key)
	if err != nil {
		return nil, nil, fmt.Errorf("issue client certificate %q: %w", commonName, err)
	}
	return certPEM, keyPEM, nil
}

// Verify checks that the first certificate in certPEM was signed by a CA
// in caPEM, is valid now and may be used for client authentication, and
// returns it; its Subject.CommonName is the user and its
// Subject.Organization the groups. This is the check a TLS server with
// ClientAuth RequireAndVerifyClientCert and ClientCAs (*CA).Pool makes in
// the handshake, for code that holds a certificate outside one.
func Verify(certPEM, caPEM []byte) (*x509.Certificate, error) {
	cert, err := parseCertPEM(certPEM)
	if err != nil {
		return nil, fmt.Errorf("verify client certificate: %w", err)
	}
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(caPEM) {
		return nil, errors.New("verify client certificate: no CA certificate found in the CA PEM data")
	}
	_, err = cert.Verify(x509.VerifyOptions{
		Roots:     roots,
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	})
	if err != nil {
		return nil, fmt.Errorf("verify client certificate %q: %w", cert.Subject.CommonName, err)
	}
	return cert, nil
}
