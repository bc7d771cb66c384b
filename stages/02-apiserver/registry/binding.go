// Binding and eviction: the two pod subresources that act on a pod
// rather than show it.
//
// Interface:
//   - bindingStorage implements BindingStorage: the scheduler's Binding
//     sets spec.nodeName and the PodScheduled=True condition, once.
//   - evictionStorage implements EvictionStorage: a graceful delete.
//   - AlreadyAssignedMessage: upstream's reason for a second binding.
//
// Talk 000, "Scheduler": the scheduler does not write the pod; it POSTs a
// Binding, and the API server assigns the pod (talk 004, step 7 "create a
// Binding object"; talk 001, "Binding and PodScheduled"). The kubelet of
// that node then sees the pod in its watch on spec.nodeName (step 8).
package registry

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/validation"
)

// AlreadyAssignedMessage is upstream's reason for refusing to bind a
// bound pod (409 Conflict on pods/binding): pod name, node name.
const AlreadyAssignedMessage = "pod %v is already assigned to node %q"

// deletingMessage is upstream's reason for refusing to bind a pod being
// deleted.
const deletingMessage = "pod %s is being deleted, cannot be assigned to a host"

// bindingStorage serves POST .../pods/NAME/binding.
type bindingStorage struct {
	pods *Store
}

var _ BindingStorage = (*bindingStorage)(nil)

// errBind carries why a pod cannot be bound out of the storage update.
type errBind struct{ err error }

func (e errBind) Error() string { return e.err.Error() }

// Bind assigns the pod named binding.Name in namespace to the node
// binding.Target.Name. The binding's uid and resourceVersion, when set,
// are preconditions on the pod (409). It answers 404 when the pod does
// not exist, 422 when the target is not a Node or has no name, and 409
// `Operation cannot be fulfilled on pods/binding "web": pod web is
// already assigned to node "n1"` when the pod is bound or being deleted.
func (b *bindingStorage) Bind(ctx context.Context, namespace string, binding *corev1.Binding, opts CreateOptions) (*metav1.Status, error) {
	binding = b.cloneBinding(binding)
	// 1. The binding names a pod of the request's namespace.
	if err := b.pods.matchNamespace(&binding.ObjectMeta, namespace); err != nil {
		return nil, err
	}
	// 2. Validation: the target is a Node, by name.
	if errs := validation.ValidateCreate(binding); len(errs) > 0 {
		return nil, apierrors.NewInvalid(metav1.GroupKind{Kind: "Binding"}, binding.Name, errs)
	}
	k, err := b.pods.key(keyOf(binding))
	if err != nil {
		return nil, err
	}
	// 3. Assign: a compare-and-swap on the pod, outside the pod's update
	// strategy (a pod's spec.nodeName cannot change through an update).
	now := metav1.NewTime(b.pods.now()).Rfc3339Copy()
	assign := func(current []byte, _ int64) ([]byte, error) {
		pod := &corev1.Pod{}
		if err := json.Unmarshal(current, pod); err != nil {
			return nil, apierrors.NewInternalError(fmt.Errorf("decode pod: %w", err))
		}
		if pod.DeletionTimestamp != nil {
			return nil, errBind{fmt.Errorf(deletingMessage, pod.Name)}
		}
		if pod.Spec.NodeName != "" {
			return nil, errBind{fmt.Errorf(AlreadyAssignedMessage, pod.Name, pod.Spec.NodeName)}
		}
		pod.Spec.NodeName = binding.Target.Name
		if len(binding.Annotations) > 0 {
			if pod.Annotations == nil {
				pod.Annotations = map[string]string{}
			}
			maps.Copy(pod.Annotations, binding.Annotations)
		}
		setPodCondition(&pod.Status, corev1.PodCondition{Type: corev1.PodScheduled, Status: corev1.ConditionTrue}, now)
		return json.Marshal(pod)
	}
	pre := storage.Preconditions{UID: binding.UID, ResourceVersion: binding.ResourceVersion}
	if opts.DryRun {
		err = b.dryRun(ctx, k, pre, assign)
	} else {
		_, _, err = b.pods.store.GuaranteedUpdate(ctx, k, storage.UpdateOptions{Preconditions: pre}, assign)
	}
	var be errBind
	if errors.As(err, &be) {
		return nil, apierrors.NewConflict(metav1.GroupResource{Resource: "pods/binding"}, binding.Name, be.err)
	}
	if err != nil {
		return nil, b.pods.statusError(err, binding.Name)
	}
	return &metav1.Status{Status: metav1.StatusSuccess, Code: 201}, nil
}

// dryRun runs assign on the stored pod and writes nothing.
func (b *bindingStorage) dryRun(ctx context.Context, k string, pre storage.Preconditions, assign storage.UpdateFunc) error {
	data, rv, err := b.pods.store.Get(ctx, k, storage.GetOptions{})
	if err != nil {
		return err
	}
	pod := &corev1.Pod{}
	if err := json.Unmarshal(data, pod); err != nil {
		return apierrors.NewInternalError(fmt.Errorf("decode pod: %w", err))
	}
	if pre.UID != "" && pre.UID != pod.UID {
		return apierrors.NewConflict(b.pods.gr, pod.Name,
			fmt.Errorf("Precondition failed: UID in precondition: %v, UID in object meta: %v", pre.UID, pod.UID))
	}
	if pre.ResourceVersion != "" && pre.ResourceVersion != formatRV(rv) {
		return apierrors.NewConflict(b.pods.gr, pod.Name, errors.New(storage.OptimisticLockErrorMsg))
	}
	_, err = assign(data, rv)
	return err
}

// cloneBinding copies the caller's Binding, which Bind must not modify.
func (b *bindingStorage) cloneBinding(in *corev1.Binding) *corev1.Binding {
	data, _ := json.Marshal(in)
	out := &corev1.Binding{}
	_ = json.Unmarshal(data, out) // a Binding always round-trips
	return out
}

// setPodCondition sets a condition of type c.Type to c, as upstream's
// UpdatePodCondition: lastTransitionTime is now when the status changes,
// and kept when it does not.
func setPodCondition(status *corev1.PodStatus, c corev1.PodCondition, now metav1.Time) {
	c.LastTransitionTime = now
	i, old := corev1.GetPodCondition(status, c.Type)
	if old == nil {
		status.Conditions = append(status.Conditions, c)
		return
	}
	if old.Status == c.Status {
		c.LastTransitionTime = old.LastTransitionTime
	}
	status.Conditions[i] = c
}

// evictionStorage serves POST .../pods/NAME/eviction.
type evictionStorage struct {
	pods *Store
}

var _ EvictionStorage = (*evictionStorage)(nil)

// Evict deletes the pod under key gracefully, with the Eviction's delete
// options, and answers Success (201). PodDisruptionBudgets are not
// served by this project, so no eviction is refused with 429 for
// breaking one, as upstream may.
func (e *evictionStorage) Evict(ctx context.Context, key Key, opts metav1.DeleteOptions, dryRun bool) (*metav1.Status, error) {
	if _, _, err := e.pods.Delete(ctx, key, opts, dryRun); err != nil {
		return nil, err
	}
	return &metav1.Status{Status: metav1.StatusSuccess, Code: 201}, nil
}
