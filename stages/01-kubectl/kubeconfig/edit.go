// The data behind `kubectl config`: current-context, use-context,
// get-contexts and view. Printing is the command's job; these functions
// return what to print or change the right file.
//
// Interface:
//   - (*LoadingRules).CurrentContext, UseContext, DefaultFilename,
//     Contexts, View.
//   - ViewOptions{Minify, Flatten, Raw, Context}.
//   - Redact: the secrets-hidden form `config view` prints by default.
//
// Which file use-context writes is upstream's PathOptions.GetDefaultFilename
// (DefaultFilename): the --kubeconfig file if given; else the first file of
// the list that exists - with $KUBECONFIG=k1:k2 that is k1 even when only
// k2 sets current-context; k1 then wins the merge - else the last file of
// the list, created. A context that is already current writes nothing.

package kubeconfig

import (
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// CurrentContext returns current-context of the merged files.
func (r *LoadingRules) CurrentContext() (string, error) {
	cfg, err := r.Load()
	if err != nil {
		return "", err
	}
	if cfg.CurrentContext == "" {
		return "", errors.New("current-context is not set")
	}
	return cfg.CurrentContext, nil
}

// UseContext sets current-context to name in DefaultFilename and returns
// that file. name must be a context of the merged files; when it is
// already current no file is written, as upstream's ModifyConfig skips an
// unchanged current-context.
func (r *LoadingRules) UseContext(name string) (string, error) {
	if name == "" {
		return "", errors.New("empty context names are not allowed")
	}
	merged, err := r.Load()
	if err != nil {
		return "", err
	}
	if _, ok := merged.Context(name); !ok {
		return "", fmt.Errorf("no context exists with the name: %q", name)
	}
	file := r.DefaultFilename()
	if merged.CurrentContext == name {
		return file, nil
	}
	if file == "" {
		return "", errors.New("no kubeconfig file to write: set --kubeconfig or KUBECONFIG")
	}
	// The file is loaded as written, so relative paths stay relative in
	// the rewritten file.
	cfg, err := loadOrEmpty(file)
	if err != nil {
		return "", err
	}
	cfg.CurrentContext = name
	if err := WriteFile(cfg, file); err != nil {
		return "", err
	}
	return file, nil
}

// DefaultFilename returns the file changes to the configuration are
// written to: ExplicitPath if set; else the first file of Precedence that
// exists; else its last file (for the default rules, ~/.kube/config). It
// is "" only for rules without any file.
func (r *LoadingRules) DefaultFilename() string {
	if r.ExplicitPath != "" {
		return r.ExplicitPath
	}
	for _, file := range r.Precedence {
		if _, err := os.Stat(file); err == nil {
			return file
		}
	}
	if len(r.Precedence) > 0 {
		return r.Precedence[len(r.Precedence)-1]
	}
	return ""
}

func loadOrEmpty(file string) (*Config, error) {
	cfg, err := LoadFile(file)
	if errors.Is(err, os.ErrNotExist) {
		return &Config{}, nil
	}
	return cfg, err
}

// ContextInfo is one row of `kubectl config get-contexts`.
type ContextInfo struct {
	Current   bool // the row marked "*"
	Name      string
	Cluster   string
	AuthInfo  string // the AUTHINFO column
	Namespace string
}

// Contexts lists the contexts of the merged files, sorted by name.
func (r *LoadingRules) Contexts() ([]ContextInfo, error) {
	cfg, err := r.Load()
	if err != nil {
		return nil, err
	}
	out := make([]ContextInfo, 0, len(cfg.Contexts))
	for _, c := range cfg.Contexts {
		out = append(out, ContextInfo{
			Current:   c.Name == cfg.CurrentContext,
			Name:      c.Name,
			Cluster:   c.Context.Cluster,
			AuthInfo:  c.Context.AuthInfo,
			Namespace: c.Context.Namespace,
		})
	}
	return out, nil
}

// ViewOptions are the flags of `kubectl config view`.
type ViewOptions struct {
	// Minify keeps only the current context (or Context) with its cluster
	// and user.
	Minify bool
	// Context replaces current-context for Minify (--context).
	Context string
	// Flatten inlines every referenced file as *-data, making the output
	// self-contained. Flattened output is not redacted, as upstream.
	Flatten bool
	// Raw shows secrets; otherwise they are replaced by Redact.
	Raw bool
}

// View returns the configuration `config view` prints. With --kubeconfig
// the file is shown as written; otherwise the merged files, with paths
// made absolute.
func (r *LoadingRules) View(o ViewOptions) (*Config, error) {
	var cfg *Config
	var err error
	baseDir := ""
	if r.ExplicitPath != "" {
		cfg, err = LoadFile(r.ExplicitPath)
		baseDir = filepath.Dir(r.ExplicitPath)
	} else {
		cfg, err = r.Load()
	}
	if err != nil {
		return nil, err
	}
	if o.Minify {
		if o.Context != "" {
			cfg.CurrentContext = o.Context
		}
		if err := minify(cfg); err != nil {
			return nil, err
		}
	}
	switch {
	case o.Flatten:
		if err := flatten(cfg, baseDir); err != nil {
			return nil, err
		}
	case !o.Raw:
		Redact(cfg)
	}
	return cfg, nil
}

// minify keeps only what the current context uses; errors are upstream's.
func minify(cfg *Config) error {
	if cfg.CurrentContext == "" {
		return errors.New("current-context must exist in order to minify")
	}
	ctx, ok := cfg.Context(cfg.CurrentContext)
	if !ok {
		return fmt.Errorf("cannot locate context %v", cfg.CurrentContext)
	}
	out := Config{Kind: cfg.Kind, APIVersion: cfg.APIVersion, Preferences: cfg.Preferences,
		CurrentContext: cfg.CurrentContext, Extensions: cfg.Extensions,
		Contexts: []NamedContext{{Name: cfg.CurrentContext, Context: *ctx}}}
	if ctx.Cluster != "" {
		cl, ok := cfg.Cluster(ctx.Cluster)
		if !ok {
			return fmt.Errorf("cannot locate cluster %v", ctx.Cluster)
		}
		out.Clusters = []NamedCluster{{Name: ctx.Cluster, Cluster: *cl}}
	}
	if ctx.AuthInfo != "" {
		u, ok := cfg.AuthInfo(ctx.AuthInfo)
		if !ok {
			return fmt.Errorf("cannot locate user %v", ctx.AuthInfo)
		}
		out.AuthInfos = []NamedAuthInfo{{Name: ctx.AuthInfo, AuthInfo: *u}}
	}
	*cfg = out
	return nil
}

// flatten replaces file references with their content. Relative paths
// (left only in an unmerged --kubeconfig file) are read relative to
// baseDir.
func flatten(cfg *Config, baseDir string) error {
	inline := func(path *string, data *[]byte) error {
		if *path == "" {
			return nil
		}
		if len(*data) > 0 {
			return errors.New("cannot have values for both path and contents")
		}
		p := *path
		if !filepath.IsAbs(p) {
			p = filepath.Join(baseDir, p)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		*path, *data = "", b
		return nil
	}
	for i := range cfg.AuthInfos {
		a := &cfg.AuthInfos[i].AuthInfo
		if err := inline(&a.ClientCertificate, &a.ClientCertificateData); err != nil {
			return err
		}
		if err := inline(&a.ClientKey, &a.ClientKeyData); err != nil {
			return err
		}
	}
	for i := range cfg.Clusters {
		c := &cfg.Clusters[i].Cluster
		if err := inline(&c.CertificateAuthority, &c.CertificateAuthorityData); err != nil {
			return err
		}
	}
	return nil
}

// dataOmitted is what encoding/json base64-encodes as "DATA+OMITTED": the
// []byte fields are printed base64, so storing these bytes makes the
// marker appear verbatim in the output without changing the field types
// (upstream's trick).
var dataOmitted, _ = base64.StdEncoding.DecodeString("DATA+OMITTED")

// Redact hides secrets the way `kubectl config view` does: inline
// certificates and keys print as DATA+OMITTED, tokens as REDACTED.
// Passwords are left visible, as upstream leaves them.
func Redact(cfg *Config) {
	for i := range cfg.AuthInfos {
		a := &cfg.AuthInfos[i].AuthInfo
		if len(a.ClientCertificateData) > 0 {
			a.ClientCertificateData = dataOmitted
		}
		if len(a.ClientKeyData) > 0 {
			a.ClientKeyData = dataOmitted
		}
		if a.Token != "" {
			a.Token = "REDACTED"
		}
	}
	for i := range cfg.Clusters {
		c := &cfg.Clusters[i].Cluster
		if len(c.CertificateAuthorityData) > 0 {
			c.CertificateAuthorityData = dataOmitted
		}
	}
}
