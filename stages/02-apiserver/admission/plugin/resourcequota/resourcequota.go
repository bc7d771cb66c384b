// ResourceQuota: the plugin, its compare-and-swap loop, and PrimeStatus.
//
// Interface:
//   - New(cfg) builds the plugin from cfg.ResourceQuotas; Register adds
//     it under PluginName.
//   - Plugin.Validate: check and charge (steps in doc.go).
//   - PrimeStatus(q): status.hard from spec.hard, zero usage where none
//     is known.
//
// The arithmetic of one check is in evaluate.go, what each kind of
// object uses in usage.go.
package resourcequota

import (
	"context"
	"errors"
	"fmt"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

// PluginName is the name in --enable-admission-plugins.
const PluginName = admission.PluginResourceQuota

// MaxRetries is how many times a charge is retried after losing a
// compare-and-swap to another request, as upstream.
const MaxRetries = 3

// ignored are resources quota never counts: reviews are not stored, and
// events never were counted.
var ignored = map[metav1.GroupResource]bool{
	{Resource: "bindings"}:                                                 true,
	{Resource: "componentstatuses"}:                                        true,
	{Resource: "events"}:                                                   true,
	{Group: "authentication.k8s.io", Resource: "tokenreviews"}:             true,
	{Group: "authentication.k8s.io", Resource: "selfsubjectreviews"}:       true,
	{Group: "authorization.k8s.io", Resource: "subjectaccessreviews"}:      true,
	{Group: "authorization.k8s.io", Resource: "selfsubjectaccessreviews"}:  true,
	{Group: "authorization.k8s.io", Resource: "localsubjectaccessreviews"}: true,
	{Group: "authorization.k8s.io", Resource: "selfsubjectrulesreviews"}:   true,
}

// Plugin is the ResourceQuota plugin.
type Plugin struct {
	admission.Handler
	quotas admission.ResourceQuotaStore
}

var _ admission.Validator = (*Plugin)(nil)

// New returns the plugin using cfg.ResourceQuotas.
func New(cfg admission.Config) (*Plugin, error) {
	if cfg.ResourceQuotas == nil {
		return nil, errors.New("resourcequota: admission.Config.ResourceQuotas is nil")
	}
	return &Plugin{
		Handler: admission.NewHandler(admission.Create, admission.Update),
		quotas:  cfg.ResourceQuotas,
	}, nil
}

// Register adds the plugin to plugins.
func Register(plugins *admission.Plugins) {
	plugins.Register(PluginName, func(cfg admission.Config) (admission.Plugin, error) { return New(cfg) })
}

// Name returns PluginName.
func (*Plugin) Name() string { return PluginName }

// Validate checks a against the quotas of its namespace and charges it.
// It returns a 403 when a quota refuses, a 409 Conflict when every retry
// lost its compare-and-swap, a 500 when quotas cannot be read or
// written, and nil otherwise. A dry run is checked but never charged.
func (p *Plugin) Validate(ctx context.Context, a *admission.Attributes) error {
	gr := a.Resource.GroupResource()
	if a.Subresource != "" || a.Namespace == "" || ignored[gr] ||
		(a.Operation == admission.Create && gr == metav1.GroupResource{Resource: "namespaces"}) {
		return nil
	}
	ev := evaluatorFor(gr)
	if !ev.handles(a) {
		return nil
	}
	var only map[string]bool // on a retry: the quotas whose write failed
	for attempt := 0; ; attempt++ {
		// 1. Observe: the quotas as stored now.
		quotas, err := p.quotas.ListResourceQuotas(ctx, a.Namespace)
		if err != nil {
			return apierrors.NewInternalError(fmt.Errorf("resourcequota: list quotas in %s: %w", a.Namespace, err))
		}
		quotas = keep(quotas, only)
		if len(quotas) == 0 {
			return nil
		}
		// 2. Compare: would the request fit, and what would be used?
		charged, err := checkRequest(quotas, a, ev)
		if err != nil || a.DryRun {
			return err
		}
		// 3. Act: write each changed quota; collect the ones that lost.
		failed, err := p.writeChanged(ctx, quotas, charged)
		if len(failed) == 0 || attempt == MaxRetries {
			return err
		}
		// 4. Lost to another writer: check the lost quotas again. The
		// ones already written keep this request's charge.
		only = failed
	}
}

// writeChanged stores the status of every quota whose usage changed. It
// returns the names of the quotas that lost a compare-and-swap, with the
// last Conflict as err; or no names and a 500 for any other failure; or
// neither.
func (p *Plugin) writeChanged(ctx context.Context, before, after []corev1.ResourceQuota) (failed map[string]bool, err error) {
	for i := range after {
		if equalLists(before[i].Status.Used, after[i].Status.Used) {
			continue
		}
		werr := p.quotas.UpdateResourceQuotaStatus(ctx, &after[i])
		switch {
		case apierrors.IsConflict(werr):
			if failed == nil {
				failed = map[string]bool{}
			}
			failed[after[i].Name], err = true, werr
		case werr != nil:
			return nil, apierrors.NewInternalError(fmt.Errorf("resourcequota: update status of %s/%s: %w", after[i].Namespace, after[i].Name, werr))
		}
	}
	return failed, err
}

// keep returns the quotas named in only, or all of them when only is nil.
func keep(quotas []corev1.ResourceQuota, only map[string]bool) []corev1.ResourceQuota {
	if only == nil {
		return quotas
	}
	var out []corev1.ResourceQuota
	for _, q := range quotas {
		if only[q.Name] {
			out = append(out, q)
		}
	}
	return out
}

// PrimeStatus does the part of the quota controller's sync that needs no
// counting: status.hard becomes spec.hard, and every hard resource with
// no recorded usage gets a usage of zero. Stage 2 has no quota
// controller, so the ResourceQuota strategy calls this on create and
// update; the zeros are right while the namespace holds nothing the
// quota counts, and the quota controller (stage 3) replaces them with a
// real count.
func PrimeStatus(q *corev1.ResourceQuota) {
	q.Status.Hard = corev1.ResourceList{}
	used := corev1.ResourceList{}
	for name, v := range q.Spec.Hard {
		q.Status.Hard[name] = v
		if u, ok := q.Status.Used[name]; ok {
			used[name] = u
		} else {
			used[name] = *resource.NewQuantity(0, resource.DecimalSI)
		}
	}
	q.Status.Used = used
}
