// AlwaysPullImages: force imagePullPolicy Always on pods.
//
// Interface:
//   - New() builds the plugin; Register adds it under PluginName.
//   - Plugin.Admit sets the policy; Plugin.Validate insists on it.
package alwayspullimages

import (
	"context"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
)

// PluginName is the name in --enable-admission-plugins.
const PluginName = admission.PluginAlwaysPullImages

// Plugin is the AlwaysPullImages plugin. It needs nothing from Config.
type Plugin struct {
	admission.Handler
}

var (
	_ admission.Mutator   = (*Plugin)(nil)
	_ admission.Validator = (*Plugin)(nil)
)

// New returns the plugin.
func New() *Plugin {
	return &Plugin{Handler: admission.NewHandler(admission.Create, admission.Update)}
}

// Register adds the plugin to plugins.
func Register(plugins *admission.Plugins) {
	plugins.Register(PluginName, func(admission.Config) (admission.Plugin, error) { return New(), nil })
}

// Name returns PluginName.
func (*Plugin) Name() string { return PluginName }

// Admit sets imagePullPolicy Always on every init container and
// container of the pod. It never rejects.
func (*Plugin) Admit(_ context.Context, a *admission.Attributes) error {
	pod, ok := podToCheck(a)
	if !ok {
		return nil
	}
	visitContainers(pod, func(c *corev1.Container, _ *field.Path) {
		c.ImagePullPolicy = corev1.PullAlways
	})
	return nil
}

// Validate refuses the pod, naming every container whose policy is not
// Always, with one 403. (Upstream aggregates one 403 per container; a
// single Forbidden listing them all gives the client one Status.)
func (*Plugin) Validate(_ context.Context, a *admission.Attributes) error {
	pod, ok := podToCheck(a)
	if !ok {
		return nil
	}
	var errs field.ErrorList
	visitContainers(pod, func(c *corev1.Container, p *field.Path) {
		if c.ImagePullPolicy != corev1.PullAlways {
			errs = append(errs, field.NotSupported(p.Child("imagePullPolicy"), c.ImagePullPolicy, []corev1.PullPolicy{corev1.PullAlways}))
		}
	})
	if len(errs) > 0 {
		return admission.NewForbidden(a, errs.ToAggregate())
	}
	return nil
}

// podToCheck returns the pod of a plain pod write that the plugin looks
// at: every create, and updates that bring an image the old pod did not
// have.
func podToCheck(a *admission.Attributes) (*corev1.Pod, bool) {
	if a.Resource.GroupResource() != (metav1.GroupResource{Resource: "pods"}) || a.Subresource != "" {
		return nil, false
	}
	pod, ok := a.Object.(*corev1.Pod)
	if !ok {
		return nil, false
	}
	if old, ok := a.OldObject.(*corev1.Pod); ok && a.Operation == admission.Update && !hasNewImage(old, pod) {
		return nil, false
	}
	return pod, true
}

// hasNewImage reports whether pod runs an image old did not.
func hasNewImage(old, pod *corev1.Pod) bool {
	images := map[string]bool{}
	visitContainers(old, func(c *corev1.Container, _ *field.Path) { images[c.Image] = true })
	found := false
	visitContainers(pod, func(c *corev1.Container, _ *field.Path) { found = found || !images[c.Image] })
	return found
}

// visitContainers calls fn for each init container, then each container,
// with its field path.
func visitContainers(pod *corev1.Pod, fn func(*corev1.Container, *field.Path)) {
	spec := field.NewPath("spec")
	for i := range pod.Spec.InitContainers {
		fn(&pod.Spec.InitContainers[i], spec.Child("initContainers").Index(i))
	}
	for i := range pod.Spec.Containers {
		fn(&pod.Spec.Containers[i], spec.Child("containers").Index(i))
	}
}
