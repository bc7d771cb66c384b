package resourcequota

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission/internal/admissiontest"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

func list(kv ...string) corev1.ResourceList {
	l := corev1.ResourceList{}
	for i := 0; i < len(kv); i += 2 {
		l[corev1.ResourceName(kv[i])] = resource.MustParse(kv[i+1])
	}
	return l
}

// quota returns a quota in "default" as the quota controller would have
// left it: status.hard from spec.hard, usage as given.
func quota(name string, hard, used corev1.ResourceList) corev1.ResourceQuota {
	q := corev1.ResourceQuota{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default"},
		Spec: corev1.ResourceQuotaSpec{Hard: hard}, Status: corev1.ResourceQuotaStatus{Used: used}}
	PrimeStatus(&q)
	return q
}

func setup(t *testing.T, quotas ...corev1.ResourceQuota) (*admissiontest.Store, *Plugin) {
	t.Helper()
	store := admissiontest.NewStore()
	for _, q := range quotas {
		store.AddQuota(q)
	}
	p, err := New(store.Config())
	if err != nil {
		t.Fatal(err)
	}
	return store, p
}

func podCreate(name string, containers ...corev1.Container) *admission.Attributes {
	if len(containers) == 0 {
		containers = []corev1.Container{{Name: "web", Image: "nginx"}}
	}
	return &admission.Attributes{Operation: admission.Create, Namespace: "default", Name: name,
		Kind:     metav1.GroupVersionKind{Version: "v1", Kind: "Pod"},
		Resource: metav1.GroupVersionResource{Version: "v1", Resource: "pods"},
		Object:   &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default"}, Spec: corev1.PodSpec{Containers: containers}}}
}

func used(t *testing.T, store *admissiontest.Store, name string) string {
	t.Helper()
	q, ok := store.Quota("default", name)
	if !ok {
		t.Fatalf("quota %s is gone", name)
	}
	return prettyPrint(q.Status.Used)
}

// Issue 5, "quota exhaustion returns 403 with the upstream message"; talk
// 000, "Admission controllers": the last plugin refuses the pod that does
// not fit, and nothing is charged for it.
func TestQuotaExhaustion(t *testing.T) {
	store, p := setup(t, quota("pods-max", list("pods", "2"), nil))
	for i := 1; i <= 2; i++ {
		if err := p.Validate(context.Background(), podCreate(fmt.Sprintf("web-%d", i))); err != nil {
			t.Fatalf("pod %d: %v", i, err)
		}
	}
	err := p.Validate(context.Background(), podCreate("web-3"))
	want := `pods "web-3" is forbidden: exceeded quota: pods-max, requested: pods=1, used: pods=2, limited: pods=2`
	if errText(err) != want {
		t.Fatalf("third pod: error = %q\nwant %q", errText(err), want)
	}
	if st := apierrors.StatusFor(err); st.Code != 403 || st.Reason != metav1.StatusReasonForbidden {
		t.Errorf("status = %d %s, want 403 Forbidden", st.Code, st.Reason)
	}
	if got := used(t, store, "pods-max"); got != "pods=2" {
		t.Errorf("used = %s, want pods=2", got)
	}
}

func TestDryRunIsNotCharged(t *testing.T) {
	store, p := setup(t, quota("pods-max", list("pods", "1"), nil))
	a := podCreate("web")
	a.DryRun = true
	for i := 0; i < 3; i++ { // a dry run checks, so each one fits
		if err := p.Validate(context.Background(), a); err != nil {
			t.Fatalf("dry run %d: %v", i, err)
		}
	}
	if got := used(t, store, "pods-max"); got != "pods=0" || store.StatusUpdates != 0 {
		t.Errorf("used = %s after %d updates, want pods=0 and none", got, store.StatusUpdates)
	}
}

func TestComputeQuota(t *testing.T) {
	req := func(cpu, mem string) corev1.ResourceRequirements {
		return corev1.ResourceRequirements{Requests: list("cpu", cpu, "memory", mem), Limits: list("cpu", cpu, "memory", mem)}
	}
	tests := []struct {
		name       string
		hard       corev1.ResourceList
		containers []corev1.Container
		wantErr    string
		wantUsed   string
	}{
		{
			name: "requests and limits of all containers are charged",
			hard: list("requests.cpu", "1", "limits.memory", "1Gi", "pods", "10"),
			containers: []corev1.Container{{Name: "web", Resources: req("250m", "128Mi")},
				{Name: "log", Resources: req("250m", "64Mi")}},
			wantUsed: "limits.memory=192Mi,pods=1,requests.cpu=500m",
		},
		{
			name:       "a container without limits under a limits quota",
			hard:       list("limits.cpu", "2", "limits.memory", "1Gi"),
			containers: []corev1.Container{{Name: "web"}, {Name: "log", Resources: corev1.ResourceRequirements{Limits: list("cpu", "1")}}},
			wantErr:    `pods "web" is forbidden: failed quota: compute: must specify limits.cpu for: web; limits.memory for: log,web`,
			wantUsed:   "limits.cpu=0,limits.memory=0",
		},
		{
			name:       "over the cpu total",
			hard:       list("requests.cpu", "500m"),
			containers: []corev1.Container{{Name: "web", Resources: req("750m", "1Mi")}},
			wantErr:    `pods "web" is forbidden: exceeded quota: compute, requested: requests.cpu=750m, used: requests.cpu=0, limited: requests.cpu=500m`,
			wantUsed:   "requests.cpu=0",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			store, p := setup(t, quota("compute", tc.hard, nil))
			err := p.Validate(context.Background(), podCreate("web", tc.containers...))
			if errText(err) != tc.wantErr {
				t.Fatalf("error = %q\nwant    %q", errText(err), tc.wantErr)
			}
			if got := used(t, store, "compute"); got != tc.wantUsed {
				t.Errorf("used = %s, want %s", got, tc.wantUsed)
			}
		})
	}
}

