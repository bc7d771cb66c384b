package registry_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	batchv1 "github.com/kubeworkbook/kubeworkbook/shared/api/batch/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// Talk 000, "Write to etcd!": what is stored is the request plus what
// only the server sets - uid, creationTimestamp, generation, defaults -
// with metadata.resourceVersion the etcd revision of the write.
func TestCreateSetsServerFields(t *testing.T) {
	e := newEnv(t)
	before := e.revision(t)
	d := create(t, e.storage(t, "apps", "deployments"), newDeployment("web", 3))

	if !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(string(d.UID)) {
		t.Errorf("uid = %q, want a version 4 uuid", d.UID)
	}
	if got, want := d.CreationTimestamp.UTC(), e.clock.Now(); !got.Equal(want) {
		t.Errorf("creationTimestamp = %v, want %v", got, want)
	}
	if d.Generation != 1 {
		t.Errorf("generation = %d, want 1", d.Generation)
	}
	if d.ResourceVersion != formatInt(before+1) {
		t.Errorf("resourceVersion = %q, want the revision of the write, %d", d.ResourceVersion, before+1)
	}
	if d.Spec.Strategy.Type != appsv1.RollingUpdateDeploymentStrategyType || *d.Spec.RevisionHistoryLimit != 10 {
		t.Errorf("strategy %q, revisionHistoryLimit %v: defaults were not applied", d.Spec.Strategy.Type, d.Spec.RevisionHistoryLimit)
	}
	if d.APIVersion != "apps/v1" || d.Kind != "Deployment" {
		t.Errorf("apiVersion/kind = %s/%s, want apps/v1 Deployment", d.APIVersion, d.Kind)
	}
	if got := get[*appsv1.Deployment](t, e.storage(t, "apps", "deployments"), "default", "web"); got.UID != d.UID {
		t.Errorf("stored uid %q, returned %q", got.UID, d.UID)
	}
}

// Each way a create can fail, with upstream's status code and message.
func TestCreateErrors(t *testing.T) {
	e := newEnv(t)
	pods := e.pods(t)
	create(t, pods, newPod("taken", nil))
	terminating := create(t, e.storage(t, "", "namespaces"), newNamespace("leaving"))
	if _, _, err := e.storage(t, "", "namespaces").Delete(t.Context(), registry.Key{Name: terminating.Name}, metav1.DeleteOptions{}, false); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name      string
		namespace string
		obj       func() metav1.Object
		code      int32
		reason    metav1.StatusReason
		message   string
	}{
		{"missing namespace", "nowhere", func() metav1.Object { p := newPod("a", nil); p.Namespace = ""; return p },
			404, metav1.StatusReasonNotFound, `^namespaces "nowhere" not found$`},
		{"terminating namespace", "leaving", func() metav1.Object { p := newPod("a", nil); p.Namespace = ""; return p },
			403, metav1.StatusReasonForbidden, `^pods "a" is forbidden: unable to create new content in namespace leaving because it is being terminated$`},
		{"body names another namespace", "kube-system", func() metav1.Object { return newPod("a", nil) },
			400, metav1.StatusReasonBadRequest, `^the namespace of the provided object does not match the namespace sent on the request$`},
		{"resourceVersion set", "default", func() metav1.Object { p := newPod("a", nil); p.ResourceVersion = "7"; return p },
			400, metav1.StatusReasonBadRequest, `resourceVersion should not be set`},
		{"invalid", "default", func() metav1.Object { p := newPod("a", nil); p.Spec.Containers = nil; return p },
			422, metav1.StatusReasonInvalid, `^Pod "a" is invalid: spec.containers: Required value`},
		{"name taken", "default", func() metav1.Object { return newPod("taken", nil) },
			409, metav1.StatusReasonAlreadyExists, `^pods "taken" already exists$`},
		{"no name", "default", func() metav1.Object { return newPod("", nil) },
			422, metav1.StatusReasonInvalid, `metadata.name: Required value: name or generateName is required`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := e.revision(t)
			_, err := pods.Create(t.Context(), tc.namespace, tc.obj(), registry.CreateOptions{})
			wantStatus(t, err, tc.code, tc.reason, tc.message)
			if after := e.revision(t); after != before {
				t.Errorf("a failed create wrote to etcd: revision %d -> %d", before, after)
			}
		})
	}
}

