package serviceaccount

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission/internal/admissiontest"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

func newPlugin(t *testing.T, store *admissiontest.Store) *Plugin {
	t.Helper()
	p, err := New(store.Config())
	if err != nil {
		t.Fatal(err)
	}
	p.generateName = func(prefix string) string { return prefix + "x7k2q" }
	p.retryInterval = 0
	return p
}

func create(pod *corev1.Pod) *admission.Attributes {
	pod.Namespace = "default"
	return &admission.Attributes{
		Operation: admission.Create, Namespace: "default", Name: pod.Name,
		Resource: metav1.GroupVersionResource{Version: "v1", Resource: "pods"},
		Object:   pod,
	}
}

func webPod() *corev1.Pod {
	return &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web"}, Spec: corev1.PodSpec{
		InitContainers: []corev1.Container{{Name: "init", Image: "busybox"}},
		Containers:     []corev1.Container{{Name: "web", Image: "nginx"}},
	}}
}

var tokenMount = corev1.VolumeMount{Name: "kube-api-access-x7k2q", ReadOnly: true, MountPath: DefaultAPITokenMountPath}

func ptr[T any](v T) *T { return &v }

// Talk 000, "Admission controllers" and "Server side authentication": the
// server fills in the pod's identity and hands it a token to prove it.
func TestAdmitDefaultsAndMounts(t *testing.T) {
	store := admissiontest.NewStore()
	store.AddServiceAccount("default", "default", corev1.ServiceAccount{
		ImagePullSecrets: []corev1.LocalObjectReference{{Name: "registry"}}})
	a := create(webPod())
	if err := newPlugin(t, store).Admit(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	pod := a.Object.(*corev1.Pod)
	want := corev1.PodSpec{
		ServiceAccountName:       "default",
		DeprecatedServiceAccount: "default",
		ImagePullSecrets:         []corev1.LocalObjectReference{{Name: "registry"}},
		InitContainers:           []corev1.Container{{Name: "init", Image: "busybox", VolumeMounts: []corev1.VolumeMount{tokenMount}}},
		Containers:               []corev1.Container{{Name: "web", Image: "nginx", VolumeMounts: []corev1.VolumeMount{tokenMount}}},
		Volumes: []corev1.Volume{{Name: "kube-api-access-x7k2q", VolumeSource: corev1.VolumeSource{Projected: &corev1.ProjectedVolumeSource{
			DefaultMode: ptr(int32(0o644)),
			Sources: []corev1.VolumeProjection{
				{ServiceAccountToken: &corev1.ServiceAccountTokenProjection{Path: "token", ExpirationSeconds: ptr(int64(3607))}},
				{ConfigMap: &corev1.ConfigMapProjection{LocalObjectReference: corev1.LocalObjectReference{Name: "kube-root-ca.crt"},
					Items: []corev1.KeyToPath{{Key: "ca.crt", Path: "ca.crt"}}}},
				{DownwardAPI: &corev1.DownwardAPIProjection{Items: []corev1.DownwardAPIVolumeFile{{Path: "namespace",
					FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "metadata.namespace"}}}}},
			},
		}}}},
	}
	if diff := cmp.Diff(want, pod.Spec); diff != "" {
		t.Errorf("spec (-want +got):\n%s", diff)
	}
}

