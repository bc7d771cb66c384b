// LimitRanger: the plugin type and its two passes.
//
// Interface:
//   - New(cfg) builds the plugin from cfg.LimitRanges; Register adds it
//     to a registry under PluginName.
//   - Plugin.Admit: defaults (defaults.go).
//   - Plugin.Validate: constraints (constraints.go).
package limitranger

import (
	"context"
	"errors"
	"fmt"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
)

// PluginName is the name in --enable-admission-plugins.
const PluginName = admission.PluginLimitRanger

var (
	podsResource   = metav1.GroupResource{Resource: "pods"}
	claimsResource = metav1.GroupResource{Resource: "persistentvolumeclaims"}
)

// Plugin is the LimitRanger plugin.
type Plugin struct {
	admission.Handler
	limitRanges admission.LimitRangeLister
}

var (
	_ admission.Mutator   = (*Plugin)(nil)
	_ admission.Validator = (*Plugin)(nil)
)

// New returns the plugin reading limit ranges through cfg.LimitRanges.
func New(cfg admission.Config) (*Plugin, error) {
	if cfg.LimitRanges == nil {
		return nil, errors.New("limitranger: admission.Config.LimitRanges is nil")
	}
	return &Plugin{
		Handler:     admission.NewHandler(admission.Create, admission.Update),
		limitRanges: cfg.LimitRanges,
	}, nil
}

// Register adds the plugin to plugins.
func Register(plugins *admission.Plugins) {
	plugins.Register(PluginName, func(cfg admission.Config) (admission.Plugin, error) { return New(cfg) })
}

// Name returns PluginName.
func (*Plugin) Name() string { return PluginName }

// Admit fills in the defaults of every LimitRange of the pod's namespace,
// in list order. It changes only pods and rejects only when the limit
// ranges cannot be read.
func (p *Plugin) Admit(ctx context.Context, a *admission.Attributes) error {
	pod, ok := a.Object.(*corev1.Pod)
	if !supports(a) || !ok {
		return nil
	}
	ranges, err := p.list(ctx, a)
	if err != nil {
		return err
	}
	for i := range ranges {
		applyDefaults(pod, &ranges[i])
	}
	return nil
}

// Validate checks the object against every LimitRange of its namespace
// and returns a 403 listing the broken rules of the first range that
// has any.
func (p *Plugin) Validate(ctx context.Context, a *admission.Attributes) error {
	if !supports(a) {
		return nil
	}
	ranges, err := p.list(ctx, a)
	if err != nil {
		return err
	}
	for i := range ranges {
		var errs []error
		switch obj := a.Object.(type) {
		case *corev1.Pod:
			errs = validatePod(&ranges[i], obj)
		case *corev1.PersistentVolumeClaim:
			errs = validateClaim(&ranges[i], obj)
		}
		if err := admission.Aggregate(errs); err != nil {
			return admission.NewForbidden(a, err)
		}
	}
	return nil
}

// supports says which writes are checked: creates of pods, and creates
// and updates of claims; no subresources, and nothing whose stored copy
// is already being deleted.
func supports(a *admission.Attributes) bool {
	if a.Subresource != "" {
		return false
	}
	if old := a.OldObject; old != nil && old.GetObjectMeta().DeletionTimestamp != nil {
		return false
	}
	switch a.Resource.GroupResource() {
	case podsResource:
		return a.Operation == admission.Create
	case claimsResource:
		return true
	}
	return false
}

// list reads the namespace's ranges; failing to, it refuses the request
// rather than let it through unchecked.
func (p *Plugin) list(ctx context.Context, a *admission.Attributes) ([]corev1.LimitRange, error) {
	ranges, err := p.limitRanges.ListLimitRanges(ctx, a.Namespace)
	if err != nil {
		return nil, admission.NewForbidden(a, fmt.Errorf("unable to %s %v at this time because there was an error enforcing limit ranges", a.Operation, a.Resource))
	}
	return ranges, nil
}
