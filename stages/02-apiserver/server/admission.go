// Admission: the plugins every write passes, built from the flags.
//
// Interface:
//   - admissionPlugins(deps): every plugin this server knows, registered
//     by name (--enable-admission-plugins picks from them); deps is nil
//     when only the names are wanted (flag help and validation).
//   - newAdmissionChain(cfg, reg): the chain of the enabled plugins, in
//     upstream's order, reading the cluster through reg's caches.
//   - admissionDeps: what the plugins read, implemented by
//     *cachedRegistry below.
//   - recordAdmission: -v 4 log line of a pass, and the plugins' audit
//     annotations.
//
// The REST handler runs the chain inside each write
// (endpoints/admission.go, registry/admission.go): mutating plugins after
// defaults, validating ones after validation, nothing stored when one
// refuses. Talk 000, "Admission controllers"; the talks' Initializers
// were replaced by the mutating and validating webhooks.
package server

import (
	"context"
	"fmt"

	"k8s.io/klog/v2"

	admissionregistrationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/admissionregistration/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission/plugin/alwayspullimages"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission/plugin/limitranger"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission/plugin/namespacelifecycle"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission/plugin/podsecurity"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission/plugin/resourcequota"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission/plugin/serviceaccount"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission/plugin/webhook"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/audit"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/endpoints"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// admissionDeps is what the plugins read of the cluster.
type admissionDeps interface {
	admission.NamespaceLister
	podsecurity.PodLister
	admission.ServiceAccountLister
	admission.LimitRangeLister
	admission.ResourceQuotaStore
	webhook.MutatingLister
	webhook.ValidatingLister
}

// admissionPlugins registers every plugin. With deps nil the factories
// must not be called: the registry then only names the plugins.
func admissionPlugins(deps admissionDeps) *admission.Plugins {
	ps := &admission.Plugins{}
	namespacelifecycle.Register(ps)
	limitranger.Register(ps)
	serviceaccount.Register(ps)
	alwayspullimages.Register(ps)
	resourcequota.Register(ps)
	var mutating webhook.MutatingLister
	var validating webhook.ValidatingLister
	var pods podsecurity.PodLister
	if deps != nil {
		mutating, validating, pods = deps, deps, deps
	}
	// With the pods, PodSecurity warns when a namespace's new level would
	// refuse pods already running there.
	podsecurity.Register(ps, podsecurity.Config{Pods: pods, Warn: endpoints.AddWarning})
	webhook.RegisterMutating(ps, mutating, webhook.Config{Warn: endpoints.AddWarning})
	webhook.RegisterValidating(ps, validating, webhook.Config{Warn: endpoints.AddWarning})
	return ps
}

// newAdmissionChain builds the chain of the plugins cfg enables.
func newAdmissionChain(cfg *Config, reg *cachedRegistry) (*admission.Chain, error) {
	deps := reg.admissionDeps()
	chain, err := cfg.Admission.NewChain(admissionPlugins(deps), admission.Config{
		Namespaces: deps, ServiceAccounts: deps, LimitRanges: deps, ResourceQuotas: deps,
	})
	if err != nil {
		return nil, fmt.Errorf("--enable-admission-plugins: %w", err)
	}
	klog.V(2).Infof("admission plugins, in order: %v", chain.Names())
	return chain, nil
}

// recordAdmission logs a pass at -v 4 and adds what the plugins noted
// to the request's audit event.
func recordAdmission(ctx context.Context, a *admission.Attributes) {
	if len(a.Trace) > 0 {
		klog.V(4).Infof("admission %s %s %s/%s by %q: %s", a.Operation, a.Resource.Resource, a.Namespace, a.Name, a.User.Name, a.Trace)
	}
	// Only what the plugins note themselves, as upstream: the trace is for
	// the log above.
	for k, v := range a.Annotations {
		audit.AddAnnotation(ctx, k, v)
	}
}

// cachedAdmission reads what the plugins need from the caches, and
// writes a quota's status through its storage.
type cachedAdmission struct{ c *cachedRegistry }

func (c *cachedRegistry) admissionDeps() cachedAdmission { return cachedAdmission{c} }

func (a cachedAdmission) GetNamespace(ctx context.Context, name string) (*corev1.Namespace, error) {
	return getOrRead[*corev1.Namespace](ctx, a.c.cacheOf("", "namespaces"), "", name)
}

func (a cachedAdmission) GetServiceAccount(ctx context.Context, namespace, name string) (*corev1.ServiceAccount, error) {
	return getOrRead[*corev1.ServiceAccount](ctx, a.c.cacheOf("", "serviceaccounts"), namespace, name)
}

func (a cachedAdmission) ListPods(_ context.Context, namespace string) ([]*corev1.Pod, error) {
	return cachedList[*corev1.Pod](a.c.cacheOf("", "pods"), namespace, nil)
}

func (a cachedAdmission) ListLimitRanges(_ context.Context, namespace string) ([]corev1.LimitRange, error) {
	return values(cachedList[*corev1.LimitRange](a.c.cacheOf("", "limitranges"), namespace, nil))
}

// ListResourceQuotas returns the newest quotas of namespace: a consistent
// list, which waits until the cache has caught up with etcd, so that a
// quota's usage is current (its status update is compare-and-swap as
// well). Most namespaces have no quota, and most writes then skip the
// wait: the cache as it is says so. A quota therefore takes effect when
// the cache has seen it, milliseconds after it is created; upstream's
// plugin, fed by an informer, has the same window.
func (a cachedAdmission) ListResourceQuotas(ctx context.Context, namespace string) ([]corev1.ResourceQuota, error) {
	cache := a.c.cacheOf("", "resourcequotas")
	if cached, err := cachedList[*corev1.ResourceQuota](cache, namespace, nil); err == nil && len(cached) == 0 {
		return nil, nil
	}
	list, err := cache.List(ctx, namespace, registry.ListOptions{})
	if err != nil {
		return nil, err
	}
	out := make([]corev1.ResourceQuota, 0, len(list.Items))
	for _, o := range list.Items {
		if q, ok := o.(*corev1.ResourceQuota); ok {
			out = append(out, *q)
		}
	}
	return out, nil
}

// UpdateResourceQuotaStatus writes q's status if q is still the stored
// version (409 Conflict otherwise: someone counted first).
func (a cachedAdmission) UpdateResourceQuotaStatus(ctx context.Context, q *corev1.ResourceQuota) error {
	key := registry.Key{Namespace: q.Namespace, Name: q.Name}
	_, _, err := a.c.cacheOf("", "resourcequotas").Update(ctx, key, func(context.Context, metav1.Object) (metav1.Object, error) {
		return q, nil
	}, registry.UpdateOptions{Subresource: "status", FieldManager: "resourcequota-admission"})
	return err
}

func (a cachedAdmission) ListMutatingWebhookConfigurations(context.Context) ([]*admissionregistrationv1.MutatingWebhookConfiguration, error) {
	return cachedList[*admissionregistrationv1.MutatingWebhookConfiguration](a.c.cacheOf("admissionregistration.k8s.io", "mutatingwebhookconfigurations"), "", nil)
}

func (a cachedAdmission) ListValidatingWebhookConfigurations(context.Context) ([]*admissionregistrationv1.ValidatingWebhookConfiguration, error) {
	return cachedList[*admissionregistrationv1.ValidatingWebhookConfiguration](a.c.cacheOf("admissionregistration.k8s.io", "validatingwebhookconfigurations"), "", nil)
}

// values copies the objects of a list out of their pointers.
func values[T any](items []*T, err error) ([]T, error) {
	if err != nil {
		return nil, err
	}
	out := make([]T, len(items))
	for i, p := range items {
		out[i] = *p
	}
	return out, nil
}
