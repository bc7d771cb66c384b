package registry_test

import (
	"context"
	"strconv"
	"sync"
	"testing"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// Talk 004, step 6: controllers compare metadata.generation with their
// status.observedGeneration, so only a change of what is asked for may
// bump it - not a label, not a status write.
func TestUpdateGeneration(t *testing.T) {
	tests := []struct {
		name   string
		change func(*appsv1.Deployment)
		want   int64
	}{
		{"spec change bumps", func(d *appsv1.Deployment) { d.Spec.Replicas = ptr(int32(5)) }, 2},
		{"label change does not", func(d *appsv1.Deployment) { d.Labels = map[string]string{"tier": "web"} }, 1},
		{"annotation change bumps a deployment", func(d *appsv1.Deployment) { d.Annotations = map[string]string{"note": "x"} }, 2},
		{"client-sent generation is ignored", func(d *appsv1.Deployment) { d.Generation = 42 }, 1},
		{"no change writes nothing", func(*appsv1.Deployment) {}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			deployments := e.storage(t, "apps", "deployments")
			created := create(t, deployments, newDeployment("web", 1))
			out, created2, err := deployments.Update(t.Context(), registry.Key{Namespace: "default", Name: "web"},
				modify(tc.change), registry.UpdateOptions{})
			if err != nil || created2 {
				t.Fatalf("update: created %v, err %v", created2, err)
			}
			if got := out.GetObjectMeta().Generation; got != tc.want {
				t.Errorf("generation = %d, want %d", got, tc.want)
			}
			if out.GetObjectMeta().UID != created.UID || !out.GetObjectMeta().CreationTimestamp.Equal(&created.CreationTimestamp) {
				t.Error("uid or creationTimestamp changed")
			}
		})
	}
}

