// ServiceAccount: the plugin type, its construction and its two passes.
//
// Interface:
//   - New(cfg) builds the plugin from cfg.ServiceAccounts; Register adds
//     it to a registry under PluginName.
//   - Plugin.Admit: default the account, check it, mount the token.
//   - Plugin.Validate: check the account again, mirror pods, mountable
//     secrets (secrets.go).
//
// The token volume itself is built in volume.go.
package serviceaccount

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

// PluginName is the name in --enable-admission-plugins.
const PluginName = admission.PluginServiceAccount

const (
	// DefaultServiceAccountName is the account of a pod that names none.
	DefaultServiceAccountName = "default"
	// EnforceMountableSecretsAnnotation set to "true" on an account limits
	// its pods to the secrets the account lists.
	EnforceMountableSecretsAnnotation = "kubernetes.io/enforce-mountable-secrets"
	// MirrorPodAnnotationKey marks a pod the kubelet created to mirror a
	// static pod; the API server must not change its spec.
	MirrorPodAnnotationKey = "kubernetes.io/config.mirror"
)

// defaultAccountAttempts is how often the "default" account is looked up
// before giving up: it is created right after its namespace, by a
// controller, and may be a moment late.
const defaultAccountAttempts = 10

var podsResource = metav1.GroupResource{Resource: "pods"}

// Plugin is the ServiceAccount plugin.
type Plugin struct {
	admission.Handler
	accounts admission.ServiceAccountLister
	// generateName completes a generateName-style prefix; tests replace
	// it to get a predictable volume name.
	generateName func(prefix string) string
	// retryInterval separates lookups of the default account.
	retryInterval time.Duration
}

var (
	_ admission.Mutator   = (*Plugin)(nil)
	_ admission.Validator = (*Plugin)(nil)
)

// New returns the plugin reading accounts through cfg.ServiceAccounts.
func New(cfg admission.Config) (*Plugin, error) {
	if cfg.ServiceAccounts == nil {
		return nil, errors.New("serviceaccount: admission.Config.ServiceAccounts is nil")
	}
	return &Plugin{
		Handler:       admission.NewHandler(admission.Create, admission.Update),
		accounts:      cfg.ServiceAccounts,
		generateName:  GenerateName,
		retryInterval: time.Duration(100+rand.IntN(100)) * time.Millisecond,
	}, nil
}

// Register adds the plugin to plugins.
func Register(plugins *admission.Plugins) {
	plugins.Register(PluginName, func(cfg admission.Config) (admission.Plugin, error) { return New(cfg) })
}

// Name returns PluginName.
func (*Plugin) Name() string { return PluginName }

// Admit fills in a new pod's account, token volume and pull secrets
// (steps 1-4 of doc.go). Only pod creates are changed: the fields are
// immutable afterwards. It returns a 403 when the account is missing.
func (p *Plugin) Admit(ctx context.Context, a *admission.Attributes) error {
	pod, ok := podOf(a)
	if !ok || a.Operation != admission.Create {
		return nil
	}
	if _, mirror := pod.Annotations[MirrorPodAnnotationKey]; mirror {
		return p.Validate(ctx, a)
	}
	// 1. Default the account. serviceAccount is the field's old name; the
	// server keeps the two equal, as upstream's v1 conversion does.
	if pod.Spec.ServiceAccountName == "" {
		pod.Spec.ServiceAccountName = pod.Spec.DeprecatedServiceAccount
	}
	if pod.Spec.ServiceAccountName == "" {
		pod.Spec.ServiceAccountName = DefaultServiceAccountName
	}
	pod.Spec.DeprecatedServiceAccount = pod.Spec.ServiceAccountName
	// 2. It must exist.
	sa, err := p.account(ctx, a.Namespace, pod.Spec.ServiceAccountName)
	if err != nil {
		return admission.NewForbidden(a, fmt.Errorf("error looking up service account %s/%s: %w", a.Namespace, pod.Spec.ServiceAccountName, err))
	}
	// 3. Mount its token.
	if shouldAutomount(sa, pod) {
		p.mountToken(pod)
	}
	// 4. Pull secrets come with the account.
	if len(pod.Spec.ImagePullSecrets) == 0 && len(sa.ImagePullSecrets) > 0 {
		pod.Spec.ImagePullSecrets = append([]corev1.LocalObjectReference(nil), sa.ImagePullSecrets...)
	}
	return p.Validate(ctx, a)
}

// Validate checks a pod create: mirror pod rules, an account that is
// named and exists, and mountable secrets. It returns a 403 naming the
// problem.
func (p *Plugin) Validate(ctx context.Context, a *admission.Attributes) error {
	pod, ok := podOf(a)
	if !ok || a.Operation != admission.Create {
		return nil
	}
	if _, mirror := pod.Annotations[MirrorPodAnnotationKey]; mirror {
		return validateMirrorPod(a, pod)
	}
	if pod.Spec.ServiceAccountName == "" {
		return admission.NewForbidden(a, fmt.Errorf("no service account specified for pod %s/%s", a.Namespace, pod.Name))
	}
	sa, err := p.account(ctx, a.Namespace, pod.Spec.ServiceAccountName)
	if err != nil {
		return admission.NewForbidden(a, fmt.Errorf("error looking up service account %s/%s: %w", a.Namespace, pod.Spec.ServiceAccountName, err))
	}
	if enforceMountableSecrets(sa) {
		if err := limitSecretReferences(sa, pod); err != nil {
			return admission.NewForbidden(a, err)
		}
	}
	return nil
}

// podOf returns the pod of a plain pod write; subresources and other
// resources are not this plugin's business.
func podOf(a *admission.Attributes) (*corev1.Pod, bool) {
	if a.Resource.GroupResource() != podsResource || a.Subresource != "" {
		return nil, false
	}
	pod, ok := a.Object.(*corev1.Pod)
	return pod, ok
}

// account looks the account up, retrying the default one (see
// defaultAccountAttempts). A missing account is reported as upstream
// words it: `serviceaccount "x" not found` (singular, sic).
func (p *Plugin) account(ctx context.Context, namespace, name string) (*corev1.ServiceAccount, error) {
	attempts := 1
	if name == DefaultServiceAccountName {
		attempts = defaultAccountAttempts
	}
	for i := 0; ; i++ {
		sa, err := p.accounts.GetServiceAccount(ctx, namespace, name)
		switch {
		case err == nil:
			return sa, nil
		case !apierrors.IsNotFound(err):
			return nil, err
		case i+1 >= attempts:
			return nil, apierrors.NewNotFound(metav1.GroupResource{Resource: "serviceaccount"}, name)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(p.retryInterval):
		}
	}
}

// shouldAutomount: the pod's automountServiceAccountToken wins, then the
// account's, then yes.
func shouldAutomount(sa *corev1.ServiceAccount, pod *corev1.Pod) bool {
	if pod.Spec.AutomountServiceAccountToken != nil {
		return *pod.Spec.AutomountServiceAccountToken
	}
	if sa.AutomountServiceAccountToken != nil {
		return *sa.AutomountServiceAccountToken
	}
	return true
}

// enforceMountableSecrets reads EnforceMountableSecretsAnnotation; a
// value that is not a boolean counts as false.
func enforceMountableSecrets(sa *corev1.ServiceAccount) bool {
	v, _ := strconv.ParseBool(sa.Annotations[EnforceMountableSecretsAnnotation])
	return v
}