// A cluster-scoped object has no namespace, whatever the body says.
func TestCreateClusterScopedDropsNamespace(t *testing.T) {
	e := newEnv(t)
	node := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "worker-1", Namespace: "default"}}
	got := create(t, e.storage(t, "", "nodes"), node)
	if got.Namespace != "" {
		t.Errorf("namespace = %q, want none", got.Namespace)
	}
}

// kubectl create --generate-name, and every pod a ReplicaSet makes:
// the server completes the name with five characters of its alphabet.
func TestCreateGenerateName(t *testing.T) {
	e := newEnv(t)
	seen := map[string]bool{}
	for range 3 {
		p := newPod("", nil)
		p.GenerateName = "web-"
		got := create(t, e.pods(t), p)
		if !regexp.MustCompile(`^web-[bcdfghjklmnpqrstvwxz2456789]{5}$`).MatchString(got.Name) {
			t.Errorf("name = %q, want web- and five characters of the alphabet", got.Name)
		}
		if seen[got.Name] {
			t.Errorf("name %q generated twice", got.Name)
		}
		seen[got.Name] = true
	}
}

func TestGenerateNameLength(t *testing.T) {
	tests := []struct {
		name, base string
		wantPrefix string
	}{
		{"short base is kept", "web-", "web-"},
		{"long base is cut to 58", strings.Repeat("a", 70), strings.Repeat("a", 58)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := registry.GenerateName(tc.base)
			if !strings.HasPrefix(got, tc.wantPrefix) || len(got) != len(tc.wantPrefix)+5 || len(got) > 63 {
				t.Errorf("GenerateName(%q) = %q", tc.base, got)
			}
		})
	}
}

// dryRun=All runs every step but the write: etcd's revision does not
// move, and the answer shows what would have been stored.
func TestCreateDryRunWritesNothing(t *testing.T) {
	e := newEnv(t)
	before := e.revision(t)
	out, err := e.storage(t, "apps", "deployments").Create(t.Context(), "default", newDeployment("web", 2), registry.CreateOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	d := out.(*appsv1.Deployment)
	if d.UID == "" || d.Generation != 1 || d.ResourceVersion != "" || d.Spec.Strategy.Type == "" {
		t.Errorf("dry-run answer: uid %q generation %d resourceVersion %q strategy %q", d.UID, d.Generation, d.ResourceVersion, d.Spec.Strategy.Type)
	}
	if after := e.revision(t); after != before {
		t.Errorf("dry run wrote to etcd: revision %d -> %d", before, after)
	}
	if _, err := e.storage(t, "apps", "deployments").Get(t.Context(), registry.Key{Namespace: "default", Name: "web"}, registry.GetOptions{}); err == nil {
		t.Error("the dry-run deployment exists")
	}
}

// Status belongs to controllers: a create resets it, except a node's,
// which its kubelet registers with.
func TestCreateResetsStatus(t *testing.T) {
	e := newEnv(t)
	p := newPod("web", nil)
	p.Status = corev1.PodStatus{Phase: corev1.PodRunning, PodIP: "10.0.0.9"}
	got := create(t, e.pods(t), p)
	if got.Status.Phase != corev1.PodPending || got.Status.PodIP != "" || got.Status.QOSClass != corev1.PodQOSBestEffort {
		t.Errorf("pod status = %+v, want phase Pending, QoS BestEffort and nothing else", got.Status)
	}

	d := newDeployment("web", 1)
	d.Status.Replicas = 5
	if got := create(t, e.storage(t, "apps", "deployments"), d); got.Status.Replicas != 0 {
		t.Errorf("deployment status.replicas = %d, want 0", got.Status.Replicas)
	}

	n := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "worker-1"}}
	n.Status.Phase = corev1.NodeRunning
	if got := create(t, e.storage(t, "", "nodes"), n); got.Status.Phase != corev1.NodeRunning {
		t.Errorf("node status.phase = %q, want the kubelet's Running kept", got.Status.Phase)
	}

	ns := create(t, e.storage(t, "", "namespaces"), newNamespace("team-a"))
	if ns.Status.Phase != corev1.NamespaceActive || len(ns.Spec.Finalizers) != 1 || ns.Labels["kubernetes.io/metadata.name"] != "team-a" {
		t.Errorf("namespace = %+v, want phase Active, the kubernetes finalizer and the name label", ns)
	}
}

