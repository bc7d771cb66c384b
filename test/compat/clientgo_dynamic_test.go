package compat

// client-go's dynamic client (k8s.io/client-go/dynamic) against our server:
// objects as map[string]any, addressed by GroupVersionResource, the way
// kubectl's generic commands and garbage collectors work. Each patch type
// upstream defines is sent once.
//
// Interface: tests only.

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/dynamic"
)

// Talk 000, "API discovery" and "REST mappings": a client that knows only a
// resource's group, version and name creates, reads, patches and deletes.
func TestClientGoDynamic(t *testing.T) {
	s := startAPIServer(t)
	dyn, err := dynamic.NewForConfig(s.restConfig(t))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	gvr := schema.GroupVersionResource{Group: "apps", Version: "v1", Resource: "deployments"}
	deployments := dyn.Resource(gvr).Namespace("default")

	obj := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "apps/v1",
		"kind":       "Deployment",
		"metadata":   map[string]any{"name": "dyn", "labels": map[string]any{"app": "dyn"}},
		"spec": map[string]any{
			"selector": map[string]any{"matchLabels": map[string]any{"app": "dyn"}},
			"template": map[string]any{
				"metadata": map[string]any{"labels": map[string]any{"app": "dyn"}},
				"spec": map[string]any{"containers": []any{
					map[string]any{"name": "c", "image": "nginx:1.27"},
					map[string]any{"name": "sidecar", "image": "busybox"},
				}},
			},
		},
	}}
	created, err := deployments.Create(ctx, obj, metav1.CreateOptions{})
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	// Defaults as upstream: replicas 1, strategy RollingUpdate.
	if r, _, _ := unstructured.NestedInt64(created.Object, "spec", "replicas"); r != 1 {
		t.Errorf("spec.replicas = %d, want the default 1", r)
	}
	if st, _, _ := unstructured.NestedString(created.Object, "spec", "strategy", "type"); st != "RollingUpdate" {
		t.Errorf("spec.strategy.type = %q, want the default RollingUpdate", st)
	}

	t.Run("get", func(t *testing.T) {
		got, err := deployments.Get(ctx, "dyn", metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if got.GetUID() != created.GetUID() || got.GetKind() != "Deployment" || got.GetAPIVersion() != "apps/v1" {
			t.Errorf("get returned %s %s uid %s, want apps/v1 Deployment uid %s",
				got.GetAPIVersion(), got.GetKind(), got.GetUID(), created.GetUID())
		}
	})

	t.Run("list by label", func(t *testing.T) {
		list, err := deployments.List(ctx, metav1.ListOptions{LabelSelector: "app=dyn"})
		if err != nil {
			t.Fatal(err)
		}
		if len(list.Items) != 1 || list.Items[0].GetName() != "dyn" || list.GetResourceVersion() == "" {
			t.Errorf("list returned %d items, resourceVersion %q", len(list.Items), list.GetResourceVersion())
		}
		none, err := deployments.List(ctx, metav1.ListOptions{LabelSelector: "app=other"})
		if err != nil || len(none.Items) != 0 {
			t.Errorf("list app=other: %v, %d items; want none", err, len(none.Items))
		}
	})

	// The rows run in order on the same object; check reads one field.
	for _, tc := range []struct {
		name  string
		typ   types.PatchType
		body  string
		field []string
		want  any
	}{
		{"merge patch", types.MergePatchType, `{"spec":{"replicas":2}}`,
			[]string{"spec", "replicas"}, int64(2)},
		{"JSON patch", types.JSONPatchType, `[{"op":"replace","path":"/spec/replicas","value":3}]`,
			[]string{"spec", "replicas"}, int64(3)},
		// Strategic merge keys containers by name: the sidecar survives.
		{"strategic merge patch", types.StrategicMergePatchType,
			`{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"nginx:2"}]}}}}`,
			[]string{"spec", "template", "spec", "containers"}, []any{"nginx:2", "busybox"}},
		{"apply patch", types.ApplyPatchType,
			`{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"dyn","labels":{"tier":"web"}}}`,
			[]string{"metadata", "labels", "tier"}, "web"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := metav1.PatchOptions{}
			if tc.typ == types.ApplyPatchType {
				opts.FieldManager = "compat"
			}
			got, err := deployments.Patch(ctx, "dyn", tc.typ, []byte(tc.body), opts)
			if err != nil {
				t.Fatalf("patch: %v", err)
			}
			v, _, _ := unstructured.NestedFieldNoCopy(got.Object, tc.field...)
			if c, ok := v.([]any); ok { // containers: compare their images
				var images []any
				for _, e := range c {
					images = append(images, e.(map[string]any)["image"])
				}
				v = images
			}
			if !cmp.Equal(v, tc.want) {
				t.Errorf("%v = %#v, want %#v", tc.field, v, tc.want)
			}
		})
	}

	t.Run("delete", func(t *testing.T) {
		if err := deployments.Delete(ctx, "dyn", metav1.DeleteOptions{}); err != nil {
			t.Fatal(err)
		}
		if _, err := deployments.Get(ctx, "dyn", metav1.GetOptions{}); !apierrors.IsNotFound(err) {
			t.Errorf("get after delete: %v, want NotFound", err)
		}
	})

	t.Run("delete collection", func(t *testing.T) {
		cms := dyn.Resource(schema.GroupVersionResource{Version: "v1", Resource: "configmaps"}).Namespace("default")
		for name, batch := range map[string]string{"one": "yes", "two": "yes", "keep": "no"} {
			cm := &unstructured.Unstructured{Object: map[string]any{
				"apiVersion": "v1", "kind": "ConfigMap",
				"metadata": map[string]any{"name": name, "labels": map[string]any{"batch": batch}},
			}}
			if _, err := cms.Create(ctx, cm, metav1.CreateOptions{}); err != nil {
				t.Fatal(err)
			}
		}
		if err := cms.DeleteCollection(ctx, metav1.DeleteOptions{}, metav1.ListOptions{LabelSelector: "batch=yes"}); err != nil {
			t.Fatalf("deletecollection: %v", err)
		}
		left, err := cms.List(ctx, metav1.ListOptions{LabelSelector: "batch"})
		if err != nil {
			t.Fatal(err)
		}
		if len(left.Items) != 1 || left.Items[0].GetName() != "keep" {
			t.Errorf("after deletecollection batch=yes, %d labelled configmaps left; want only keep", len(left.Items))
		}
	})
}
