// Global flags: the connection settings every command shares.
//
// Interface:
//   - ConfigFlags holds the kubeconfig loading rules (--kubeconfig), the
//     overrides of the kubeconfig (--context, --cluster, --user,
//     -n/--namespace, -s/--server, --token, --certificate-authority,
//     --insecure-skip-tls-verify, --as, --as-group, --request-timeout, ...)
//     and the discovery cache root (--cache-dir).
//   - (*ConfigFlags).AddFlags registers them on the root command's
//     persistent flag set with upstream kubectl's names and help text; the
//     kubeconfig package owns the flags that override the file.
//
// Env (env.go) turns these values into a client on first use.

package kubectl

import (
	"github.com/spf13/pflag"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/kubeconfig"
)

// ConfigFlags are the global connection flags.
type ConfigFlags struct {
	// Rules say which kubeconfig files to read; --kubeconfig sets
	// Rules.ExplicitPath.
	Rules *kubeconfig.LoadingRules
	// Overrides replace parts of the merged kubeconfig; an empty field
	// means "not given on the command line".
	Overrides kubeconfig.Overrides
	// CacheDir is --cache-dir; empty means $KUBECACHEDIR, then
	// ~/.kube/cache (discovery.CacheDir).
	CacheDir string
}

// NewConfigFlags returns flags with the default loading rules ($KUBECONFIG,
// then ~/.kube/config).
func NewConfigFlags() *ConfigFlags {
	return &ConfigFlags{Rules: kubeconfig.NewDefaultLoadingRules()}
}

// AddFlags registers the global flags on fs (the root command's persistent
// flags).
func (f *ConfigFlags) AddFlags(fs *pflag.FlagSet) {
	kubeconfig.BindFlags(fs, f.Rules, &f.Overrides)
	fs.StringVar(&f.CacheDir, "cache-dir", "", "Default cache directory (default $KUBECACHEDIR, else $HOME/.kube/cache)")
}
