// Subresources: scale of deployments and replicasets, pod binding and
// eviction.
//
// Interface:
//   - Registry.Scale: spec.replicas of deployments and replicasets as an
//     autoscaling/v1 Scale.
//   - Registry.Binding: sets a pod's spec.nodeName; 409 when it has one.
//   - Registry.Eviction: deletes the pod with the Eviction's options.
package fakeregistry

import (
	"context"
	"fmt"
	"net/http"

	autoscalingv1 "github.com/kubeworkbook/kubeworkbook/shared/api/autoscaling/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// Scale returns the scale storage of deployments and replicasets.
func (r *Registry) Scale(group, resource string) (registry.ScaleStorage, bool) {
	if group != "apps" || (resource != "deployments" && resource != "replicasets") {
		return nil, false
	}
	s, _ := r.Storage(group, resource)
	return scaleStore{s.(*store)}, true
}

// Binding returns the pods' binding storage.
func (r *Registry) Binding() registry.BindingStorage {
	s, _ := r.Storage("", "pods")
	return podStore{s.(*store)}
}

// Eviction returns the pods' eviction storage.
func (r *Registry) Eviction() registry.EvictionStorage {
	s, _ := r.Storage("", "pods")
	return podStore{s.(*store)}
}

type scaleStore struct{ s *store }

// scaleOf reads the Scale of a deployment or replicaset.
func scaleOf(obj metav1.Object) *autoscalingv1.Scale {
	m := toMap(obj)
	spec, _ := m["spec"].(map[string]any)
	status, _ := m["status"].(map[string]any)
	replicas, _ := spec["replicas"].(float64)
	observed, _ := status["replicas"].(float64)
	meta := *obj.GetObjectMeta()
	return &autoscalingv1.Scale{
		ObjectMeta: metav1.ObjectMeta{Name: meta.Name, Namespace: meta.Namespace, UID: meta.UID,
			ResourceVersion: meta.ResourceVersion, CreationTimestamp: meta.CreationTimestamp},
		Spec:   autoscalingv1.ScaleSpec{Replicas: int32(replicas)},
		Status: autoscalingv1.ScaleStatus{Replicas: int32(observed)},
	}
}

func (ss scaleStore) GetScale(ctx context.Context, key registry.Key) (*autoscalingv1.Scale, error) {
	obj, err := ss.s.Get(ctx, key, registry.GetOptions{})
	if err != nil {
		return nil, err
	}
	return scaleOf(obj), nil
}

func (ss scaleStore) UpdateScale(ctx context.Context, key registry.Key, tryUpdate func(*autoscalingv1.Scale) (*autoscalingv1.Scale, error), opts registry.UpdateOptions) (*autoscalingv1.Scale, error) {
	out, _, err := ss.s.Update(ctx, key, func(_ context.Context, current metav1.Object) (metav1.Object, error) {
		desired, err := tryUpdate(scaleOf(current))
		if err != nil {
			return nil, err
		}
		m := toMap(current)
		m["spec"].(map[string]any)["replicas"] = desired.Spec.Replicas
		next := ss.s.fromMap(m)
		next.GetObjectMeta().ResourceVersion = desired.ResourceVersion
		return next, nil
	}, registry.UpdateOptions{DryRun: opts.DryRun, FieldManager: opts.FieldManager})
	if err != nil {
		return nil, err
	}
	return scaleOf(out), nil
}

type podStore struct{ s *store }

func (p podStore) Bind(ctx context.Context, namespace string, binding *corev1.Binding, opts registry.CreateOptions) (*metav1.Status, error) {
	gr := metav1.GroupResource{Resource: "pods/binding"}
	_, _, err := p.s.Update(ctx, registry.Key{Namespace: namespace, Name: binding.Name}, func(_ context.Context, current metav1.Object) (metav1.Object, error) {
		pod := current.(*corev1.Pod)
		if pod.Spec.NodeName != "" {
			return nil, apierrors.NewConflict(gr, binding.Name, fmt.Errorf("pod %s is already assigned to node %q", binding.Name, pod.Spec.NodeName))
		}
		pod.Spec.NodeName = binding.Target.Name
		return pod, nil
	}, registry.UpdateOptions{DryRun: opts.DryRun})
	if err != nil {
		return nil, err
	}
	return &metav1.Status{Status: metav1.StatusSuccess, Code: http.StatusCreated}, nil
}

func (p podStore) Evict(ctx context.Context, key registry.Key, opts metav1.DeleteOptions, dryRun bool) (*metav1.Status, error) {
	if _, _, err := p.s.Delete(ctx, key, opts, dryRun); err != nil {
		return nil, err
	}
	return &metav1.Status{Status: metav1.StatusSuccess, Code: http.StatusCreated}, nil
}