func TestStatusUnknown(t *testing.T) {
	q := corev1.ResourceQuota{ObjectMeta: metav1.ObjectMeta{Name: "fresh", Namespace: "default"},
		Spec:   corev1.ResourceQuotaSpec{Hard: list("pods", "2")},
		Status: corev1.ResourceQuotaStatus{Hard: list("pods", "2")}}
	_, p := setup(t, q)
	err := p.Validate(context.Background(), podCreate("web"))
	if want := `pods "web" is forbidden: status unknown for quota: fresh, resources: pods`; errText(err) != want {
		t.Errorf("error = %q, want %q", errText(err), want)
	}
}

// Two API servers charging the same quota: the loser of the
// compare-and-swap reads again and retries, a bounded number of times.
func TestConflictRetry(t *testing.T) {
	tests := []struct {
		name      string
		conflicts int
		wantErr   bool
		wantUsed  string
	}{
		{name: "lose twice, then win", conflicts: 2, wantUsed: "pods=1"},
		{name: "lose every time", conflicts: MaxRetries + 1, wantErr: true, wantUsed: "pods=0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			store, p := setup(t, quota("pods-max", list("pods", "5"), nil))
			store.ConflictsLeft = tc.conflicts
			err := p.Validate(context.Background(), podCreate("web"))
			if tc.wantErr != (err != nil) {
				t.Fatalf("error = %v, want error: %v", err, tc.wantErr)
			}
			if tc.wantErr && !apierrors.IsConflict(err) {
				t.Errorf("error = %v, want a Conflict", err)
			}
			if got := used(t, store, "pods-max"); got != tc.wantUsed {
				t.Errorf("used = %s, want %s", got, tc.wantUsed)
			}
		})
	}
}

// A retry re-checks only the quotas whose write was lost; the others
// keep their charge and are not charged twice.
func TestRetryChargesEachQuotaOnce(t *testing.T) {
	store, p := setup(t, quota("a", list("pods", "5"), nil), quota("b", list("count/pods", "5"), nil))
	store.ConflictsLeft = 1 // quota "a" is written first and loses once
	if err := p.Validate(context.Background(), podCreate("web")); err != nil {
		t.Fatal(err)
	}
	if a, b := used(t, store, "a"), used(t, store, "b"); a != "pods=1" || b != "count/pods=1" {
		t.Errorf("used a=%s b=%s, want pods=1 and count/pods=1", a, b)
	}
}

