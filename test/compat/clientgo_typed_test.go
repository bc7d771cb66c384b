package compat

// client-go's typed clients (k8s.io/client-go/kubernetes) against our
// server: for every resource discovery lists, create, get, list, update
// (including a stale update) and delete one object.
//
// Interface:
//   - crud[T, L](client, obj) is the whole round trip for one typed client;
//     typedFixtures (clientgo_fixtures_test.go) holds one minimal valid
//     object per resource, keyed like "deployments.apps".
//
// The round trip runs twice: with JSON bodies (withJSON) and with
// client-go's defaults, which send protobuf.

import (
	"context"
	"slices"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/kubernetes"
)

// object is what every typed client's item type is.
type object interface {
	metav1.Object
	runtime.Object
}

// crudClient is the part of a generated typed client (e.g.
// appsv1.DeploymentInterface) the round trip uses.
type crudClient[T object, L runtime.Object] interface {
	Create(context.Context, T, metav1.CreateOptions) (T, error)
	Get(context.Context, string, metav1.GetOptions) (T, error)
	List(context.Context, metav1.ListOptions) (L, error)
	Update(context.Context, T, metav1.UpdateOptions) (T, error)
	Delete(context.Context, string, metav1.DeleteOptions) error
}

// crud returns a test that takes obj through create, get, list, update and
// delete with c, checking what upstream guarantees at each step.
func crud[T object, L runtime.Object](c crudClient[T, L], obj T) func(*testing.T) {
	return func(t *testing.T) {
		ctx := context.Background()
		name := obj.GetName()

		created, err := c.Create(ctx, obj.DeepCopyObject().(T), metav1.CreateOptions{})
		if err != nil {
			t.Fatalf("create: %v", err)
		}
		if ts := created.GetCreationTimestamp(); created.GetUID() == "" || created.GetResourceVersion() == "" || ts.IsZero() {
			t.Errorf("create returned uid %q, resourceVersion %q, creationTimestamp %v; want all set",
				created.GetUID(), created.GetResourceVersion(), created.GetCreationTimestamp())
		}
		if _, err := c.Create(ctx, obj.DeepCopyObject().(T), metav1.CreateOptions{}); !apierrors.IsAlreadyExists(err) {
			t.Errorf("second create: %v, want AlreadyExists", err)
		}

		got, err := c.Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			t.Fatalf("get: %v", err)
		}
		if got.GetUID() != created.GetUID() || got.GetResourceVersion() != created.GetResourceVersion() {
			t.Errorf("get returned uid %s rv %s, create returned uid %s rv %s",
				got.GetUID(), got.GetResourceVersion(), created.GetUID(), created.GetResourceVersion())
		}

		list, err := c.List(ctx, metav1.ListOptions{FieldSelector: "metadata.name=" + name})
		if err != nil {
			t.Fatalf("list: %v", err)
		}
		items, err := meta.ExtractList(list)
		if err != nil {
			t.Fatalf("list items: %v", err)
		}
		if len(items) != 1 || items[0].(metav1.Object).GetName() != name {
			t.Errorf("list by metadata.name=%s returned %d items", name, len(items))
		}

		stale := got.DeepCopyObject().(T)
		labels := got.GetLabels()
		if labels == nil {
			labels = map[string]string{}
		}
		labels["compat"] = "updated"
		got.SetLabels(labels)
		updated, err := c.Update(ctx, got, metav1.UpdateOptions{})
		if err != nil {
			t.Fatalf("update: %v", err)
		}
		if updated.GetLabels()["compat"] != "updated" || updated.GetResourceVersion() == created.GetResourceVersion() {
			t.Errorf("update returned labels %v rv %s; want compat=updated and a new resourceVersion",
				updated.GetLabels(), updated.GetResourceVersion())
		}
		if _, err := c.Update(ctx, stale, metav1.UpdateOptions{}); !apierrors.IsConflict(err) {
			t.Errorf("update with the old resourceVersion: %v, want Conflict", err)
		}

		if err := c.Delete(ctx, name, metav1.DeleteOptions{}); err != nil {
			t.Fatalf("delete: %v", err)
		}
		// A namespace stays, Terminating, until the namespace controller
		// (stage 3) empties it; everything else here is gone at once.
		after, err := c.Get(ctx, name, metav1.GetOptions{})
		switch {
		case apierrors.IsNotFound(err):
		case err != nil:
			t.Errorf("get after delete: %v", err)
		case after.GetDeletionTimestamp() == nil:
			t.Errorf("get after delete found the object without a deletionTimestamp")
		}
	}
}

