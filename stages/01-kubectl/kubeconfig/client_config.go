// Resolution: from the merged kubeconfig plus the command-line overrides
// to the one cluster, user and namespace a command talks to, and from there
// to a rest.Config.
//
// Interface:
//   - NewClientConfig(rules, overrides) → *ClientConfig (loads lazily, once).
//   - RawConfig: the merged files, without overrides.
//   - RESTConfig: server, TLS and credentials for stages/01-kubectl/rest.
//   - Namespace: -n, else the context's namespace, else "default".
//   - ErrorMessage (validation.go): how kubectl prints these errors.
//
// The steps mirror upstream clientcmd's DirectClientConfig:
//  1. context name: --context, else current-context;
//  2. cluster and user names: --cluster/--user, else the context's;
//  3. each entry is merged with the flags that override its fields;
//  4. the chosen cluster and user are validated (validation.go);
//  5. credentials and CA settings are used only for an https server, so a
//     token is never sent in clear text.

package kubeconfig

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/rest"
)

// ClientConfig resolves one command's configuration. It is safe for
// concurrent use; the files are read on first use.
type ClientConfig struct {
	rules     *LoadingRules
	overrides Overrides

	once   sync.Once
	config *Config
	err    error
}

// NewClientConfig returns a ClientConfig for the given files and flags.
// rules must not be modified afterwards.
func NewClientConfig(rules *LoadingRules, overrides Overrides) *ClientConfig {
	return &ClientConfig{rules: rules, overrides: overrides}
}

// RawConfig returns the merged kubeconfig, overrides not applied. The
// caller must not modify it.
func (c *ClientConfig) RawConfig() (*Config, error) {
	c.once.Do(func() { c.config, c.err = c.rules.Load() })
	return c.config, c.err
}

// ContextName returns the context in use: --context, else current-context.
func (c *ClientConfig) ContextName() (string, error) {
	cfg, err := c.RawConfig()
	if err != nil {
		return "", err
	}
	if c.overrides.Context != "" {
		return c.overrides.Context, nil
	}
	return cfg.CurrentContext, nil
}

// resolved is the outcome of steps 1-3.
type resolved struct {
	contextName, clusterName, userName string
	context                            Context
	cluster                            Cluster
	user                               AuthInfo
}

// resolve picks and merges the context, cluster and user. A name given by
// flag must exist; a name taken from the file may be missing (validation
// reports it).
func (c *ClientConfig) resolve() (*resolved, error) {
	cfg, err := c.RawConfig()
	if err != nil {
		return nil, err
	}
	o := c.overrides
	r := &resolved{contextName: cfg.CurrentContext}
	if o.Context != "" {
		r.contextName = o.Context
	}
	if ctx, ok := cfg.Context(r.contextName); ok {
		r.context = *ctx
	} else if o.Context != "" {
		return nil, &requiredNotFoundError{"context", o.Context}
	}
	setIf(&r.context.Cluster, o.Cluster)
	setIf(&r.context.AuthInfo, o.User)
	setIf(&r.context.Namespace, o.Namespace)
	r.clusterName, r.userName = r.context.Cluster, r.context.AuthInfo

	if u, ok := cfg.AuthInfo(r.userName); ok {
		r.user = *u
	} else if o.User != "" {
		return nil, &requiredNotFoundError{"auth info", o.User}
	}
	c.overrideUser(&r.user)

	// The environment's default server sits under the file's cluster.
	r.cluster.Server = os.Getenv("KUBERNETES_MASTER")
	if cl, ok := cfg.Cluster(r.clusterName); ok {
		server := r.cluster.Server
		r.cluster = *cl
		if r.cluster.Server == "" {
			r.cluster.Server = server
		}
	} else if o.Cluster != "" {
		return nil, &requiredNotFoundError{"cluster", o.Cluster}
	}
	c.overrideCluster(&r.cluster)
	return r, nil
}

func setIf(dst *string, v string) {
	if v != "" {
		*dst = v
	}
}

