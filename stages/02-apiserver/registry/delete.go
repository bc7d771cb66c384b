// Delete: remove an object, or mark it deleted and let its finalizers and
// grace period run out first.
//
// Interface:
//   - (*Store).Delete(ctx, key, opts, dryRun), in numbered steps.
//   - (*Store).DeleteCollection: Delete for every object a list selects.
//   - (*Store).planDelete: the decision, with no I/O: keep, mark
//     (DeleteUpdate) or remove. Its rules are upstream's
//     rest.BeforeDelete and the generic store's
//     updateForGracefulDeletionAndFinalizers.
//
// An object leaves storage only when nobody has a say left: no
// finalizers (the garbage collector's "orphan" and "foregroundDeletion",
// the namespace controller's "kubernetes", anyone's own) and no grace
// period (a pod's kubelet stops its containers first, then deletes it
// again with grace 0). Until then it carries metadata.deletionTimestamp,
// which every controller watching it sees (talk 004, steps 3-9).
package registry

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
)

// The finalizers the garbage collector acts on (stage 3), written by a
// delete's propagationPolicy.
const (
	FinalizerOrphanDependents = "orphan"
	FinalizerDeleteDependents = "foregroundDeletion"
)

// Delete deletes the object under key, or marks it deleted. deleted is
// true when the object is gone from storage; obj is its last state,
// including the deletionTimestamp of a marked object.
//
// Failures: 404 for a missing object; 409 when opts.Preconditions (uid,
// resourceVersion) do not hold; 403 when the kind refuses (the
// namespaces kube-system, kube-public and default).
func (s *Store) Delete(ctx context.Context, key Key, opts metav1.DeleteOptions, dryRun bool) (metav1.Object, bool, error) {
	k, err := s.key(key)
	if err != nil {
		return nil, false, err
	}
	for {
		// 1. Observe.
		data, rv, err := s.store.Get(ctx, k, storage.GetOptions{})
		if err != nil {
			return nil, false, s.statusError(err, key.Name)
		}
		current, err := s.decodeOrInternal(data)
		if err != nil {
			return nil, false, err
		}
		// 2. The client's preconditions and the kind's veto.
		if err := s.checkDeletePreconditions(current.GetObjectMeta(), opts.Preconditions); err != nil {
			return nil, false, err
		}
		if s.strategy.ValidateDelete != nil {
			if err := s.strategy.ValidateDelete(current); err != nil {
				return nil, false, err
			}
		}
		// 3. Decide: keep as is, mark deleted, or remove.
		obj := s.clone(current)
		action := s.planDelete(obj, &opts)
		// 4. A dry run reports what would happen.
		if dryRun {
			return obj, action == DeleteRemove, nil
		}
		// 5. Act, with compare-and-swap on the revision of step 1; a lost
		// race starts over, where step 2 catches a stale precondition.
		// The hook hears of the delete before the write, so there is no
		// moment when the delete is done and the hook does not know.
		if s.beforeDeleteHook != nil && action != DeleteKeep {
			s.beforeDeleteHook(key)
		}
		var out metav1.Object
		switch action {
		case DeleteKeep:
			return current, false, nil
		case DeleteUpdate:
			out, err = s.swap(ctx, k, obj, rv)
		case DeleteRemove:
			out, err = s.removeAt(ctx, k, obj, rv)
		}
		if errors.Is(err, errLostRace) {
			continue
		}
		return out, err == nil && action == DeleteRemove, err
	}
}

// DeleteCollection deletes every object List(namespace, listOpts)
// selects, each as Delete would, and returns them in their last state.
// Objects that disappear meanwhile are skipped.
func (s *Store) DeleteCollection(ctx context.Context, namespace string, listOpts ListOptions, opts metav1.DeleteOptions, dryRun bool) (*List, error) {
	out := &List{Items: []metav1.Object{}}
	listOpts.Limit, listOpts.Continue = 500, ""
	for {
		page, err := s.List(ctx, namespace, listOpts)
		if err != nil {
			return nil, err
		}
		out.ResourceVersion = page.ResourceVersion
		for _, item := range page.Items {
			obj, _, err := s.Delete(ctx, keyOf(item), opts, dryRun)
			if apierrors.IsNotFound(err) {
				continue
			}
			if err != nil {
				return nil, err
			}
			out.Items = append(out.Items, obj)
		}
		if page.Continue == "" {
			return out, nil
		}
		listOpts.Continue, listOpts.ResourceVersion, listOpts.ResourceVersionMatch = page.Continue, "", ""
	}
}

// checkDeletePreconditions answers 409 when pre names another uid or
// resourceVersion than the stored object's, in upstream's words (which
// name the kind where other conflicts name the resource).
func (s *Store) checkDeletePreconditions(meta *metav1.ObjectMeta, pre *metav1.Preconditions) error {
	if pre == nil {
		return nil
	}
	gk := metav1.GroupResource{Group: s.gr.Group, Resource: s.res.Kind}
	if pre.UID != nil && *pre.UID != meta.UID {
		return apierrors.NewConflict(gk, meta.Name, fmt.Errorf(
			"the UID in the precondition (%s) does not match the UID in record (%s). The object might have been deleted and then recreated", *pre.UID, meta.UID))
	}
	if pre.ResourceVersion != nil && *pre.ResourceVersion != meta.ResourceVersion {
		return apierrors.NewConflict(gk, meta.Name, fmt.Errorf(
			"the ResourceVersion in the precondition (%s) does not match the ResourceVersion in record (%s). The object might have been modified", *pre.ResourceVersion, meta.ResourceVersion))
	}
	return nil
}

