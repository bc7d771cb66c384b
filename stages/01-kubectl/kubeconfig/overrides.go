// Command-line overrides: the global kubectl flags that replace parts of
// the kubeconfig for one invocation (--context, -n, --server, --token, ...).
//
// Interface:
//   - Overrides: one field per flag; empty means "not given".
//   - BindFlags(fs, rules, o): registers the flags with upstream names,
//     shorthands and help texts, writing into rules.ExplicitPath and o.
//   - ParseTimeout: the --request-timeout syntax.
//
// How an override combines with the file is client_config.go's business.

package kubeconfig

import (
	"errors"
	"strconv"
	"time"

	"github.com/spf13/pflag"
)

// Overrides are the flags that change the resolved configuration.
type Overrides struct {
	Context string // --context: the context to use instead of current-context
	Cluster string // --cluster: the cluster, instead of the context's
	User    string // --user: the user, instead of the context's

	Namespace string // -n/--namespace

	Server                string // -s/--server
	TLSServerName         string // --tls-server-name
	CertificateAuthority  string // --certificate-authority (a file)
	InsecureSkipTLSVerify bool   // --insecure-skip-tls-verify

	Token             string // --token
	ClientCertificate string // --client-certificate (a file)
	ClientKey         string // --client-key (a file)
	Username          string // --username
	Password          string // --password

	Impersonate       string   // --as
	ImpersonateGroups []string // --as-group, repeatable

	// Timeout is --request-timeout: "0" (none), "30" (seconds) or "1m".
	Timeout string
}

// BindFlags registers kubectl's kubeconfig flags on fs. --kubeconfig is
// written into rules.ExplicitPath, the others into o.
func BindFlags(fs *pflag.FlagSet, rules *LoadingRules, o *Overrides) {
	fs.StringVar(&rules.ExplicitPath, "kubeconfig", rules.ExplicitPath, "Path to the kubeconfig file to use for CLI requests.")
	fs.StringVar(&o.Context, "context", o.Context, "The name of the kubeconfig context to use")
	fs.StringVar(&o.Cluster, "cluster", o.Cluster, "The name of the kubeconfig cluster to use")
	fs.StringVar(&o.User, "user", o.User, "The name of the kubeconfig user to use")
	fs.StringVarP(&o.Namespace, "namespace", "n", o.Namespace, "If present, the namespace scope for this CLI request")
	fs.StringVarP(&o.Server, "server", "s", o.Server, "The address and port of the Kubernetes API server")
	fs.StringVar(&o.TLSServerName, "tls-server-name", o.TLSServerName, "Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used")
	fs.StringVar(&o.CertificateAuthority, "certificate-authority", o.CertificateAuthority, "Path to a cert file for the certificate authority")
	fs.BoolVar(&o.InsecureSkipTLSVerify, "insecure-skip-tls-verify", o.InsecureSkipTLSVerify, "If true, the server's certificate will not be checked for validity. This will make your HTTPS connections insecure")
	fs.StringVar(&o.Token, "token", o.Token, "Bearer token for authentication to the API server")
	fs.StringVar(&o.ClientCertificate, "client-certificate", o.ClientCertificate, "Path to a client certificate file for TLS")
	fs.StringVar(&o.ClientKey, "client-key", o.ClientKey, "Path to a client key file for TLS")
	fs.StringVar(&o.Username, "username", o.Username, "Username for basic authentication to the API server")
	fs.StringVar(&o.Password, "password", o.Password, "Password for basic authentication to the API server")
	fs.StringVar(&o.Impersonate, "as", o.Impersonate, "Username to impersonate for the operation. User could be a regular user or a service account in a namespace.")
	fs.StringArrayVar(&o.ImpersonateGroups, "as-group", o.ImpersonateGroups, "Group to impersonate for the operation, this flag can be repeated to specify multiple groups.")
	if o.Timeout == "" {
		o.Timeout = "0"
	}
	fs.StringVar(&o.Timeout, "request-timeout", o.Timeout, "The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don't timeout requests.")
}

// ParseTimeout reads a --request-timeout value: empty or "0" is no limit,
// a bare integer is seconds, anything else a Go duration ("1m30s").
func ParseTimeout(s string) (time.Duration, error) {
	if s == "" || s == "0" {
		return 0, nil
	}
	if n, err := strconv.Atoi(s); err == nil && n >= 0 {
		return time.Duration(n) * time.Second, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, errors.New("Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)")
	}
	return d, nil
}
