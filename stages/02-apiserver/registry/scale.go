// Scale: the replica count of a Deployment or ReplicaSet, read and written
// on its own (/scale).
//
// Interface:
//   - scaleStorage implements ScaleStorage over the Store of the scaled
//     resource.
//   - ScaleOf(obj): the autoscaling/v1 Scale of a Deployment or ReplicaSet.
//
// `kubectl scale deployment web --replicas=3` writes here (talk 002,
// "Controllers": the desired count a controller converges to). A write
// is an update of the scaled object's spec.replicas, so it bumps the
// generation and carries the usual resourceVersion check.
package registry

import (
	"context"
	"fmt"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	autoscalingv1 "github.com/kubeworkbook/kubeworkbook/shared/api/autoscaling/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/labels"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/validation"
)

// scaleStorage serves /scale of one resource.
type scaleStorage struct {
	store *Store
}

var _ ScaleStorage = (*scaleStorage)(nil)

// GetScale returns the Scale of the object under key (404 when missing).
func (s *scaleStorage) GetScale(ctx context.Context, key Key) (*autoscalingv1.Scale, error) {
	obj, err := s.store.Get(ctx, key, GetOptions{})
	if err != nil {
		return nil, err
	}
	return ScaleOf(obj)
}

// UpdateScale sets the object's spec.replicas to what tryUpdate returns
// for its current Scale, and returns the new Scale. The returned Scale's
// uid and resourceVersion, when set, must be the object's (409), its
// replicas not negative (422).
func (s *scaleStorage) UpdateScale(ctx context.Context, key Key, tryUpdate func(*autoscalingv1.Scale) (*autoscalingv1.Scale, error), opts UpdateOptions) (*autoscalingv1.Scale, error) {
	scaleGR := metav1.GroupResource{Group: s.store.gr.Group, Resource: s.store.gr.Resource + "/scale"}
	obj, _, err := s.store.Update(ctx, key, func(ctx context.Context, current metav1.Object) (metav1.Object, error) {
		scale, err := ScaleOf(current)
		if err != nil {
			return nil, err
		}
		want, err := tryUpdate(scale)
		if err != nil {
			return nil, err
		}
		if want.Namespace == "" {
			want.Namespace = key.Namespace
		}
		if want.Name != key.Name {
			return nil, apierrors.NewBadRequest(fmt.Sprintf("the name of the object (%s) does not match the name on the URL (%s)", want.Name, key.Name))
		}
		if errs := validation.ValidateCreate(want); len(errs) > 0 {
			return nil, apierrors.NewInvalid(metav1.GroupKind{Group: autoscalingv1.GroupName, Kind: "Scale"}, key.Name, errs)
		}
		meta := current.GetObjectMeta()
		if want.UID != "" && want.UID != meta.UID {
			return nil, apierrors.NewConflict(scaleGR, key.Name,
				fmt.Errorf("Precondition failed: UID in precondition: %v, UID in object meta: %v", want.UID, meta.UID))
		}
		setReplicas(current, want.Spec.Replicas)
		meta.ResourceVersion = want.ResourceVersion // the client's precondition, if any
		return current, nil
	}, UpdateOptions{DryRun: opts.DryRun, FieldManager: opts.FieldManager})
	if err != nil {
		return nil, err
	}
	return ScaleOf(obj)
}

// ScaleOf returns the Scale of a Deployment or ReplicaSet: its identity,
// spec.replicas, status.replicas and its selector as a string.
func ScaleOf(obj metav1.Object) (*autoscalingv1.Scale, error) {
	var replicas *int32
	var observed int32
	var selector *metav1.LabelSelector
	switch o := obj.(type) {
	case *appsv1.Deployment:
		replicas, observed, selector = o.Spec.Replicas, o.Status.Replicas, o.Spec.Selector
	case *appsv1.ReplicaSet:
		replicas, observed, selector = o.Spec.Replicas, o.Status.Replicas, o.Spec.Selector
	default:
		return nil, apierrors.NewInternalError(fmt.Errorf("scale: %T has no scale subresource", obj))
	}
	sel, err := labels.FromLabelSelector(selector)
	if err != nil {
		return nil, apierrors.NewInternalError(fmt.Errorf("scale: stored selector: %w", err))
	}
	meta := obj.GetObjectMeta()
	scale := &autoscalingv1.Scale{
		TypeMeta: metav1.TypeMeta{APIVersion: autoscalingv1.SchemeGroupVersion.String(), Kind: "Scale"},
		ObjectMeta: metav1.ObjectMeta{
			Name: meta.Name, Namespace: meta.Namespace, UID: meta.UID,
			ResourceVersion: meta.ResourceVersion, CreationTimestamp: meta.CreationTimestamp,
		},
		Status: autoscalingv1.ScaleStatus{Replicas: observed, Selector: sel.String()},
	}
	if replicas != nil {
		scale.Spec.Replicas = *replicas
	}
	return scale, nil
}

// setReplicas writes spec.replicas of a Deployment or ReplicaSet.
func setReplicas(obj metav1.Object, n int32) {
	switch o := obj.(type) {
	case *appsv1.Deployment:
		o.Spec.Replicas = &n
	case *appsv1.ReplicaSet:
		o.Spec.Replicas = &n
	}
}