// A Job selects its pods by its own uid unless manualSelector says
// otherwise, under upstream's label keys.
func TestCreateJobSelector(t *testing.T) {
	e := newEnv(t)
	job := &batchv1.Job{
		ObjectMeta: metav1.ObjectMeta{Name: "pi", Namespace: "default"},
		Spec: batchv1.JobSpec{Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{
			RestartPolicy: corev1.RestartPolicyNever,
			Containers:    []corev1.Container{{Name: "pi", Image: "perl:5.34"}},
		}}},
	}
	got := create(t, e.storage(t, "batch", "jobs"), job)
	uid := string(got.UID)
	if sel := got.Spec.Selector.MatchLabels; len(sel) != 1 || sel["batch.kubernetes.io/controller-uid"] != uid {
		t.Errorf("selector = %v, want batch.kubernetes.io/controller-uid=%s", sel, uid)
	}
	want := map[string]string{"controller-uid": uid, "batch.kubernetes.io/controller-uid": uid, "job-name": "pi", "batch.kubernetes.io/job-name": "pi"}
	for k, v := range want {
		if got.Spec.Template.Labels[k] != v {
			t.Errorf("template label %s = %q, want %q", k, got.Spec.Template.Labels[k], v)
		}
	}
}

func TestPodQOSClass(t *testing.T) {
	res := func(cpu, mem string) corev1.ResourceList {
		rl := corev1.ResourceList{}
		if cpu != "" {
			rl[corev1.ResourceCPU] = quantity(cpu)
		}
		if mem != "" {
			rl[corev1.ResourceMemory] = quantity(mem)
		}
		return rl
	}
	tests := []struct {
		name     string
		requests corev1.ResourceList
		limits   corev1.ResourceList
		want     corev1.PodQOSClass
	}{
		{"nothing asked", nil, nil, corev1.PodQOSBestEffort},
		{"requests only", res("100m", ""), nil, corev1.PodQOSBurstable},
		{"limits equal requests", res("1", "1Gi"), res("1", "1Gi"), corev1.PodQOSGuaranteed},
		{"limits above requests", res("500m", "1Gi"), res("1", "1Gi"), corev1.PodQOSBurstable},
		{"memory limit missing", res("1", ""), res("1", ""), corev1.PodQOSBurstable},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newPod("p", nil)
			p.Spec.Containers[0].Resources = corev1.ResourceRequirements{Requests: tc.requests, Limits: tc.limits}
			if got := registry.PodQOSClass(p); got != tc.want {
				t.Errorf("PodQOSClass = %s, want %s", got, tc.want)
			}
		})
	}
}

// The clock is the registry's: a later create gets a later timestamp.
func TestCreateUsesClock(t *testing.T) {
	e := newEnv(t)
	e.clock.advance(time.Hour)
	got := create(t, e.storage(t, "", "configmaps"), newConfigMap("c"))
	if want := e.clock.Now(); !got.CreationTimestamp.UTC().Equal(want) {
		t.Errorf("creationTimestamp = %v, want %v", got.CreationTimestamp, want)
	}
}