func TestAutomount(t *testing.T) {
	tests := []struct {
		name       string
		podSetting *bool
		saSetting  *bool
		prepare    func(*corev1.Pod)
		wantVols   []string
		wantMounts [][]string // per container (init first)
	}{
		{name: "default is to mount", wantVols: []string{"kube-api-access-x7k2q"},
			wantMounts: [][]string{{"kube-api-access-x7k2q"}, {"kube-api-access-x7k2q"}}},
		{name: "the pod says no", podSetting: ptr(false), wantMounts: [][]string{nil, nil}},
		{name: "the account says no", saSetting: ptr(false), wantMounts: [][]string{nil, nil}},
		{name: "the pod's yes wins over the account's no", podSetting: ptr(true), saSetting: ptr(false),
			wantVols: []string{"kube-api-access-x7k2q"}, wantMounts: [][]string{{"kube-api-access-x7k2q"}, {"kube-api-access-x7k2q"}}},
		{name: "a container with its own mount at the path keeps it",
			prepare: func(p *corev1.Pod) {
				p.Spec.Volumes = []corev1.Volume{{Name: "mine"}}
				p.Spec.Containers[0].VolumeMounts = []corev1.VolumeMount{{Name: "mine", MountPath: DefaultAPITokenMountPath}}
			},
			wantVols: []string{"mine", "kube-api-access-x7k2q"}, wantMounts: [][]string{{"kube-api-access-x7k2q"}, {"mine"}}},
		{name: "an existing kube-api-access volume is reused",
			prepare:  func(p *corev1.Pod) { p.Spec.Volumes = []corev1.Volume{{Name: "kube-api-access-old12"}} },
			wantVols: []string{"kube-api-access-old12"}, wantMounts: [][]string{{"kube-api-access-old12"}, {"kube-api-access-old12"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			store := admissiontest.NewStore()
			store.AddServiceAccount("default", "default", corev1.ServiceAccount{AutomountServiceAccountToken: tc.saSetting})
			pod := webPod()
			pod.Spec.AutomountServiceAccountToken = tc.podSetting
			if tc.prepare != nil {
				tc.prepare(pod)
			}
			if err := newPlugin(t, store).Admit(context.Background(), create(pod)); err != nil {
				t.Fatal(err)
			}
			var vols []string
			for _, v := range pod.Spec.Volumes {
				vols = append(vols, v.Name)
			}
			var mounts [][]string
			for _, c := range append(pod.Spec.InitContainers, pod.Spec.Containers...) {
				var m []string
				for _, vm := range c.VolumeMounts {
					m = append(m, vm.Name)
				}
				mounts = append(mounts, m)
			}
			if diff := cmp.Diff(tc.wantVols, vols); diff != "" {
				t.Errorf("volumes (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.wantMounts, mounts); diff != "" {
				t.Errorf("mounts (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRejections(t *testing.T) {
	store := admissiontest.NewStore()
	store.AddServiceAccount("default", "locked", corev1.ServiceAccount{
		ObjectMeta: metav1.ObjectMeta{Annotations: map[string]string{EnforceMountableSecretsAnnotation: "true"}},
		Secrets:    []corev1.ObjectReference{{Name: "allowed"}},
	})
	tests := []struct {
		name string
		pod  func() *corev1.Pod
		want string
	}{
		{
			name: "a missing account",
			pod:  func() *corev1.Pod { p := webPod(); p.Spec.ServiceAccountName = "builder"; return p },
			want: `pods "web" is forbidden: error looking up service account default/builder: serviceaccount "builder" not found`,
		},
		{
			name: "a missing default account, after retrying",
			pod:  webPod,
			want: `pods "web" is forbidden: error looking up service account default/default: serviceaccount "default" not found`,
		},
		{
			name: "a secret the account does not list",
			pod: func() *corev1.Pod {
				p := webPod()
				p.Spec.ServiceAccountName = "locked"
				p.Spec.Volumes = []corev1.Volume{{Name: "s", VolumeSource: corev1.VolumeSource{Secret: &corev1.SecretVolumeSource{SecretName: "other"}}}}
				return p
			},
			want: `pods "web" is forbidden: volume with secret.secretName="other" is not allowed because service account locked does not reference that secret`,
		},
		{
			name: "an env var from a secret the account does not list",
			pod: func() *corev1.Pod {
				p := webPod()
				p.Spec.ServiceAccountName = "locked"
				p.Spec.Containers[0].Env = []corev1.EnvVar{{Name: "PW", ValueFrom: &corev1.EnvVarSource{
					SecretKeyRef: &corev1.SecretKeySelector{LocalObjectReference: corev1.LocalObjectReference{Name: "db"}, Key: "pw"}}}}
				return p
			},
			want: `pods "web" is forbidden: container web with envVar PW referencing secret.secretName="db" is not allowed because service account locked does not reference that secret`,
		},
		{
			name: "a mirror pod naming an account",
			pod: func() *corev1.Pod {
				p := webPod()
				p.Annotations = map[string]string{MirrorPodAnnotationKey: "hash"}
				p.Spec.ServiceAccountName = "default"
				return p
			},
			want: `pods "web" is forbidden: a mirror pod may not reference service accounts`,
		},
		{
			name: "a mirror pod using a secret",
			pod: func() *corev1.Pod {
				p := webPod()
				p.Annotations = map[string]string{MirrorPodAnnotationKey: "hash"}
				p.Spec.ImagePullSecrets = []corev1.LocalObjectReference{{Name: "registry"}}
				return p
			},
			want: `pods "web" is forbidden: a mirror pod may not reference secrets`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := newPlugin(t, store).Admit(context.Background(), create(tc.pod()))
			if err == nil || err.Error() != tc.want {
				t.Fatalf("error = %v, want %q", err, tc.want)
			}
			if apierrors.StatusFor(err).Code != 403 {
				t.Errorf("code = %d, want 403", apierrors.StatusFor(err).Code)
			}
		})
	}
}

func TestMirrorPodIsLeftAlone(t *testing.T) {
	pod := webPod()
	pod.Annotations = map[string]string{MirrorPodAnnotationKey: "hash"}
	if err := newPlugin(t, admissiontest.NewStore()).Admit(context.Background(), create(pod)); err != nil {
		t.Fatal(err)
	}
	if pod.Spec.ServiceAccountName != "" || len(pod.Spec.Volumes) != 0 {
		t.Errorf("mirror pod changed: %+v", pod.Spec)
	}
}

func TestOnlyPodCreates(t *testing.T) {
	p := newPlugin(t, admissiontest.NewStore())
	for _, a := range []*admission.Attributes{
		{Operation: admission.Update, Namespace: "default", Resource: metav1.GroupVersionResource{Version: "v1", Resource: "pods"}, Object: webPod()},
		{Operation: admission.Create, Namespace: "default", Resource: metav1.GroupVersionResource{Version: "v1", Resource: "pods"}, Subresource: "binding", Object: webPod()},
		{Operation: admission.Create, Namespace: "default", Resource: metav1.GroupVersionResource{Version: "v1", Resource: "configmaps"}, Object: &corev1.ConfigMap{}},
	} {
		if err := p.Admit(context.Background(), a); err != nil {
			t.Errorf("%s %s/%s: %v", a.Operation, a.Resource.Resource, a.Subresource, err)
		}
	}
}

func TestGenerateName(t *testing.T) {
	name := GenerateName(VolumeNamePrefix)
	rest, ok := strings.CutPrefix(name, VolumeNamePrefix)
	if !ok || len(rest) != 5 || strings.Trim(rest, nameAlphabet) != "" {
		t.Errorf("GenerateName = %q", name)
	}
	if long := GenerateName(strings.Repeat("a", 70)); len(long) != 63 {
		t.Errorf("long prefix gave %d characters, want 63", len(long))
	}
}
