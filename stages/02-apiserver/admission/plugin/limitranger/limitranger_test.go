package limitranger

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission/internal/admissiontest"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

// list builds a ResourceList from "cpu", "1", "memory", "64Mi", ...
func list(kv ...string) corev1.ResourceList {
	l := corev1.ResourceList{}
	for i := 0; i < len(kv); i += 2 {
		l[corev1.ResourceName(kv[i])] = resource.MustParse(kv[i+1])
	}
	return l
}

func limitRange(items ...corev1.LimitRangeItem) corev1.LimitRange {
	return corev1.LimitRange{ObjectMeta: metav1.ObjectMeta{Name: "limits", Namespace: "default"},
		Spec: corev1.LimitRangeSpec{Limits: items}}
}

func podCreate(containers ...corev1.Container) *admission.Attributes {
	return &admission.Attributes{Operation: admission.Create, Namespace: "default", Name: "web",
		Resource: metav1.GroupVersionResource{Version: "v1", Resource: "pods"},
		Object:   &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web"}, Spec: corev1.PodSpec{Containers: containers}}}
}

func container(name string, requests, limits corev1.ResourceList) corev1.Container {
	return corev1.Container{Name: name, Image: "nginx", Resources: corev1.ResourceRequirements{Requests: requests, Limits: limits}}
}

func newPlugin(t *testing.T, ranges ...corev1.LimitRange) *Plugin {
	t.Helper()
	store := admissiontest.NewStore()
	for _, lr := range ranges {
		store.AddLimitRange(lr)
	}
	p, err := New(store.Config())
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Talk 000, "Admission controllers": requests are modified (defaults
// filled in), not only rejected.
func TestAdmitDefaults(t *testing.T) {
	p := newPlugin(t, limitRange(corev1.LimitRangeItem{Type: corev1.LimitTypeContainer,
		Default:        list("cpu", "500m", "memory", "128Mi"),
		DefaultRequest: list("cpu", "100m", "memory", "64Mi")}))
	a := podCreate(
		container("web", nil, nil),
		container("sidecar", list("cpu", "50m"), list("memory", "32Mi")),
	)
	if err := p.Admit(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	pod := a.Object.(*corev1.Pod)
	want := []corev1.Container{
		container("web", list("cpu", "100m", "memory", "64Mi"), list("cpu", "500m", "memory", "128Mi")),
		container("sidecar", list("cpu", "50m", "memory", "64Mi"), list("cpu", "500m", "memory", "32Mi")),
	}
	if diff := cmp.Diff(want, pod.Spec.Containers); diff != "" {
		t.Errorf("containers (-want +got):\n%s", diff)
	}
	wantNote := "LimitRanger plugin set: cpu, memory request for container web; cpu, memory limit for container web; " +
		"memory request for container sidecar; cpu limit for container sidecar"
	if got := pod.Annotations[AnnotationKey]; got != wantNote {
		t.Errorf("annotation = %q\nwant         %q", got, wantNote)
	}
}

func TestAdmitWithoutRangesChangesNothing(t *testing.T) {
	a := podCreate(container("web", nil, nil))
	if err := newPlugin(t).Admit(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	pod := a.Object.(*corev1.Pod)
	if pod.Annotations != nil || pod.Spec.Containers[0].Resources.Limits != nil {
		t.Errorf("pod changed: %+v", pod)
	}
}

func TestValidate(t *testing.T) {
	containerItem := corev1.LimitRangeItem{Type: corev1.LimitTypeContainer,
		Min: list("cpu", "100m"), Max: list("cpu", "1", "memory", "1Gi"), MaxLimitRequestRatio: list("cpu", "4")}
	tests := []struct {
		name  string
		items []corev1.LimitRangeItem
		a     *admission.Attributes
		want  string
	}{
		{name: "within every bound", items: []corev1.LimitRangeItem{containerItem},
			a: podCreate(container("web", list("cpu", "250m"), list("cpu", "1", "memory", "512Mi")))},
		{name: "limit above max", items: []corev1.LimitRangeItem{containerItem},
			a:    podCreate(container("web", list("cpu", "1"), list("cpu", "2", "memory", "512Mi"))),
			want: `pods "web" is forbidden: maximum cpu usage per Container is 1, but limit is 2`},
		{name: "no limit under a max", items: []corev1.LimitRangeItem{containerItem},
			a:    podCreate(container("web", list("cpu", "500m"), list("cpu", "1"))),
			want: `pods "web" is forbidden: maximum memory usage per Container is 1Gi.  No limit is specified`},
		{name: "request below min", items: []corev1.LimitRangeItem{containerItem},
			a:    podCreate(container("web", list("cpu", "50m"), list("cpu", "100m", "memory", "1Gi"))),
			want: `pods "web" is forbidden: minimum cpu usage per Container is 100m, but request is 50m`},
		{name: "ratio too high", items: []corev1.LimitRangeItem{containerItem},
			a:    podCreate(container("web", list("cpu", "100m"), list("cpu", "1", "memory", "1Gi"))),
			want: `pods "web" is forbidden: cpu max limit to request ratio per Container is 4, but provided ratio is 10.000000`},
		{name: "every broken rule is listed", items: []corev1.LimitRangeItem{containerItem},
			a: podCreate(container("web", nil, nil)),
			want: `pods "web" is forbidden: [minimum cpu usage per Container is 100m.  No request is specified, ` +
				`maximum cpu usage per Container is 1.  No limit is specified, ` +
				`maximum memory usage per Container is 1Gi.  No limit is specified, ` +
				`cpu max limit to request ratio per Container is 4, but no request is specified or request is 0]`},
		{name: "pod totals against a Pod max",
			items: []corev1.LimitRangeItem{{Type: corev1.LimitTypePod, Max: list("memory", "1Gi")}},
			a:     podCreate(container("a", nil, list("memory", "768Mi")), container("b", nil, list("memory", "512Mi"))),
			want:  `pods "web" is forbidden: maximum memory usage per Pod is 1Gi, but limit is 1280Mi`},
		{name: "claim storage against a PersistentVolumeClaim max",
			items: []corev1.LimitRangeItem{{Type: corev1.LimitTypePersistentVolumeClaim, Min: list("storage", "1Gi"), Max: list("storage", "10Gi")}},
			a: &admission.Attributes{Operation: admission.Create, Namespace: "default", Name: "data",
				Resource: metav1.GroupVersionResource{Version: "v1", Resource: "persistentvolumeclaims"},
				Object: &corev1.PersistentVolumeClaim{ObjectMeta: metav1.ObjectMeta{Name: "data"},
					Spec: corev1.PersistentVolumeClaimSpec{Resources: corev1.VolumeResourceRequirements{Requests: list("storage", "20Gi")}}}},
			want: `persistentvolumeclaims "data" is forbidden: maximum storage usage per PersistentVolumeClaim is 10Gi, but request is 20Gi`},
		{name: "pod updates are not checked", items: []corev1.LimitRangeItem{containerItem},
			a: func() *admission.Attributes {
				a := podCreate(container("web", nil, nil))
				a.Operation = admission.Update
				return a
			}()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := newPlugin(t, limitRange(tc.items...)).Validate(context.Background(), tc.a)
			if got := errText(err); got != tc.want {
				t.Fatalf("error = %q\nwant    %q", got, tc.want)
			}
			if err != nil && apierrors.StatusFor(err).Code != 403 {
				t.Errorf("code = %d, want 403", apierrors.StatusFor(err).Code)
			}
		})
	}
}

// The chain runs the defaults before the checks, so a pod that sets
// nothing passes a range whose defaults satisfy it.
func TestDefaultsSatisfyTheRange(t *testing.T) {
	p := newPlugin(t, limitRange(corev1.LimitRangeItem{Type: corev1.LimitTypeContainer,
		Max: list("cpu", "1"), Default: list("cpu", "500m"), DefaultRequest: list("cpu", "250m")}))
	chain := admission.NewChain(p)
	a := podCreate(container("web", nil, nil))
	if err := chain.Admit(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if err := chain.Validate(context.Background(), a); err != nil {
		t.Fatalf("defaulted pod refused: %v", err)
	}
	if got := a.Trace.MutatedBy(); !cmp.Equal(got, []string{PluginName}) {
		t.Errorf("MutatedBy = %v", got)
	}
}

func TestListFailureRefuses(t *testing.T) {
	store := admissiontest.NewStore()
	store.Err = errors.New("etcd is down")
	p, _ := New(store.Config())
	err := p.Validate(context.Background(), podCreate(container("web", nil, nil)))
	want := `pods "web" is forbidden: unable to CREATE /v1, Resource=pods at this time because there was an error enforcing limit ranges`
	if errText(err) != want {
		t.Errorf("error = %q, want %q", errText(err), want)
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
