// The PodSecurity admission plugin: applies a namespace's Pod Security
// Standard to the pods, and the pod templates, written into it.
//
// Interface:
//   - Config: the namespace reader, defaults, exemptions, and the hook
//     that delivers warnings; audit annotations go to
//     Attributes.AddAnnotation.
//   - New(cfg) returns the plugin; Validate admits one write; Register
//     adds it to a plugin registry.
//   - PodLister: the optional read behind the namespace-update warnings.
//
// Modes: enforce rejects a pod (never a template: a Deployment whose pods
// would be rejected is stored, and its ReplicaSet's pod creations fail);
// warn returns a warning to the client; audit annotates the audit event.
// The checks are in checks.go, baseline.go and restricted.go.
package podsecurity

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"k8s.io/klog/v2"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

// PluginName is the name used in --enable-admission-plugins.
const PluginName = "PodSecurity"

// The audit annotations the plugin writes, upstream's keys.
const (
	// AnnotationEnforcePolicy holds the enforce level a pod was checked
	// against ("restricted:latest").
	AnnotationEnforcePolicy = "pod-security.kubernetes.io/enforce-policy"
	// AnnotationAuditViolations holds what the audit level found.
	AnnotationAuditViolations = "pod-security.kubernetes.io/audit-violations"
	// AnnotationExempt says why a request was not checked: "user",
	// "namespace" or "runtimeClass".
	AnnotationExempt = "pod-security.kubernetes.io/exempt"
	// AnnotationError holds a namespace label that could not be parsed.
	AnnotationError = "pod-security.kubernetes.io/error"
)

// PodLister lists the pods of a namespace, so that tightening a
// namespace's enforce level can warn about the pods it would reject.
type PodLister interface {
	ListPods(ctx context.Context, namespace string) ([]*corev1.Pod, error)
}

// Exemptions are requests the plugin does not check at all, as in
// upstream's PodSecurityConfiguration.
type Exemptions struct {
	// Usernames of authenticated users whose writes are not checked
	// (controllers creating pods are not exempt by this: their own user is
	// checked).
	Usernames []string
	// Namespaces whose pods are not checked ("kube-system").
	Namespaces []string
	// RuntimeClasses whose pods are not checked (a sandboxed runtime).
	RuntimeClasses []string
}

// Config configures the plugin. Namespaces is required.
type Config struct {
	// Namespaces reads the labels of the request's namespace; an error
	// fails the request (500).
	Namespaces admission.NamespaceLister
	// Pods, optional, enables the warnings on namespace label updates.
	Pods PodLister
	// Defaults applies to namespaces without the labels; the zero Policy
	// means DefaultPolicy (privileged everywhere). Set every Version: the
	// zero Version is v1.0, not latest.
	Defaults   Policy
	Exemptions Exemptions
	// Warn delivers a warning to the client (a Warning header); nil drops
	// warnings. admission.Attributes has no place for them yet.
	Warn func(ctx context.Context, text string)
}

// Plugin is the PodSecurity validating admission plugin.
type Plugin struct {
	cfg Config
}

var _ admission.Validator = (*Plugin)(nil)

// New returns the plugin, or an error when cfg has no Namespaces.
func New(cfg Config) (*Plugin, error) {
	if cfg.Namespaces == nil {
		return nil, errors.New("podsecurity: Config.Namespaces is nil")
	}
	if cfg.Defaults == (Policy{}) {
		cfg.Defaults = DefaultPolicy
	}
	return &Plugin{cfg: cfg}, nil
}

// Register adds the plugin to plugins. settings holds what
// admission.Config does not carry (exemptions, defaults, the warning
// hook); when settings.Namespaces is nil, admission.Config's is used.
func Register(plugins *admission.Plugins, settings Config) {
	plugins.Register(PluginName, func(cfg admission.Config) (admission.Plugin, error) {
		c := settings // each build starts from the settings as given
		if c.Namespaces == nil {
			c.Namespaces = cfg.Namespaces
		}
		return New(c)
	})
}

// Name returns "PodSecurity".
func (p *Plugin) Name() string { return PluginName }

// Handles reports true for CREATE and UPDATE: deleting or connecting to a
// pod cannot make it less secure.
func (p *Plugin) Handles(op admission.Operation) bool {
	return op == admission.Create || op == admission.Update
}

// ignoredPodSubresources cannot change a pod's spec; any other
// subresource (ephemeralcontainers, resize) is checked.
var ignoredPodSubresources = map[string]bool{
	"exec": true, "attach": true, "binding": true, "eviction": true, "log": true,
	"portforward": true, "proxy": true, "status": true,
}