// overrideUser applies the credential flags. --token replaces the file's
// tokenFile too (which would otherwise be re-read and win); a certificate
// or key flag replaces both the file path and the inline data.
func (c *ClientConfig) overrideUser(u *AuthInfo) {
	o := c.overrides
	if o.Token != "" {
		u.Token, u.TokenFile = o.Token, ""
	}
	setIf(&u.Username, o.Username)
	setIf(&u.Password, o.Password)
	setIf(&u.Impersonate, o.Impersonate)
	if len(o.ImpersonateGroups) > 0 {
		u.ImpersonateGroups = o.ImpersonateGroups
	}
	if o.ClientCertificate != "" {
		u.ClientCertificate, u.ClientCertificateData = o.ClientCertificate, nil
	}
	if o.ClientKey != "" {
		u.ClientKey, u.ClientKeyData = o.ClientKey, nil
	}
}

// overrideCluster applies the server flags. Any CA or insecure flag
// replaces all three trust settings (otherwise a file CA would clash with
// --insecure-skip-tls-verify), and --server clears the file's
// tls-server-name, which named the old server.
func (c *ClientConfig) overrideCluster(cl *Cluster) {
	o := c.overrides
	setIf(&cl.Server, o.Server)
	if o.InsecureSkipTLSVerify || o.CertificateAuthority != "" {
		cl.InsecureSkipTLSVerify = o.InsecureSkipTLSVerify
		cl.CertificateAuthority = o.CertificateAuthority
		cl.CertificateAuthorityData = nil
	}
	if o.TLSServerName != "" || o.Server != "" {
		cl.TLSServerName = o.TLSServerName
	}
}

// confirmUsable is step 4: the chosen context must exist, the cluster and
// user it names must exist, and both must make sense. (Upstream no longer
// reports a context naming a missing cluster and says "no configuration
// has been provided" instead; naming the dangling reference is clearer.)
func (c *ClientConfig) confirmUsable(r *resolved) error {
	cfg, err := c.RawConfig()
	if err != nil {
		return err
	}
	var errs []error
	contextMissing := false
	if r.contextName != "" {
		if _, ok := cfg.Context(r.contextName); !ok {
			errs = append(errs, &contextNotFoundError{r.contextName})
			contextMissing = true
		}
	}
	if _, ok := cfg.AuthInfo(r.userName); r.userName != "" && !ok {
		errs = append(errs, fmt.Errorf("user %q was not found for context %q", r.userName, r.contextName))
	}
	errs = append(errs, validateAuthInfo(r.userName, r.user)...)
	if _, ok := cfg.Cluster(r.clusterName); r.clusterName != "" && !ok {
		errs = append(errs, fmt.Errorf("cluster %q was not found for context %q", r.clusterName, r.contextName))
	} else {
		errs = append(errs, validateCluster(r.clusterName, r.cluster)...)
	}
	if contextMissing {
		// Without its context there is no cluster to be empty; upstream's
		// default server fills the gap and reports only the context.
		errs = slices.DeleteFunc(errs, func(err error) bool { return err == errEmptyCluster })
	}
	if len(errs) == 1 && errs[0] == errEmptyCluster {
		return newConfigurationInvalid([]error{ErrEmptyConfig})
	}
	return newConfigurationInvalid(errs)
}

