// The kubeconfig file format, apiVersion v1, kind Config: field for field
// the JSON/YAML names of upstream client-go's clientcmd/api/v1, so files
// written by kubeadm, kind, minikube or cloud CLIs load here unchanged and
// files written here load in the upstream kubectl.
//
// Interface:
//   - Config: clusters (where), users (who), contexts (a cluster, a user and
//     a default namespace under one name) and current-context.
//   - Cluster, AuthInfo (the "user" block), Context, ExecConfig.
//   - (*Config).Cluster / AuthInfo / Context: look an entry up by name.
//
// Loading and merging several files is loader.go; turning the chosen
// context into a rest.Config is client_config.go.

package kubeconfig

import "encoding/json"

// Config is one kubeconfig file, or the merge of several. Lists are kept
// sorted by name after loading, as upstream prints them.
type Config struct {
	Kind       string `json:"kind,omitempty"`
	APIVersion string `json:"apiVersion,omitempty"`
	// Preferences is left out when empty, as upstream kubectl v1.37
	// writes and prints files.
	Preferences Preferences     `json:"preferences,omitzero"`
	Clusters    []NamedCluster  `json:"clusters"`
	AuthInfos   []NamedAuthInfo `json:"users"`
	Contexts    []NamedContext  `json:"contexts"`
	// CurrentContext names the context used when --context is not given.
	CurrentContext string           `json:"current-context"`
	Extensions     []NamedExtension `json:"extensions,omitempty"`
}

// Preferences holds client-side options no command of this project reads;
// they are kept so a file round-trips.
type Preferences struct {
	Colors     bool             `json:"colors,omitempty"`
	Extensions []NamedExtension `json:"extensions,omitempty"`
}

// IsZero reports whether p sets nothing; encoding/json's omitzero asks it.
func (p Preferences) IsZero() bool { return !p.Colors && len(p.Extensions) == 0 }

// Cluster says where an API server is and how to trust it.
type Cluster struct {
	// Server is the URL, "https://127.0.0.1:6443".
	Server string `json:"server"`
	// TLSServerName is checked against the server certificate instead of
	// the host of Server.
	TLSServerName string `json:"tls-server-name,omitempty"`
	// InsecureSkipTLSVerify turns off server certificate checks.
	InsecureSkipTLSVerify bool `json:"insecure-skip-tls-verify,omitempty"`
	// CertificateAuthority is a PEM file path; relative paths are relative
	// to the kubeconfig file. CertificateAuthorityData (base64 in the
	// file) wins over it.
	CertificateAuthority     string `json:"certificate-authority,omitempty"`
	CertificateAuthorityData []byte `json:"certificate-authority-data,omitempty"`
	// ProxyURL is an http, https or socks5 proxy for this cluster.
	ProxyURL           string           `json:"proxy-url,omitempty"`
	DisableCompression bool             `json:"disable-compression,omitempty"`
	Extensions         []NamedExtension `json:"extensions,omitempty"`
}

// AuthInfo is the "user" block: the credentials presented to a cluster.
// Exactly one way to authenticate is expected (a client certificate, a
// token, a username/password, or an exec plugin).
type AuthInfo struct {
	ClientCertificate     string `json:"client-certificate,omitempty"`
	ClientCertificateData []byte `json:"client-certificate-data,omitempty"`
	ClientKey             string `json:"client-key,omitempty"`
	ClientKeyData         []byte `json:"client-key-data,omitempty"`
	Token                 string `json:"token,omitempty"`
	// TokenFile is re-read while the client runs, so rotated tokens work.
	TokenFile string `json:"tokenFile,omitempty"`
	// Impersonate ("as") and the related fields act as another user.
	Impersonate          string              `json:"as,omitempty"`
	ImpersonateUID       string              `json:"as-uid,omitempty"`
	ImpersonateGroups    []string            `json:"as-groups,omitempty"`
	ImpersonateUserExtra map[string][]string `json:"as-user-extra,omitempty"`
	Username             string              `json:"username,omitempty"`
	Password             string              `json:"password,omitempty"`
	// AuthProvider is the removed in-tree plugin mechanism (gcp, azure,
	// oidc); it is kept for round-trips and refused when used.
	AuthProvider *AuthProviderConfig `json:"auth-provider,omitempty"`
	Exec         *ExecConfig         `json:"exec,omitempty"`
	Extensions   []NamedExtension    `json:"extensions,omitempty"`
}