var namespacesResource = metav1.GroupResource{Resource: "namespaces"}

// Validate admits a write to a namespace (its labels must parse), a pod
// (enforce, audit, warn) or a workload with a pod template (audit and
// warn only). Everything else passes. A rejection is 403
// `pods "x" is forbidden: violates PodSecurity "restricted:latest": ...`.
func (p *Plugin) Validate(ctx context.Context, a *admission.Attributes) error {
	gr := a.Resource.GroupResource()
	if gr == namespacesResource {
		return p.validateNamespace(ctx, a)
	}
	isPod := gr.String() == "pods"
	if _, holdsPods := templatePaths[gr.String()]; !holdsPods {
		return nil
	}
	// A workload's subresources (scale, status) never change its template.
	if (isPod && ignoredPodSubresources[a.Subresource]) || (!isPod && a.Subresource != "") {
		return nil
	}
	switch {
	case slices.Contains(p.cfg.Exemptions.Namespaces, a.Namespace):
		annotate(a, AnnotationExempt, "namespace")
		return nil
	case a.User.Name != "" && slices.Contains(p.cfg.Exemptions.Usernames, a.User.Name):
		annotate(a, AnnotationExempt, "user")
		return nil
	}

	// 1. The namespace says which levels apply.
	ns, err := p.cfg.Namespaces.GetNamespace(ctx, a.Namespace)
	if err != nil {
		return apierrors.NewInternalError(fmt.Errorf("failed to lookup namespace %s: %w", a.Namespace, err))
	}
	policy, labelErrs := PolicyFromLabels(ns.Labels, p.cfg.Defaults)
	if len(labelErrs) > 0 {
		annotate(a, AnnotationError, "Failed to parse policy: "+labelErrs.ToAggregate().Error())
	}
	if policy.Audit.Level == Privileged && policy.Warn.Level == Privileged &&
		(!isPod || policy.Enforce.Level == Privileged) {
		return nil
	}

	// 2. Find the pod: the object itself or its template.
	pod, ok, err := podFromObject(gr, a.Object)
	if err != nil {
		return apierrors.NewBadRequest(err.Error())
	}
	if !ok {
		return nil
	}
	if isPod && a.Operation == admission.Update {
		old, _, err := podFromObject(gr, a.OldObject)
		if err == nil && old != nil && !significantUpdate(pod, old) {
			return nil // labels, status or another field the standards do not read
		}
	}
	if rc := pod.Spec.RuntimeClassName; rc != nil && slices.Contains(p.cfg.Exemptions.RuntimeClasses, *rc) {
		annotate(a, AnnotationExempt, "runtimeClass")
		return nil
	}

	// 3. Enforce (pods only), audit, then warn unless already rejected.
	var rejection error
	if isPod {
		annotate(a, AnnotationEnforcePolicy, policy.Enforce.String())
		if v := Evaluate(policy.Enforce, pod); len(v) > 0 {
			rejection = admission.NewForbidden(a,
				fmt.Errorf("violates PodSecurity %q: %s", policy.Enforce.String(), Message(v)))
		}
	}
	if v := Evaluate(policy.Audit, pod); len(v) > 0 {
		annotate(a, AnnotationAuditViolations,
			fmt.Sprintf("would violate PodSecurity %q: %s", policy.Audit.String(), Message(v)))
	}
	if rejection == nil {
		if v := Evaluate(policy.Warn, pod); len(v) > 0 {
			p.warn(ctx, fmt.Sprintf("would violate PodSecurity %q: %s", policy.Warn.String(), Message(v)))
		}
	}
	return rejection
}

// validateNamespace rejects namespace labels that do not parse (422), and
// warns when a stricter enforce level would reject pods already running.
func (p *Plugin) validateNamespace(ctx context.Context, a *admission.Attributes) error {
	if a.Subresource != "" || a.Object == nil {
		return nil
	}
	policy, errs := PolicyFromLabels(a.Object.GetObjectMeta().Labels, p.cfg.Defaults)
	var oldPolicy Policy
	var oldErrs field.ErrorList
	if a.Operation == admission.Update && a.OldObject != nil {
		oldPolicy, oldErrs = PolicyFromLabels(a.OldObject.GetObjectMeta().Labels, p.cfg.Defaults)
	}
	// Labels that were invalid already do not block unrelated updates.
	if len(errs) > 0 && (len(oldErrs) == 0 || oldErrs.ToAggregate().Error() != errs.ToAggregate().Error()) {
		return apierrors.NewInvalid(metav1.GroupKind{Kind: "Namespace"}, a.Name, errs)
	}
	if a.Operation != admission.Update || p.cfg.Pods == nil || !stricter(policy.Enforce, oldPolicy.Enforce) ||
		slices.Contains(p.cfg.Exemptions.Namespaces, a.Name) {
		return nil
	}
	for _, w := range p.existingPodWarnings(ctx, a.Name, policy.Enforce) {
		p.warn(ctx, w)
	}
	return nil
}

