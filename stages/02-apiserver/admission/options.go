// Options: which plugins run, from --enable-admission-plugins and
// --disable-admission-plugins, in which order.
//
// Interface:
//   - The plugin names (PluginNamespaceLifecycle, ...), RecommendedOrder
//     and DefaultOff: upstream's AllOrderedPlugins and
//     DefaultOffAdmissionPlugins, cut down to the plugins this project
//     has.
//   - Options.AddFlags, Validate, EnabledPluginNames, NewChain.
//
// The order of the flags' values never matters: plugins always run in
// RecommendedOrder, mutators first, then validators.
package admission

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/pflag"
)

// The plugin names, as upstream spells them in the flags.
const (
	PluginNamespaceLifecycle         = "NamespaceLifecycle"
	PluginLimitRanger                = "LimitRanger"
	PluginServiceAccount             = "ServiceAccount"
	PluginAlwaysPullImages           = "AlwaysPullImages"
	PluginPodSecurity                = "PodSecurity"
	PluginMutatingAdmissionWebhook   = "MutatingAdmissionWebhook"
	PluginValidatingAdmissionWebhook = "ValidatingAdmissionWebhook"
	PluginResourceQuota              = "ResourceQuota"
)

// RecommendedOrder is the order plugins run in, upstream's
// AllOrderedPlugins restricted to the plugins here. Namespace checks come
// first, so nothing is defaulted for a namespace that does not exist;
// webhooks come late, so they see the built-in defaults; ResourceQuota
// comes last, so it charges only for requests everything else accepted.
var RecommendedOrder = []string{
	PluginNamespaceLifecycle,
	PluginLimitRanger,
	PluginServiceAccount,
	PluginAlwaysPullImages,
	PluginPodSecurity,
	PluginMutatingAdmissionWebhook,
	PluginValidatingAdmissionWebhook,
	PluginResourceQuota,
}

// DefaultOff are the plugins that run only when enabled by flag. Every
// other plugin of RecommendedOrder is on by default, as upstream.
// AlwaysPullImages is off because it makes every pod start pay for an
// image pull; it exists for clusters whose tenants must not reuse each
// other's pulled private images.
var DefaultOff = []string{PluginAlwaysPullImages}

// Options are the admission flags.
type Options struct {
	// EnablePlugins are turned on in addition to the default ones.
	EnablePlugins []string
	// DisablePlugins are turned off although on by default.
	DisablePlugins []string
}

// AddFlags adds --enable-admission-plugins and
// --disable-admission-plugins, listing the registered plugins in the
// help text.
func (o *Options) AddFlags(fs *pflag.FlagSet, plugins *Plugins) {
	known := strings.Join(plugins.Registered(), ", ")
	fs.StringSliceVar(&o.EnablePlugins, "enable-admission-plugins", o.EnablePlugins,
		"admission plugins that should be enabled in addition to default enabled ones ("+
			strings.Join(defaultOn(plugins), ", ")+"). Comma-delimited list of admission plugins: "+
			known+". The order of plugins in this flag does not matter.")
	fs.StringSliceVar(&o.DisablePlugins, "disable-admission-plugins", o.DisablePlugins,
		"admission plugins that should be disabled although they are in the default enabled plugins list. "+
			"Comma-delimited list of admission plugins: "+known+". The order of plugins in this flag does not matter.")
}

// Validate checks the flags against the registry, with upstream's
// messages plus the list of valid names: a name that is not registered,
// a name in both flags, and (a programming error) a registered plugin
// missing from RecommendedOrder. It returns every problem joined.
func (o *Options) Validate(plugins *Plugins) error {
	var errs []error
	registered := plugins.Registered()
	for _, flag := range []struct {
		name  string
		names []string
	}{{"enable-admission-plugins", o.EnablePlugins}, {"disable-admission-plugins", o.DisablePlugins}} {
		for _, n := range flag.names {
			if !slices.Contains(registered, n) {
				errs = append(errs, fmt.Errorf("%s plugin %q is unknown (valid plugins: %s)",
					flag.name, n, strings.Join(registered, ", ")))
			}
		}
	}
	var both []string
	for _, n := range o.EnablePlugins {
		if slices.Contains(o.DisablePlugins, n) && !slices.Contains(both, n) {
			both = append(both, n)
		}
	}
	if len(both) > 0 {
		slices.Sort(both)
		errs = append(errs, fmt.Errorf("[%s] in enable-admission-plugins and disable-admission-plugins overlapped",
			strings.Join(both, " ")))
	}
	var unordered []string
	for _, n := range registered {
		if !slices.Contains(RecommendedOrder, n) {
			unordered = append(unordered, n)
		}
	}
	if len(unordered) > 0 {
		errs = append(errs, fmt.Errorf("plugins [%s] registered are not in RecommendedOrder", strings.Join(unordered, " ")))
	}
	return errors.Join(errs...)
}

// EnabledPluginNames returns the plugins to run, in RecommendedOrder: the
// registered ones that are on by default or enabled, minus the disabled
// ones. A default-on plugin that is not registered is left out.
func (o *Options) EnabledPluginNames(plugins *Plugins) []string {
	var names []string
	for _, n := range RecommendedOrder {
		if !plugins.IsRegistered(n) {
			continue
		}
		off := slices.Contains(DefaultOff, n) || slices.Contains(o.DisablePlugins, n)
		if off && !slices.Contains(o.EnablePlugins, n) {
			continue
		}
		names = append(names, n)
	}
	return names
}

// NewChain validates the options and builds the enabled plugins, in
// order, from cfg.
func (o *Options) NewChain(plugins *Plugins, cfg Config) (*Chain, error) {
	if err := o.Validate(plugins); err != nil {
		return nil, fmt.Errorf("admission options: %w", err)
	}
	var built []Plugin
	for _, n := range o.EnabledPluginNames(plugins) {
		p, err := plugins.New(n, cfg)
		if err != nil {
			return nil, err
		}
		built = append(built, p)
	}
	return NewChain(built...), nil
}

// defaultOn is RecommendedOrder minus DefaultOff, restricted to what is
// registered: the plugins a server runs with no flags.
func defaultOn(plugins *Plugins) []string {
	return (&Options{}).EnabledPluginNames(plugins)
}
