package admission_test

import (
	"context"
	"errors"
	"fmt"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
)

// teamLabel is a mutating plugin: it labels every new pod.
type teamLabel struct{ admission.Handler }

func (teamLabel) Name() string { return "TeamLabel" }
func (teamLabel) Admit(_ context.Context, a *admission.Attributes) error {
	m := a.Object.GetObjectMeta()
	if m.Labels == nil {
		m.Labels = map[string]string{}
	}
	m.Labels["team"] = "web"
	return nil
}

// noLatest is a validating plugin: it refuses pods running ":latest".
type noLatest struct{ admission.Handler }

func (noLatest) Name() string { return "NoLatest" }
func (noLatest) Validate(_ context.Context, a *admission.Attributes) error {
	for _, c := range a.Object.(*corev1.Pod).Spec.Containers {
		if c.Image == "nginx:latest" {
			return admission.NewForbidden(a, errors.New("spec.containers[0].image: pin a version instead of :latest"))
		}
	}
	return nil
}

func ExampleChain() {
	chain := admission.NewChain(
		teamLabel{admission.NewHandler(admission.Create)},
		noLatest{admission.NewHandler(admission.Create)},
	)
	a := &admission.Attributes{
		Operation: admission.Create,
		Resource:  metav1.GroupVersionResource{Version: "v1", Resource: "pods"},
		Namespace: "default",
		Object: &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web"},
			Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "web", Image: "nginx:latest"}}}},
	}
	err := chain.Admit(context.Background(), a)
	if err == nil {
		err = chain.Validate(context.Background(), a)
	}
	fmt.Println(err)
	fmt.Println(a.Object.GetObjectMeta().Labels)
	for _, s := range a.Trace {
		fmt.Println(s.Phase, s.Plugin, s.Outcome)
	}
	// Output:
	// pods "web" is forbidden: spec.containers[0].image: pin a version instead of :latest
	// map[team:web]
	// mutating TeamLabel mutated
	// validating NoLatest rejected
}

func ExampleOptions() {
	plugins := &admission.Plugins{}
	for _, name := range admission.RecommendedOrder {
		plugins.Register(name, func(admission.Config) (admission.Plugin, error) {
			return stubPlugin{name}, nil
		})
	}
	opts := &admission.Options{
		EnablePlugins:  []string{admission.PluginAlwaysPullImages},
		DisablePlugins: []string{admission.PluginMutatingAdmissionWebhook, admission.PluginValidatingAdmissionWebhook},
	}
	fmt.Println(opts.EnabledPluginNames(plugins))
	opts.EnablePlugins = []string{"PodSecurityPolicy"}
	fmt.Println(opts.Validate(plugins) != nil)
	// Output:
	// [NamespaceLifecycle LimitRanger ServiceAccount AlwaysPullImages PodSecurity ResourceQuota]
	// true
}

// stubPlugin stands in for a real plugin under any name.
type stubPlugin struct{ name string }

func (p stubPlugin) Name() string                                        { return p.name }
func (stubPlugin) Handles(admission.Operation) bool                      { return false }
func (stubPlugin) Validate(context.Context, *admission.Attributes) error { return nil }
