package admission

import (
	"context"
	"errors"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// fakePlugin is a plugin for chain tests: it logs its calls, may set a
// label, and may refuse.
type fakePlugin struct {
	Handler
	name     string
	mutates  bool // Admit is called (else the plugin is validate-only)
	validate bool // Validate is called
	label    string
	reject   string
	calls    *[]string
}

func (p *fakePlugin) Name() string { return p.name }

func (p *fakePlugin) run(phase string, a *Attributes) error {
	*p.calls = append(*p.calls, phase+" "+p.name)
	if p.reject != "" {
		return NewForbidden(a, errors.New(p.reject))
	}
	if p.label != "" && phase == "admit" {
		m := a.Object.GetObjectMeta()
		if m.Labels == nil {
			m.Labels = map[string]string{}
		}
		m.Labels[p.label] = "yes"
	}
	return nil
}

// mutatingPlugin and validatingPlugin expose only the methods their kind
// has, so the chain sees the right interfaces.
type mutatingPlugin struct{ *fakePlugin }

func (p mutatingPlugin) Admit(_ context.Context, a *Attributes) error { return p.run("admit", a) }

type validatingPlugin struct{ *fakePlugin }

func (p validatingPlugin) Validate(_ context.Context, a *Attributes) error {
	return p.run("validate", a)
}

type bothPlugin struct{ *fakePlugin }

func (p bothPlugin) Admit(_ context.Context, a *Attributes) error { return p.run("admit", a) }
func (p bothPlugin) Validate(_ context.Context, a *Attributes) error {
	return p.run("validate", a)
}

func podCreate() *Attributes {
	return &Attributes{
		Operation: Create,
		Kind:      metav1.GroupVersionKind{Version: "v1", Kind: "Pod"},
		Resource:  metav1.GroupVersionResource{Version: "v1", Resource: "pods"},
		Namespace: "default",
		Object:    &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "default"}},
	}
}
