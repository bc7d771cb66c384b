package registry_test

import (
	"slices"
	"testing"
	"time"

	batchv1 "github.com/kubeworkbook/kubeworkbook/shared/api/batch/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// An object with a finalizer is only marked: deletionTimestamp now,
// grace 0, and it stays until its finalizers are gone.
func TestDeleteWithFinalizerMarks(t *testing.T) {
	e := newEnv(t)
	cms := e.storage(t, "", "configmaps")
	create(t, cms, newConfigMap("c", "example.com/cleanup"))
	out, deleted, err := cms.Delete(t.Context(), registry.Key{Namespace: "default", Name: "c"}, metav1.DeleteOptions{}, false)
	if err != nil || deleted {
		t.Fatalf("delete: deleted %v, err %v", deleted, err)
	}
	meta := out.GetObjectMeta()
	if meta.DeletionTimestamp == nil || meta.DeletionTimestamp.UTC().Format(time.RFC3339) != e.clock.at(0) ||
		meta.DeletionGracePeriodSeconds == nil || *meta.DeletionGracePeriodSeconds != 0 {
		t.Errorf("deletionTimestamp %v, grace %v; want now and 0", meta.DeletionTimestamp, meta.DeletionGracePeriodSeconds)
	}
	if got := get[*corev1.ConfigMap](t, cms, "default", "c"); got.DeletionTimestamp == nil {
		t.Error("the stored object is not marked")
	}
	// A second delete changes nothing and writes nothing.
	before := e.revision(t)
	if _, deleted, err := cms.Delete(t.Context(), registry.Key{Namespace: "default", Name: "c"}, metav1.DeleteOptions{}, false); err != nil || deleted {
		t.Fatalf("second delete: deleted %v, err %v", deleted, err)
	}
	if after := e.revision(t); after != before {
		t.Errorf("second delete wrote: revision %d -> %d", before, after)
	}
}

// The propagation policy is recorded for the garbage collector (stage
// 3) as upstream does: a finalizer for Orphan and Foreground, nothing
// for Background, and batch/v1 Jobs orphan by default.
func TestDeletePropagationPolicy(t *testing.T) {
	policy := func(p metav1.DeletionPropagation) *metav1.DeletionPropagation { return &p }
	tests := []struct {
		name           string
		resource       string
		policy         *metav1.DeletionPropagation
		wantDeleted    bool
		wantFinalizers []string
	}{
		{"orphan", "configmaps", policy(metav1.DeletePropagationOrphan), false, []string{"orphan"}},
		{"foreground", "configmaps", policy(metav1.DeletePropagationForeground), false, []string{"foregroundDeletion"}},
		{"background", "configmaps", policy(metav1.DeletePropagationBackground), true, nil},
		{"default for a configmap", "configmaps", nil, true, nil},
		{"default for a job", "jobs", nil, false, []string{"orphan"}},
		{"background job", "jobs", policy(metav1.DeletePropagationBackground), true, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			var s registry.Storage
			if tc.resource == "jobs" {
				s = e.storage(t, "batch", "jobs")
				create(t, s, newJob("x"))
			} else {
				s = e.storage(t, "", "configmaps")
				create(t, s, newConfigMap("x"))
			}
			out, deleted, err := s.Delete(t.Context(), registry.Key{Namespace: "default", Name: "x"},
				metav1.DeleteOptions{PropagationPolicy: tc.policy}, false)
			if err != nil {
				t.Fatal(err)
			}
			if deleted != tc.wantDeleted || !slices.Equal(out.GetObjectMeta().Finalizers, tc.wantFinalizers) {
				t.Errorf("deleted %v, finalizers %v; want %v, %v", deleted, out.GetObjectMeta().Finalizers, tc.wantDeleted, tc.wantFinalizers)
			}
		})
	}
}