// Talk 003, "API server": every resource our discovery lists works through
// client-go's generated typed clients, as controllers will use them.
func TestClientGoTypedCRUD(t *testing.T) {
	s := startAPIServer(t)
	t.Run("json", func(t *testing.T) { typedCRUD(t, s.clientset(t), "typed-json") })
	t.Run("protobuf", func(t *testing.T) { typedCRUD(t, s.defaultClientset(t), "typed-protobuf") })
}

// typedCRUD runs crud for every resource discovery lists, in namespace ns.
func typedCRUD(t *testing.T, cs *kubernetes.Clientset, ns string) {
	if _, err := cs.CoreV1().Namespaces().Create(context.Background(),
		&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}}, metav1.CreateOptions{}); err != nil {
		t.Fatalf("create namespace %s: %v", ns, err)
	}
	fixtures := typedFixtures(cs, ns)

	lists, err := cs.Discovery().ServerPreferredResources()
	if err != nil {
		t.Fatalf("discovery: %v", err)
	}
	served := map[string]bool{}
	for _, l := range lists {
		gv, err := schema.ParseGroupVersion(l.GroupVersion)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range l.APIResources {
			if strings.Contains(r.Name, "/") {
				continue // subresources are exercised by the commands that use them
			}
			key := schema.GroupResource{Group: gv.Group, Resource: r.Name}.String()
			served[key] = true
			verbs := []string(r.Verbs)
			if !slices.Contains(verbs, "get") {
				// Create-only resources (bindings) have their own test.
				continue
			}
			t.Run(key, func(t *testing.T) {
				run, ok := fixtures[key]
				if !ok {
					t.Fatalf("our server serves %s but typedFixtures has no object for it: add one", key)
				}
				for _, v := range []string{"create", "get", "list", "update", "delete"} {
					if !slices.Contains(verbs, v) {
						t.Fatalf("discovery lists verbs %v for %s, missing %s", verbs, key, v)
					}
				}
				run(t)
			})
		}
	}
	for key := range fixtures {
		if !served[key] {
			t.Errorf("typedFixtures has %s, which discovery does not list", key)
		}
	}
}

// Talk 000, "scheduler ... Binding": the create-only bindings resource, as
// the scheduler posts it, sets the pod's node.
func TestClientGoBinding(t *testing.T) {
	s := startAPIServer(t)
	cs := s.clientset(t)
	ctx := context.Background()
	pod := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "bound"},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Image: "nginx"}}},
	}
	if _, err := cs.CoreV1().Pods("default").Create(ctx, pod, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	binding := &corev1.Binding{
		ObjectMeta: metav1.ObjectMeta{Name: "bound"},
		Target:     corev1.ObjectReference{Kind: "Node", Name: "node-1"},
	}
	if err := cs.CoreV1().Pods("default").Bind(ctx, binding, metav1.CreateOptions{}); err != nil {
		t.Fatalf("bind: %v", err)
	}
	got, err := cs.CoreV1().Pods("default").Get(ctx, "bound", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Spec.NodeName != "node-1" {
		t.Errorf("spec.nodeName = %q, want node-1", got.Spec.NodeName)
	}
	var scheduled bool
	for _, c := range got.Status.Conditions {
		scheduled = scheduled || (c.Type == corev1.PodScheduled && c.Status == corev1.ConditionTrue)
	}
	if !scheduled {
		t.Errorf("conditions = %+v, want PodScheduled=True", got.Status.Conditions)
	}
	if err := cs.CoreV1().Pods("default").Bind(ctx, binding, metav1.CreateOptions{}); !apierrors.IsConflict(err) {
		t.Errorf("binding a bound pod: %v, want Conflict", err)
	}
}