// planDelete decides what a delete with opts does to obj, a private copy
// of the stored object, and changes obj accordingly (deletionTimestamp,
// deletionGracePeriodSeconds, finalizers, generation).
func (s *Store) planDelete(obj metav1.Object, opts *metav1.DeleteOptions) DeleteAction {
	now := s.now()
	if s.strategy.Delete != nil {
		if action, handled := s.strategy.Delete(obj, opts, now); handled {
			return action
		}
	}
	meta := obj.GetObjectMeta()
	graceful, pending := s.beforeDelete(obj, opts, now)
	if pending {
		// A grace period is running and the request does not shorten it;
		// the propagation policy cannot change any more either.
		return DeleteKeep
	}
	setGCFinalizers(meta, opts, s.strategy.OrphanByDefault)
	finalizing := len(meta.Finalizers) > 0
	switch {
	case graceful && (finalizing || *meta.DeletionGracePeriodSeconds > 0):
		return DeleteUpdate
	case graceful:
		return DeleteRemove // grace 0 and nothing to wait for
	case finalizing:
		markDeleting(meta, now)
		return DeleteUpdate
	}
	return DeleteRemove
}

// beforeDelete is upstream's rest.BeforeDelete for kinds with a
// GracePeriod: the first delete sets deletionTimestamp = now + grace; a
// later one may only shorten what is left. pending is true when a grace
// period runs and this request leaves it alone.
func (s *Store) beforeDelete(obj metav1.Object, opts *metav1.DeleteOptions, now time.Time) (graceful, pending bool) {
	if s.strategy.GracePeriod == nil {
		return false, false
	}
	if opts.GracePeriodSeconds != nil && *opts.GracePeriodSeconds < 0 {
		one := int64(1) // upstream reads a negative grace period as one second
		opts.GracePeriodSeconds = &one
	}
	meta := obj.GetObjectMeta()
	if meta.DeletionTimestamp != nil {
		left := meta.DeletionGracePeriodSeconds
		if left == nil || *left == 0 {
			return false, false // marked with no grace left: remove now
		}
		if opts.GracePeriodSeconds == nil || *opts.GracePeriodSeconds >= *left {
			return false, true
		}
		period := *opts.GracePeriodSeconds
		deadline := meta.DeletionTimestamp.Add(time.Duration(period-*left) * time.Second)
		if deadline.Before(now) {
			// Never move the deadline into the past; a graceful request
			// keeps one second so the kubelet still gets to act.
			deadline = now
			if period != 0 {
				period = 1
			}
		}
		meta.DeletionTimestamp, meta.DeletionGracePeriodSeconds = timePtr(deadline), &period
		return true, false
	}
	period := s.strategy.GracePeriod(obj, opts.GracePeriodSeconds)
	opts.GracePeriodSeconds = &period
	meta.DeletionTimestamp = timePtr(now.Add(time.Duration(period) * time.Second))
	meta.DeletionGracePeriodSeconds = &period
	if meta.Generation > 0 {
		meta.Generation++ // controllers must see that the object is going away
	}
	return true, false
}

// markDeleting sets deletionTimestamp (now, unless already set earlier)
// and a grace period of 0 on an object kept for its finalizers, and bumps
// its generation the first time (upstream's markAsDeleting).
func markDeleting(meta *metav1.ObjectMeta, now time.Time) {
	if meta.DeletionTimestamp == nil && meta.Generation > 0 {
		meta.Generation++
	}
	if meta.DeletionTimestamp == nil || meta.DeletionTimestamp.After(now) {
		meta.DeletionTimestamp = timePtr(now)
	}
	zero := int64(0)
	meta.DeletionGracePeriodSeconds = &zero
}

// setGCFinalizers records the delete's propagation policy in meta's
// finalizers, for the garbage collector (upstream's
// deletionFinalizersForGarbageCollection): Orphan adds "orphan",
// Foreground adds "foregroundDeletion", Background adds neither; without
// a policy a finalizer already present stands, else the kind's default.
// The two never appear together. Other finalizers keep their order.
func setGCFinalizers(meta *metav1.ObjectMeta, opts *metav1.DeleteOptions, orphanByDefault bool) {
	orphan := slices.Contains(meta.Finalizers, FinalizerOrphanDependents)
	foreground := slices.Contains(meta.Finalizers, FinalizerDeleteDependents)
	switch {
	case opts.PropagationPolicy != nil:
		orphan = *opts.PropagationPolicy == metav1.DeletePropagationOrphan
		foreground = *opts.PropagationPolicy == metav1.DeletePropagationForeground
	case orphan || foreground:
		// An earlier request's policy stands; orphan wins a tie, as upstream.
		foreground = foreground && !orphan
	default:
		orphan = orphanByDefault
	}
	var want []string
	for _, f := range meta.Finalizers {
		if f != FinalizerOrphanDependents && f != FinalizerDeleteDependents {
			want = append(want, f)
		}
	}
	if orphan {
		want = append(want, FinalizerOrphanDependents)
	}
	if foreground {
		want = append(want, FinalizerDeleteDependents)
	}
	if !sameSet(want, meta.Finalizers) {
		meta.Finalizers = want
	}
}

// sameSet reports whether a and b hold the same strings.
func sameSet(a, b []string) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			return false
		}
	}
	return true
}

// timePtr returns t as a *metav1.Time, truncated to what JSON keeps.
func timePtr(t time.Time) *metav1.Time {
	mt := metav1.NewTime(t).Rfc3339Copy()
	return &mt
}

// formatRV renders a revision as a resourceVersion.
func formatRV(rev int64) string { return strconv.FormatInt(rev, 10) }