func TestWhatCounts(t *testing.T) {
	svc := func(typ corev1.ServiceType, ports int) *corev1.Service {
		s := &corev1.Service{ObjectMeta: metav1.ObjectMeta{Name: "web"}, Spec: corev1.ServiceSpec{Type: typ}}
		for i := 0; i < ports; i++ {
			s.Spec.Ports = append(s.Spec.Ports, corev1.ServicePort{Port: int32(80 + i)})
		}
		return s
	}
	create := func(group, res string, obj metav1.Object) *admission.Attributes {
		return &admission.Attributes{Operation: admission.Create, Namespace: "default", Name: "web",
			Resource: metav1.GroupVersionResource{Group: group, Version: "v1", Resource: res}, Object: obj}
	}
	bestEffort := quota("best-effort", list("pods", "5"), nil)
	bestEffort.Spec.Scopes = []corev1.ResourceQuotaScope{corev1.ResourceQuotaScopeBestEffort}
	tests := []struct {
		name     string
		q        corev1.ResourceQuota
		a        *admission.Attributes
		wantUsed string
	}{
		{name: "a NodePort service takes node ports", q: quota("svc", list("services", "5", "services.nodeports", "5"), nil),
			a: create("", "services", svc(corev1.ServiceTypeNodePort, 2)), wantUsed: "services=1,services.nodeports=2"},
		{name: "a LoadBalancer takes a load balancer", q: quota("svc", list("services.loadbalancers", "1"), nil),
			a: create("", "services", svc(corev1.ServiceTypeLoadBalancer, 1)), wantUsed: "services.loadbalancers=1"},
		{name: "configmaps by their old name and count/", q: quota("cm", list("configmaps", "5", "count/configmaps", "5"), nil),
			a: create("", "configmaps", &corev1.ConfigMap{}), wantUsed: "configmaps=1,count/configmaps=1"},
		{name: "any resource by count/<resource>.<group>", q: quota("apps", list("count/deployments.apps", "5"), nil),
			a: create("apps", "deployments", &corev1.ConfigMap{}), wantUsed: "count/deployments.apps=1"},
		{name: "a BestEffort quota does not count a pod with requests", q: bestEffort,
			a:        podCreate("web", corev1.Container{Name: "web", Resources: corev1.ResourceRequirements{Requests: list("cpu", "1")}}),
			wantUsed: "pods=0"},
		{name: "a BestEffort quota counts a pod without", q: bestEffort, a: podCreate("web"), wantUsed: "pods=1"},
		{name: "subresources are not counted", q: quota("pods", list("pods", "5"), nil),
			a: func() *admission.Attributes { a := podCreate("web"); a.Subresource = "binding"; return a }(), wantUsed: "pods=0"},
		{name: "events are never counted", q: quota("ev", list("count/events", "5"), nil),
			a: create("", "events", &corev1.ConfigMap{}), wantUsed: "count/events=0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			store, p := setup(t, tc.q)
			if err := p.Validate(context.Background(), tc.a); err != nil {
				t.Fatal(err)
			}
			if got := used(t, store, tc.q.Name); got != tc.wantUsed {
				t.Errorf("used = %s, want %s", got, tc.wantUsed)
			}
		})
	}
}

func TestUsageOfAClaim(t *testing.T) {
	class := "fast"
	pvc := &corev1.PersistentVolumeClaim{Spec: corev1.PersistentVolumeClaimSpec{StorageClassName: &class,
		Resources: corev1.VolumeResourceRequirements{Requests: list("storage", "5Gi")}}}
	got, err := Usage(metav1.GroupResource{Resource: "persistentvolumeclaims"}, pvc)
	if err != nil {
		t.Fatal(err)
	}
	want := "count/persistentvolumeclaims=1,fast.storageclass.storage.k8s.io/persistentvolumeclaims=1," +
		"fast.storageclass.storage.k8s.io/requests.storage=5Gi,persistentvolumeclaims=1,requests.storage=5Gi"
	if prettyPrint(got) != want {
		t.Errorf("usage = %s\nwant    %s", prettyPrint(got), want)
	}
}

func TestPrimeStatus(t *testing.T) {
	q := corev1.ResourceQuota{Spec: corev1.ResourceQuotaSpec{Hard: list("pods", "10", "requests.cpu", "4")},
		Status: corev1.ResourceQuotaStatus{Hard: list("pods", "5", "secrets", "1"), Used: list("pods", "3", "secrets", "1")}}
	PrimeStatus(&q)
	if diff := cmp.Diff(list("pods", "10", "requests.cpu", "4"), q.Status.Hard); diff != "" {
		t.Errorf("hard (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(list("pods", "3", "requests.cpu", "0"), q.Status.Used); diff != "" {
		t.Errorf("used (-want +got):\n%s", diff)
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
