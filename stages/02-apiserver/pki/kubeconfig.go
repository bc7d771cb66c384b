// Kubeconfig: the file that carries the server's address, the CA to trust
// it by and a client's credentials to the client (talk 000, "Client
// authentication": credentials from $KUBECONFIG). The server writes
// DIR/admin.kubeconfig this way, and the command that issues component and
// node certificates writes theirs.
//
// Interface:
//   - KubeconfigOptions and WriteKubeconfig: one cluster, one user, one
//     context, current-context set, everything embedded as *-data fields.
//   - KubeconfigBytes: the same file's contents, to print.
//
// The file format itself, and its atomic writer, are stage 1's
// (stages/01-kubectl/kubeconfig): the format exists once, and the stage-1
// kubectl reads what this writes.

package pki

import (
	"crypto/tls"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/kubeconfig"
)

// DefaultClusterName is the cluster name kubeadm writes into its
// kubeconfig files.
const DefaultClusterName = "kubernetes"

// KubeconfigOptions describes a kubeconfig with one context.
type KubeconfigOptions struct {
	// Server is the API server URL, "https://127.0.0.1:6443". Required.
	Server string
	// ClusterName names the cluster entry; empty means "kubernetes".
	ClusterName string
	// UserName names the user entry; empty means the common name of
	// ClientCertPEM. Required when there is no client certificate.
	UserName string
	// ContextName names the context; empty means "<user>@<cluster>", as
	// kubeadm's "kubernetes-admin@kubernetes".
	ContextName string
	// CAPEM is the CA that signed the serving certificate
	// (certificate-authority-data). Empty means the system roots.
	CAPEM []byte
	// ClientCertPEM and ClientKeyPEM are a client certificate and its key
	// (client-certificate-data, client-key-data); both or neither.
	ClientCertPEM []byte
	ClientKeyPEM  []byte
	// Token is a bearer token, for example a service-account token.
	Token string
	// Namespace is the context's default namespace; empty means "default".
	Namespace string
}

// WriteKubeconfig writes an upstream-format kubeconfig (apiVersion v1,
// kind Config) built from opts to path, replacing any file there
// atomically, with mode 0600 because it holds a private key or token.
// Missing parent directories are created. opts is checked first, and
// nothing is written when it is incomplete or the key does not match the
// certificate.
func WriteKubeconfig(path string, opts KubeconfigOptions) error {
	cfg, err := buildKubeconfig(opts)
	if err != nil {
		return fmt.Errorf("write kubeconfig %s: %w", path, err)
	}
	// kubeconfig.WriteFile keeps the mode of a file it replaces; narrow an
	// existing file first, so the new content is never readable by others.
	if fi, err := os.Stat(path); err == nil && fi.Mode().Perm() != keyFileMode {
		if err := os.Chmod(path, keyFileMode); err != nil {
			return fmt.Errorf("write kubeconfig %s: %w", path, err)
		}
	}
	return kubeconfig.WriteFile(cfg, path)
}

// KubeconfigBytes returns the kubeconfig WriteKubeconfig would write, as
// YAML, for a command that prints it (kubeadm kubeconfig user).
func KubeconfigBytes(opts KubeconfigOptions) ([]byte, error) {
	cfg, err := buildKubeconfig(opts)
	if err != nil {
		return nil, fmt.Errorf("build kubeconfig: %w", err)
	}
	return kubeconfig.Marshal(cfg)
}

// buildKubeconfig checks opts, fills the defaults and returns the Config.
func buildKubeconfig(opts KubeconfigOptions) (*kubeconfig.Config, error) {
	if opts.Server == "" {
		return nil, errors.New(`server is empty; set it to the API server URL, e.g. "https://127.0.0.1:6443"`)
	}
	if !strings.HasPrefix(opts.Server, "https://") && !strings.HasPrefix(opts.Server, "http://") {
		return nil, fmt.Errorf("server %q must be a URL starting with https:// (or http://)", opts.Server)
	}
	if len(opts.CAPEM) > 0 {
		if _, err := parseCertPEM(opts.CAPEM); err != nil {
			return nil, fmt.Errorf("certificate-authority-data: %w", err)
		}
	}
	if (len(opts.ClientCertPEM) > 0) != (len(opts.ClientKeyPEM) > 0) {
		return nil, errors.New("client certificate and client key must both be set, or neither")
	}
	user := opts.UserName
	if len(opts.ClientCertPEM) > 0 {
		if _, err := tls.X509KeyPair(opts.ClientCertPEM, opts.ClientKeyPEM); err != nil {
			return nil, fmt.Errorf("client certificate and key: %w", err)
		}
		cert, err := parseCertPEM(opts.ClientCertPEM)
		if err != nil {
			return nil, fmt.Errorf("client-certificate-data: %w", err)
		}
		if user == "" {
			user = cert.Subject.CommonName
		}
	}
	if user == "" {
		return nil, errors.New("user name is empty; set UserName (it can only be taken from a client certificate's CN)")
	}
	cluster := opts.ClusterName
	if cluster == "" {
		cluster = DefaultClusterName
	}
	contextName := opts.ContextName
	if contextName == "" {
		contextName = user + "@" + cluster
	}
	return &kubeconfig.Config{
		Kind:       "Config",
		APIVersion: "v1",
		Clusters: []kubeconfig.NamedCluster{{Name: cluster, Cluster: kubeconfig.Cluster{
			Server:                   opts.Server,
			CertificateAuthorityData: opts.CAPEM,
		}}},
		AuthInfos: []kubeconfig.NamedAuthInfo{{Name: user, AuthInfo: kubeconfig.AuthInfo{
			ClientCertificateData: opts.ClientCertPEM,
			ClientKeyData:         opts.ClientKeyPEM,
			Token:                 opts.Token,
		}}},
		Contexts: []kubeconfig.NamedContext{{Name: contextName, Context: kubeconfig.Context{
			Cluster:   cluster,
			AuthInfo:  user,
			Namespace: opts.Namespace,
		}}},
		CurrentContext: contextName,
	}, nil
}