// Talk 004, step 9 and stage 5: a pod on a node is not removed by a
// delete; its kubelet gets terminationGracePeriodSeconds to stop it and
// then deletes it with grace 0.
func TestPodGracefulDeletion(t *testing.T) {
	e := newEnv(t)
	pods := e.pods(t)
	key := registry.Key{Namespace: "default", Name: "web"}
	bound := newPod("web", nil)
	bound.Spec.NodeName = "worker-1"
	create(t, pods, bound)

	// 1. The user's delete: deletionTimestamp = now + 30s (the default).
	out, deleted, err := pods.Delete(t.Context(), key, metav1.DeleteOptions{}, false)
	if err != nil || deleted {
		t.Fatalf("first delete: deleted %v, err %v", deleted, err)
	}
	p := out.(*corev1.Pod)
	if p.DeletionTimestamp.UTC().Format(time.RFC3339) != e.clock.at(30*time.Second) || *p.DeletionGracePeriodSeconds != 30 || p.Generation != 2 {
		t.Errorf("deletionTimestamp %v, grace %d, generation %d; want now+30s, 30, 2", p.DeletionTimestamp, *p.DeletionGracePeriodSeconds, p.Generation)
	}
	// 2. A second delete asking for longer changes nothing.
	out, deleted, err = pods.Delete(t.Context(), key, metav1.DeleteOptions{GracePeriodSeconds: ptr(int64(60))}, false)
	if err != nil || deleted || *out.(*corev1.Pod).DeletionGracePeriodSeconds != 30 {
		t.Fatalf("longer grace: deleted %v, err %v, grace %d", deleted, err, *out.(*corev1.Pod).DeletionGracePeriodSeconds)
	}
	// 3. One asking for less shortens it: 10s from the original start.
	out, _, err = pods.Delete(t.Context(), key, metav1.DeleteOptions{GracePeriodSeconds: ptr(int64(10))}, false)
	if err != nil {
		t.Fatal(err)
	}
	if p := out.(*corev1.Pod); p.DeletionTimestamp.UTC().Format(time.RFC3339) != e.clock.at(10*time.Second) || *p.DeletionGracePeriodSeconds != 10 {
		t.Errorf("shortened: deletionTimestamp %v, grace %d; want now+10s, 10", p.DeletionTimestamp, *p.DeletionGracePeriodSeconds)
	}
	// 4. The kubelet's delete with grace 0 removes it.
	if _, deleted, err = pods.Delete(t.Context(), key, metav1.DeleteOptions{GracePeriodSeconds: ptr(int64(0))}, false); err != nil || !deleted {
		t.Fatalf("grace 0: deleted %v, err %v", deleted, err)
	}
	_, err = pods.Get(t.Context(), key, registry.GetOptions{})
	wantStatus(t, err, 404, metav1.StatusReasonNotFound, `^pods "web" not found$`)
}

// Pods no kubelet runs are removed at once: nobody would confirm.
func TestPodDeletedAtOnce(t *testing.T) {
	tests := []struct {
		name string
		pod  func() *corev1.Pod
	}{
		{"unbound", func() *corev1.Pod { return newPod("p", nil) }},
		{"succeeded", func() *corev1.Pod { p := newPod("p", nil); p.Spec.NodeName = "n1"; return p }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			pods := e.pods(t)
			create(t, pods, tc.pod())
			key := registry.Key{Namespace: "default", Name: "p"}
			if tc.name == "succeeded" {
				if _, _, err := pods.Update(t.Context(), key, modify(func(p *corev1.Pod) { p.Status.Phase = corev1.PodSucceeded }),
					registry.UpdateOptions{Subresource: "status"}); err != nil {
					t.Fatal(err)
				}
			}
			if _, deleted, err := pods.Delete(t.Context(), key, metav1.DeleteOptions{}, false); err != nil || !deleted {
				t.Fatalf("deleted %v, err %v; want removed at once", deleted, err)
			}
		})
	}
}

func TestDeleteErrors(t *testing.T) {
	e := newEnv(t)
	cms := e.storage(t, "", "configmaps")
	create(t, cms, newConfigMap("c"))
	tests := []struct {
		name     string
		resource string
		key      registry.Key
		opts     metav1.DeleteOptions
		code     int32
		reason   metav1.StatusReason
		message  string
	}{
		{"missing", "configmaps", registry.Key{Namespace: "default", Name: "nope"}, metav1.DeleteOptions{},
			404, metav1.StatusReasonNotFound, `^configmaps "nope" not found$`},
		{"other uid", "configmaps", registry.Key{Namespace: "default", Name: "c"},
			metav1.DeleteOptions{Preconditions: &metav1.Preconditions{UID: ptr(metav1.UID("x"))}},
			409, metav1.StatusReasonConflict, `^Operation cannot be fulfilled on ConfigMap "c": the UID in the precondition \(x\) does not match the UID in record`},
		{"other resourceVersion", "configmaps", registry.Key{Namespace: "default", Name: "c"},
			metav1.DeleteOptions{Preconditions: &metav1.Preconditions{ResourceVersion: ptr("1")}},
			409, metav1.StatusReasonConflict, `the ResourceVersion in the precondition \(1\) does not match`},
		{"immortal namespace", "namespaces", registry.Key{Name: "kube-system"}, metav1.DeleteOptions{},
			403, metav1.StatusReasonForbidden, `^namespaces "kube-system" is forbidden: this namespace may not be deleted$`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := e.storage(t, "", tc.resource).Delete(t.Context(), tc.key, tc.opts, false)
			wantStatus(t, err, tc.code, tc.reason, tc.message)
		})
	}
}

