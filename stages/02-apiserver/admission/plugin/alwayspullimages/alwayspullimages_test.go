package alwayspullimages

import (
	"context"
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

func pod(images ...string) *corev1.Pod {
	p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web", ResourceVersion: "7"},
		Spec: corev1.PodSpec{InitContainers: []corev1.Container{{Name: "init", Image: "busybox", ImagePullPolicy: corev1.PullIfNotPresent}}}}
	for _, img := range images {
		p.Spec.Containers = append(p.Spec.Containers, corev1.Container{Name: "c", Image: img, ImagePullPolicy: corev1.PullIfNotPresent})
	}
	return p
}

func attrs(op admission.Operation, obj, old *corev1.Pod) *admission.Attributes {
	a := &admission.Attributes{Operation: op, Namespace: "default", Name: "web",
		Resource: metav1.GroupVersionResource{Version: "v1", Resource: "pods"}, Object: obj}
	if old != nil {
		a.OldObject = old
	}
	return a
}

// Talk 000, "Examples: Admission controllers": AlwaysPullImages rewrites
// every container's pull policy.
func TestAdmit(t *testing.T) {
	tests := []struct {
		name string
		a    *admission.Attributes
		want corev1.PullPolicy
	}{
		{name: "create: every container", a: attrs(admission.Create, pod("nginx:1.27"), nil), want: corev1.PullAlways},
		{name: "update with a new image", a: attrs(admission.Update, pod("nginx:1.28"), pod("nginx:1.27")), want: corev1.PullAlways},
		{name: "update with the same images is left alone", a: attrs(admission.Update, pod("nginx:1.27"), pod("nginx:1.27")), want: corev1.PullIfNotPresent},
		{name: "subresources are left alone", a: func() *admission.Attributes {
			a := attrs(admission.Update, pod("nginx:1.28"), pod("nginx:1.27"))
			a.Subresource = "status"
			return a
		}(), want: corev1.PullIfNotPresent},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := New().Admit(context.Background(), tc.a); err != nil {
				t.Fatal(err)
			}
			p := tc.a.Object.(*corev1.Pod)
			for _, c := range append(p.Spec.InitContainers, p.Spec.Containers...) {
				if c.ImagePullPolicy != tc.want {
					t.Errorf("%s: imagePullPolicy = %s, want %s", c.Name, c.ImagePullPolicy, tc.want)
				}
			}
		})
	}
}

func TestValidate(t *testing.T) {
	always := func(p *corev1.Pod) *corev1.Pod {
		for i := range p.Spec.InitContainers {
			p.Spec.InitContainers[i].ImagePullPolicy = corev1.PullAlways
		}
		for i := range p.Spec.Containers {
			p.Spec.Containers[i].ImagePullPolicy = corev1.PullAlways
		}
		return p
	}
	tests := []struct {
		name string
		a    *admission.Attributes
		want string
	}{
		{name: "all Always", a: attrs(admission.Create, always(pod("nginx")), nil), want: ""},
		{name: "an update that turns it back is refused",
			a: func() *admission.Attributes {
				p := always(pod("nginx:1.28"))
				p.Spec.Containers[0].ImagePullPolicy = corev1.PullIfNotPresent
				return attrs(admission.Update, p, always(pod("nginx:1.27")))
			}(),
			want: `pods "web" is forbidden: spec.containers[0].imagePullPolicy: Unsupported value: "IfNotPresent": supported values: "Always"`},
		{name: "every offending container is named",
			a: attrs(admission.Create, pod("nginx"), nil),
			want: `pods "web" is forbidden: [spec.initContainers[0].imagePullPolicy: Unsupported value: "IfNotPresent": supported values: "Always", ` +
				`spec.containers[0].imagePullPolicy: Unsupported value: "IfNotPresent": supported values: "Always"]`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := New().Validate(context.Background(), tc.a)
			if got := errText(err); got != tc.want {
				t.Fatalf("error = %q\nwant    %q", got, tc.want)
			}
			if err != nil && apierrors.StatusFor(err).Code != 403 {
				t.Errorf("code = %d, want 403", apierrors.StatusFor(err).Code)
			}
		})
	}
}

func TestRegisteredOffByDefault(t *testing.T) {
	plugins := &admission.Plugins{}
	Register(plugins)
	if got := (&admission.Options{}).EnabledPluginNames(plugins); len(got) != 0 {
		t.Errorf("enabled without flags: %v", got)
	}
	o := &admission.Options{EnablePlugins: []string{PluginName}}
	chain, err := o.NewChain(plugins, admission.Config{})
	if err != nil || len(chain.Names()) != 1 {
		t.Errorf("NewChain = %v, %v", chain.Names(), err)
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