// Context binds a cluster, a user and a default namespace under one name.
type Context struct {
	Cluster  string `json:"cluster"`
	AuthInfo string `json:"user"`
	// Namespace is used when -n is not given; empty means "default".
	Namespace  string           `json:"namespace,omitempty"`
	Extensions []NamedExtension `json:"extensions,omitempty"`
}

// NamedCluster, NamedAuthInfo, NamedContext and NamedExtension are the list
// entries of the file format: a name beside the value.
type NamedCluster struct {
	Name    string  `json:"name"`
	Cluster Cluster `json:"cluster"`
}

// NamedAuthInfo is a user entry.
type NamedAuthInfo struct {
	Name     string   `json:"name"`
	AuthInfo AuthInfo `json:"user"`
}

// NamedContext is a context entry.
type NamedContext struct {
	Name    string  `json:"name"`
	Context Context `json:"context"`
}

// NamedExtension is an opaque object tools store in the file.
type NamedExtension struct {
	Name      string          `json:"name"`
	Extension json.RawMessage `json:"extension"`
}

// AuthProviderConfig names a removed in-tree auth provider.
type AuthProviderConfig struct {
	Name   string            `json:"name"`
	Config map[string]string `json:"config,omitempty"`
}

// ExecConfig runs a credential plugin (see stages/01-kubectl/rest,
// exec.go). Args and Env are written even when empty, as upstream does.
type ExecConfig struct {
	Command string   `json:"command"`
	Args    []string `json:"args"`
	// Env adds variables to the plugin's environment.
	Env []ExecEnvVar `json:"env"`
	// APIVersion is "client.authentication.k8s.io/v1" or ".../v1beta1".
	APIVersion  string `json:"apiVersion,omitempty"`
	InstallHint string `json:"installHint"`
	// ProvideClusterInfo passes the server and CA to the plugin.
	ProvideClusterInfo bool `json:"provideClusterInfo"`
	// InteractiveMode is Never, IfAvailable or Always; required for v1,
	// defaulted to IfAvailable for v1beta1.
	InteractiveMode string `json:"interactiveMode,omitempty"`
}

// ExecEnvVar is one variable for a credential plugin.
type ExecEnvVar struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// The interactive modes of ExecConfig.
const (
	NeverExecInteractiveMode       = "Never"
	IfAvailableExecInteractiveMode = "IfAvailable"
	AlwaysExecInteractiveMode      = "Always"
)

// execClusterExtension is the cluster extension passed to exec plugins as
// spec.cluster.config.
const execClusterExtension = "client.authentication.k8s.io/exec"

// Cluster returns the cluster called name.
func (c *Config) Cluster(name string) (*Cluster, bool) {
	for i := range c.Clusters {
		if c.Clusters[i].Name == name {
			return &c.Clusters[i].Cluster, true
		}
	}
	return nil, false
}

// AuthInfo returns the user called name.
func (c *Config) AuthInfo(name string) (*AuthInfo, bool) {
	for i := range c.AuthInfos {
		if c.AuthInfos[i].Name == name {
			return &c.AuthInfos[i].AuthInfo, true
		}
	}
	return nil, false
}

// Context returns the context called name.
func (c *Config) Context(name string) (*Context, bool) {
	for i := range c.Contexts {
		if c.Contexts[i].Name == name {
			return &c.Contexts[i].Context, true
		}
	}
	return nil, false
}

// isEmpty reports whether c holds nothing at all, like upstream
// IsConfigEmpty.
func (c *Config) isEmpty() bool {
	return len(c.Clusters) == 0 && len(c.AuthInfos) == 0 && len(c.Contexts) == 0 &&
		c.CurrentContext == "" && c.Preferences.IsZero() && len(c.Extensions) == 0
}