// Deleting a namespace turns it Terminating; the namespace controller
// empties it, clears spec.finalizers through /finalize and deletes it
// again, which removes it.
func TestDeleteNamespace(t *testing.T) {
	e := newEnv(t)
	namespaces := e.storage(t, "", "namespaces")
	create(t, namespaces, newNamespace("team-a"))
	key := registry.Key{Name: "team-a"}
	out, deleted, err := namespaces.Delete(t.Context(), key, metav1.DeleteOptions{}, false)
	if err != nil || deleted {
		t.Fatalf("first delete: deleted %v, err %v", deleted, err)
	}
	ns := out.(*corev1.Namespace)
	if ns.Status.Phase != corev1.NamespaceTerminating || ns.DeletionTimestamp == nil || ns.DeletionGracePeriodSeconds != nil {
		t.Errorf("phase %q, deletionTimestamp %v, grace %v; want Terminating, now, none", ns.Status.Phase, ns.DeletionTimestamp, ns.DeletionGracePeriodSeconds)
	}
	// An update of the namespace cannot drop spec.finalizers...
	out, _, err = namespaces.Update(t.Context(), key, modify(func(ns *corev1.Namespace) { ns.Spec.Finalizers = nil }), registry.UpdateOptions{})
	if err != nil || len(out.(*corev1.Namespace).Spec.Finalizers) != 1 {
		t.Fatalf("update: %v, finalizers %v", err, out.(*corev1.Namespace).Spec.Finalizers)
	}
	// ...and the namespace stays while they are there.
	if _, deleted, err := namespaces.Delete(t.Context(), key, metav1.DeleteOptions{}, false); err != nil || deleted {
		t.Fatalf("second delete: deleted %v, err %v", deleted, err)
	}
	// /finalize can.
	if _, _, err := namespaces.Update(t.Context(), key, modify(func(ns *corev1.Namespace) { ns.Spec.Finalizers = nil }),
		registry.UpdateOptions{Subresource: "finalize"}); err != nil {
		t.Fatal(err)
	}
	if _, deleted, err := namespaces.Delete(t.Context(), key, metav1.DeleteOptions{}, false); err != nil || !deleted {
		t.Fatalf("final delete: deleted %v, err %v", deleted, err)
	}
}

func TestDeleteCollection(t *testing.T) {
	e := newEnv(t)
	cms := e.storage(t, "", "configmaps")
	for _, n := range []string{"a", "b", "c"} {
		c := newConfigMap(n)
		c.Labels = map[string]string{"keep": map[bool]string{true: "yes", false: "no"}[n == "b"]}
		create(t, cms, c)
	}
	sel := mustLabels(t, "keep=no")
	out, err := cms.DeleteCollection(t.Context(), "default", registry.ListOptions{Label: sel}, metav1.DeleteOptions{}, false)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(out.Items); got != "a,c" {
		t.Errorf("deleted %s, want a,c", got)
	}
	left, err := cms.List(t.Context(), "default", registry.ListOptions{})
	if err != nil || names(left.Items) != "b" {
		t.Errorf("left %s (%v), want b", names(left.Items), err)
	}
}

func TestDeleteDryRunWritesNothing(t *testing.T) {
	e := newEnv(t)
	cms := e.storage(t, "", "configmaps")
	create(t, cms, newConfigMap("c"))
	before := e.revision(t)
	if _, deleted, err := cms.Delete(t.Context(), registry.Key{Namespace: "default", Name: "c"}, metav1.DeleteOptions{}, true); err != nil || !deleted {
		t.Fatalf("dry-run delete: deleted %v, err %v", deleted, err)
	}
	if after := e.revision(t); after != before {
		t.Errorf("dry run wrote: revision %d -> %d", before, after)
	}
	get[*corev1.ConfigMap](t, cms, "default", "c")
}

func newJob(name string) *batchv1.Job {
	return &batchv1.Job{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default"},
		Spec: batchv1.JobSpec{Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{
			RestartPolicy: corev1.RestartPolicyNever,
			Containers:    []corev1.Container{{Name: "c", Image: "busybox:1.36"}},
		}}},
	}
}