// stricter reports whether the new enforce level could reject a pod the
// old one allowed: a different version, or a stricter level.
func stricter(now, before LevelVersion) bool {
	if now == before || now.Level == Privileged {
		return false
	}
	rank := map[Level]int{Privileged: 0, Baseline: 1, Restricted: 2}
	return now.Version != before.Version || rank[now.Level] > rank[before.Level]
}

// existingPodWarnings checks the namespace's pods against enforce and
// returns upstream's warnings: one line naming the level, then one per
// distinct set of reasons, `web-1 (and 2 other pods): hostPort, privileged`.
func (p *Plugin) existingPodWarnings(ctx context.Context, namespace string, enforce LevelVersion) []string {
	pods, err := p.cfg.Pods.ListPods(ctx, namespace)
	if err != nil {
		return []string{"failed to list pods while checking new PodSecurity enforce level"}
	}
	type seen struct {
		first string
		count int
	}
	byReasons := map[string]*seen{}
	for _, pod := range pods {
		view, ok, err := podFromObject(metav1.GroupResource{Resource: "pods"}, pod)
		if err != nil || !ok {
			continue
		}
		if rc := view.Spec.RuntimeClassName; rc != nil && slices.Contains(p.cfg.Exemptions.RuntimeClasses, *rc) {
			continue
		}
		violations := Evaluate(enforce, view)
		if len(violations) == 0 {
			continue
		}
		reasons := make([]string, len(violations))
		for i, v := range violations {
			reasons[i] = v.Reason
		}
		key := strings.Join(reasons, ", ")
		s := byReasons[key]
		if s == nil {
			s = &seen{first: pod.Name}
			byReasons[key] = s
		}
		if pod.Name < s.first {
			s.first = pod.Name
		}
		s.count++
	}
	if len(byReasons) == 0 {
		return nil
	}
	var lines []string
	for reasons, s := range byReasons {
		switch s.count {
		case 1:
			lines = append(lines, fmt.Sprintf("%s: %s", s.first, reasons))
		case 2:
			lines = append(lines, fmt.Sprintf("%s (and 1 other pod): %s", s.first, reasons))
		default:
			lines = append(lines, fmt.Sprintf("%s (and %d other pods): %s", s.first, s.count-1, reasons))
		}
	}
	sort.Strings(lines)
	head := fmt.Sprintf("existing pods in namespace %q violate the new PodSecurity enforce level %q", namespace, enforce.String())
	return append([]string{head}, lines...)
}

// The seccomp annotations older clients set; upstream still treats a
// change to them as significant.
const (
	seccompPodAnnotation             = "seccomp.security.alpha.kubernetes.io/pod"
	seccompContainerAnnotationPrefix = "container.seccomp.security.alpha.kubernetes.io/"
)

// significantUpdate reports whether a pod update may change what the
// standards see. A pod's spec is immutable except for images and the
// ephemeral containers, so those are all that need comparing.
func significantUpdate(pod, old *podView) bool {
	a, b := pod.Metadata.Annotations, old.Metadata.Annotations
	if a[seccompPodAnnotation] != b[seccompPodAnnotation] {
		return true
	}
	changed := func(now, before []containerView) bool {
		if len(now) != len(before) {
			return true
		}
		for i := range now {
			key := seccompContainerAnnotationPrefix + now[i].Name
			if now[i].Image != before[i].Image || a[key] != b[key] {
				return true
			}
		}
		return false
	}
	return changed(pod.Spec.Containers, old.Spec.Containers) ||
		changed(pod.Spec.InitContainers, old.Spec.InitContainers) ||
		changed(pod.Spec.EphemeralContainers, old.Spec.EphemeralContainers)
}

func (p *Plugin) warn(ctx context.Context, text string) {
	if p.cfg.Warn != nil {
		p.cfg.Warn(ctx, text)
	}
}

// annotate records an audit annotation. The keys are this plugin's own
// and set once per request, so a conflict is a bug here, logged rather
// than blamed on the request.
func annotate(a *admission.Attributes, key, value string) {
	if err := a.AddAnnotation(key, value); err != nil {
		klog.ErrorS(err, "PodSecurity: audit annotation dropped")
	}
}