// RESTConfig resolves the configuration for rest.New. Errors name the
// problem in upstream's words: `context "x" does not exist` for a bad
// --context, "invalid configuration: no configuration has been provided,
// try setting KUBERNETES_MASTER environment variable" when there is
// nothing, a list of problems when the chosen user or cluster is broken.
func (c *ClientConfig) RESTConfig() (*rest.Config, error) {
	r, err := c.resolve()
	if err != nil {
		return nil, err
	}
	if err := c.confirmUsable(r); err != nil {
		return nil, err
	}
	timeout, err := ParseTimeout(c.overrides.Timeout)
	if err != nil {
		return nil, err
	}
	out := &rest.Config{Host: r.cluster.Server, Timeout: timeout}
	if r.cluster.ProxyURL != "" {
		u, err := parseProxyURL(r.cluster.ProxyURL)
		if err != nil {
			return nil, fmt.Errorf("cluster %q: proxy-url: %w", r.clusterName, err)
		}
		out.Proxy = http.ProxyURL(u)
	}
	if r.user.Impersonate != "" {
		out.Impersonate = rest.ImpersonationConfig{UserName: r.user.Impersonate, Groups: r.user.ImpersonateGroups}
	}
	if !strings.HasPrefix(strings.ToLower(out.Host), "https://") {
		return out, nil // step 5: plain http gets no credentials
	}
	if r.user.AuthProvider != nil {
		return nil, fmt.Errorf("no Auth Provider found for name %q", r.user.AuthProvider.Name)
	}
	out.TLSClientConfig = rest.TLSClientConfig{
		CAFile:     r.cluster.CertificateAuthority,
		CAData:     r.cluster.CertificateAuthorityData,
		Insecure:   r.cluster.InsecureSkipTLSVerify,
		ServerName: r.cluster.TLSServerName,
	}
	u := r.user
	switch {
	case u.Token != "":
		out.BearerToken, out.BearerTokenFile = u.Token, u.TokenFile
	case u.TokenFile != "":
		out.BearerTokenFile = u.TokenFile
	}
	if u.ClientCertificate != "" || len(u.ClientCertificateData) > 0 {
		out.TLSClientConfig.CertFile, out.TLSClientConfig.CertData = u.ClientCertificate, u.ClientCertificateData
		out.TLSClientConfig.KeyFile, out.TLSClientConfig.KeyData = u.ClientKey, u.ClientKeyData
	}
	out.Username, out.Password = u.Username, u.Password
	if u.Exec != nil {
		out.ExecProvider = execConfig(u.Exec, r.cluster)
	}
	return out, nil
}

// execConfig converts the file's exec block for the rest package.
func execConfig(e *ExecConfig, cl Cluster) *rest.ExecConfig {
	out := &rest.ExecConfig{
		APIVersion:         e.APIVersion,
		Command:            e.Command,
		Args:               e.Args,
		InstallHint:        cleanANSIEscapeCodes(e.InstallHint),
		ProvideClusterInfo: e.ProvideClusterInfo,
		InteractiveMode:    e.InteractiveMode,
	}
	for _, v := range e.Env {
		out.Env = append(out.Env, rest.ExecEnvVar{Name: v.Name, Value: v.Value})
	}
	for _, ext := range cl.Extensions {
		if ext.Name == execClusterExtension {
			out.Config = json.RawMessage(ext.Extension)
		}
	}
	return out
}

// cleanANSIEscapeCodes keeps an install hint from a kubeconfig file from
// driving the terminal: control characters other than whitespace are shown
// as U+XXXX.
func cleanANSIEscapeCodes(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) && (r < '\t' || r > '\r') {
			fmt.Fprintf(&b, "%U", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func parseProxyURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("could not parse: %v", s)
	}
	switch u.Scheme {
	case "http", "https", "socks5":
		return u, nil
	}
	return nil, fmt.Errorf("unsupported scheme %q, must be http, https, or socks5", u.Scheme)
}

// Namespace returns the namespace for namespaced requests and whether it
// came from -n. Without -n the configuration must be usable, since the
// context decides; a context that does not exist, even one --context
// names, is then a ConfigurationInvalidError ("context was not found for
// specified context: x"), as upstream checks usability here before it
// resolves anything. kubectl asks for the namespace first, so that is the
// error `kubectl --context=x get pods` prints (see ErrorMessage).
func (c *ClientConfig) Namespace() (string, bool, error) {
	if c.overrides.Namespace != "" {
		return c.overrides.Namespace, true, nil
	}
	cfg, err := c.RawConfig()
	if err != nil {
		return "", false, err
	}
	if name, _ := c.ContextName(); name != "" {
		if _, ok := cfg.Context(name); !ok {
			return "", false, newConfigurationInvalid([]error{&contextNotFoundError{name}})
		}
	}
	r, err := c.resolve()
	if err != nil {
		return "", false, err
	}
	if err := c.confirmUsable(r); err != nil {
		return "", false, err
	}
	if r.context.Namespace == "" {
		return "default", false, nil
	}
	return r.context.Namespace, false, nil
}