// An update of the object keeps the stored status; a write to /status
// keeps everything else. Users and controllers each own half.
func TestUpdateStatusIsolation(t *testing.T) {
	e := newEnv(t)
	deployments := e.storage(t, "apps", "deployments")
	create(t, deployments, newDeployment("web", 1))
	key := registry.Key{Namespace: "default", Name: "web"}

	// The controller reports status, and tries to change the spec too.
	out, _, err := deployments.Update(t.Context(), key, modify(func(d *appsv1.Deployment) {
		d.Status.Replicas, d.Status.ObservedGeneration = 1, 1
		d.Spec.Replicas = ptr(int32(9))
		d.Labels = map[string]string{"sneaky": "yes"}
	}), registry.UpdateOptions{Subresource: "status"})
	if err != nil {
		t.Fatal(err)
	}
	d := out.(*appsv1.Deployment)
	if d.Status.Replicas != 1 || *d.Spec.Replicas != 1 || d.Labels != nil || d.Generation != 1 {
		t.Errorf("after /status: status.replicas %d, spec.replicas %d, labels %v, generation %d; want 1, 1, none, 1",
			d.Status.Replicas, *d.Spec.Replicas, d.Labels, d.Generation)
	}

	// The user scales, and tries to reset the status.
	out, _, err = deployments.Update(t.Context(), key, modify(func(d *appsv1.Deployment) {
		d.Spec.Replicas = ptr(int32(3))
		d.Status = appsv1.DeploymentStatus{}
	}), registry.UpdateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	d = out.(*appsv1.Deployment)
	if d.Status.Replicas != 1 || *d.Spec.Replicas != 3 || d.Generation != 2 {
		t.Errorf("after update: status.replicas %d, spec.replicas %d, generation %d; want 1, 3, 2", d.Status.Replicas, *d.Spec.Replicas, d.Generation)
	}
}

// Every way an update can fail.
func TestUpdateErrors(t *testing.T) {
	e := newEnv(t)
	cms := e.storage(t, "", "configmaps")
	stored := create(t, cms, newConfigMap("c"))
	stale := stored.ResourceVersion
	if _, _, err := cms.Update(t.Context(), registry.Key{Namespace: "default", Name: "c"},
		modify(func(c *corev1.ConfigMap) { c.Data["k"] = "v2" }), registry.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	withMeta := func(f func(*corev1.ConfigMap)) registry.UpdateFunc {
		return modify(func(c *corev1.ConfigMap) { f(c) })
	}
	tests := []struct {
		name    string
		key     string
		fn      registry.UpdateFunc
		opts    registry.UpdateOptions
		code    int32
		reason  metav1.StatusReason
		message string
	}{
		{"stale resourceVersion", "c", withMeta(func(c *corev1.ConfigMap) { c.ResourceVersion = stale }), registry.UpdateOptions{},
			409, metav1.StatusReasonConflict, `^Operation cannot be fulfilled on configmaps "c": the object has been modified; please apply your changes to the latest version and try again$`},
		{"other uid", "c", withMeta(func(c *corev1.ConfigMap) { c.UID = "not-mine" }), registry.UpdateOptions{},
			409, metav1.StatusReasonConflict, `Precondition failed: UID in precondition: not-mine`},
		{"renamed", "c", withMeta(func(c *corev1.ConfigMap) { c.Name = "d" }), registry.UpdateOptions{},
			400, metav1.StatusReasonBadRequest, `^the name of the object \(d\) does not match the name on the URL \(c\)$`},
		{"moved", "c", withMeta(func(c *corev1.ConfigMap) { c.Namespace = "kube-system" }), registry.UpdateOptions{},
			400, metav1.StatusReasonBadRequest, `^the namespace of the object \(kube-system\) does not match the namespace on the URL \(default\)$`},
		{"invalid", "c", withMeta(func(c *corev1.ConfigMap) { c.Labels = map[string]string{"bad key!": "v"} }), registry.UpdateOptions{},
			422, metav1.StatusReasonInvalid, `^ConfigMap "c" is invalid: metadata.labels`},
		{"missing", "nope", replace(newConfigMap("nope")), registry.UpdateOptions{},
			404, metav1.StatusReasonNotFound, `^configmaps "nope" not found$`},
		{"no status subresource", "c", replace(newConfigMap("c")), registry.UpdateOptions{Subresource: "status"},
			404, metav1.StatusReasonNotFound, `configmaps/status`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := e.revision(t)
			_, _, err := cms.Update(t.Context(), registry.Key{Namespace: "default", Name: tc.key}, tc.fn, tc.opts)
			wantStatus(t, err, tc.code, tc.reason, tc.message)
			if after := e.revision(t); after != before {
				t.Errorf("a failed update wrote to etcd: revision %d -> %d", before, after)
			}
		})
	}
}

// AllowCreate (server-side apply) creates a missing object, and says so.
func TestUpdateAllowCreate(t *testing.T) {
	e := newEnv(t)
	out, created, err := e.storage(t, "", "configmaps").Update(t.Context(), registry.Key{Namespace: "default", Name: "new"},
		func(_ context.Context, current metav1.Object) (metav1.Object, error) {
			if current != nil {
				t.Errorf("current = %v, want nil for a missing object", current)
			}
			return newConfigMap("new"), nil
		}, registry.UpdateOptions{AllowCreate: true})
	if err != nil || !created || out.GetObjectMeta().UID == "" {
		t.Fatalf("update with AllowCreate: created %v, uid %q, err %v", created, out.GetObjectMeta().UID, err)
	}
}

// Talk 003, "scaled horizontally": writers never lose each other's
// changes. Twenty unconditional updates race; each reads, adds one, and
// the compare-and-swap makes the losers retry on the fresh copy.
func TestUpdateRetriesLostRaces(t *testing.T) {
	e := newEnv(t)
	cms := e.storage(t, "", "configmaps")
	create(t, cms, newConfigMap("counter"))
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			_, _, err := cms.Update(t.Context(), registry.Key{Namespace: "default", Name: "counter"},
				modify(func(c *corev1.ConfigMap) {
					n, _ := strconv.Atoi(c.Data["n"])
					c.Data["n"] = strconv.Itoa(n + 1)
				}), registry.UpdateOptions{})
			if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if got := get[*corev1.ConfigMap](t, cms, "default", "counter").Data["n"]; got != "20" {
		t.Errorf("counter = %s, want 20", got)
	}
}

func TestUpdateDryRunWritesNothing(t *testing.T) {
	e := newEnv(t)
	cms := e.storage(t, "", "configmaps")
	create(t, cms, newConfigMap("c"))
	before := e.revision(t)
	out, _, err := cms.Update(t.Context(), registry.Key{Namespace: "default", Name: "c"},
		modify(func(c *corev1.ConfigMap) { c.Data["k"] = "dry" }), registry.UpdateOptions{DryRun: true})
	if err != nil || out.(*corev1.ConfigMap).Data["k"] != "dry" {
		t.Fatalf("dry-run update: %v, %v", out, err)
	}
	if after := e.revision(t); after != before {
		t.Errorf("dry run wrote to etcd: revision %d -> %d", before, after)
	}
	if got := get[*corev1.ConfigMap](t, cms, "default", "c").Data["k"]; got != "v" {
		t.Errorf("stored data k = %q, want v", got)
	}
}

// Upstream's shouldDeleteDuringUpdate: the controller that removes the
// last finalizer of a deleted object removes the object.
func TestUpdateRemovingLastFinalizerDeletes(t *testing.T) {
	e := newEnv(t)
	cms := e.storage(t, "", "configmaps")
	create(t, cms, newConfigMap("c", "example.com/cleanup"))
	key := registry.Key{Namespace: "default", Name: "c"}
	if _, deleted, err := cms.Delete(t.Context(), key, metav1.DeleteOptions{}, false); err != nil || deleted {
		t.Fatalf("delete: deleted %v, err %v; want the object kept for its finalizer", deleted, err)
	}
	// A finalizer may not be added to an object being deleted...
	_, _, err := cms.Update(t.Context(), key, modify(func(c *corev1.ConfigMap) {
		c.Finalizers = append(c.Finalizers, "example.com/late")
	}), registry.UpdateOptions{})
	wantStatus(t, err, 422, metav1.StatusReasonInvalid, `no new finalizers can be added if the object is being deleted`)
	// ...and removing the last one removes the object.
	if _, _, err := cms.Update(t.Context(), key, modify(func(c *corev1.ConfigMap) { c.Finalizers = nil }), registry.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	_, err = cms.Get(t.Context(), key, registry.GetOptions{})
	wantStatus(t, err, 404, metav1.StatusReasonNotFound, "")
}

// An update cannot clear deletionTimestamp or move creationTimestamp.
func TestUpdateKeepsServerMetadata(t *testing.T) {
	e := newEnv(t)
	cms := e.storage(t, "", "configmaps")
	created := create(t, cms, newConfigMap("c", "example.com/cleanup"))
	key := registry.Key{Namespace: "default", Name: "c"}
	if _, _, err := cms.Delete(t.Context(), key, metav1.DeleteOptions{}, false); err != nil {
		t.Fatal(err)
	}
	out, _, err := cms.Update(t.Context(), key, modify(func(c *corev1.ConfigMap) {
		c.DeletionTimestamp, c.CreationTimestamp = nil, metav1.Now()
		c.Data["k"] = "changed"
	}), registry.UpdateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	meta := out.GetObjectMeta()
	if meta.DeletionTimestamp == nil || !meta.CreationTimestamp.Equal(&created.CreationTimestamp) {
		t.Errorf("deletionTimestamp %v, creationTimestamp %v: want the stored ones", meta.DeletionTimestamp, meta.CreationTimestamp)
	}
}
