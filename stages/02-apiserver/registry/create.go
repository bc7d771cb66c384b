// Create: from a decoded request body to a new key in etcd.
//
// Interface:
//   - (*Store).Create(ctx, namespace, obj, opts), in numbered steps.
//   - (*Store).prepareCreate: steps 5 to 7, shared with create-on-update.
//
// Talk 000, "Write to etcd!", and talk 004, step 2 "save objects": what
// is stored is not what the client sent but the object after defaults,
// the fields only the server sets (uid, creationTimestamp, generation,
// status) and validation. Nothing is written when any step fails or the
// request is a dry run.
package registry

import (
	"context"
	"fmt"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/defaults"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/validation"
	"k8s.io/klog/v2"
)

// Create stores obj, a new object of the Store's kind, in namespace (the
// request's; "" for cluster-scoped kinds) and returns it as stored, with
// its resourceVersion. obj is not modified.
//
// Failures: 400 for a namespace in the body that differs from the
// request's or a resourceVersion set; 404 when the namespace does not
// exist; 403 when it is being deleted; 422 when validation fails; 409
// AlreadyExists when the name is taken.
func (s *Store) Create(ctx context.Context, namespace string, obj metav1.Object, opts CreateOptions) (metav1.Object, error) {
	// A private copy to fill in. deepCopy, not clone: the write below
	// encodes it anyway, and a JSON round trip here cost as much as
	// etcd's transaction (deepcopy.go).
	obj = deepCopy(obj)
	meta := obj.GetObjectMeta()

	// 1. The namespace: the request's, which the body may repeat but not
	// contradict; a cluster-scoped object has none.
	if err := s.matchNamespace(meta, namespace); err != nil {
		return nil, err
	}
	// 2. A new object has no version yet.
	if meta.ResourceVersion != "" {
		return nil, apierrors.NewBadRequest("resourceVersion should not be set on objects to be created")
	}
	// 3. The namespace must exist and not be terminating (upstream's
	// NamespaceLifecycle admission plugin).
	if s.checkNamespace != nil && meta.Namespace != "" {
		if err := s.checkNamespace(ctx, meta.Namespace, meta.Name); err != nil {
			return nil, err
		}
	}
	// 4. Defaults: what the client left out (replicas 1, restartPolicy
	// Always, ...).
	defaults.Default(obj)
	// 4b. Mutating admission (stage 2b): plugins may change the object.
	if err := opts.Admission.mutate(ctx, obj, nil); err != nil {
		return nil, err
	}

	// A generated name may collide and need a second try from the same
	// defaulted object, so each try works on a copy; a given name is
	// tried once, on obj itself.
	generated := meta.Name == "" && meta.GenerateName != ""
	for attempt := 1; ; attempt++ {
		candidate := obj
		if generated {
			candidate = s.clone(obj)
		}
		// 5-7. Server fields, strategy, pools and validation.
		finish, err := s.prepareCreate(ctx, candidate, opts)
		if err != nil {
			return nil, err
		}
		// 8. A dry run ends here, with the object as it would be stored.
		if opts.DryRun {
			finish(false)
			return candidate, nil
		}
		// 9. Write: the key must still be free, decided inside one etcd
		// transaction.
		stored, err := s.write(ctx, candidate)
		finish(err == nil)
		if err == nil {
			return stored, nil
		}
		// 10. A generated name may collide; draw another (upstream tries
		// eight times).
		if !apierrors.IsAlreadyExists(err) || !generated {
			return nil, err
		}
		if attempt == maxGenerateNameAttempts {
			return nil, generateNameConflict(s.gr, candidate.GetObjectMeta().Name)
		}
	}
}

// prepareCreate turns a defaulted new object into the one to store:
//
//  5. server fields: uid, creationTimestamp, a name from generateName,
//     no deletion marks, generation 1 or none;
//  6. the kind's strategy: status reset, PrepareForCreate;
//  7. pools (a service's cluster IP) and validation (422), then the
//     validating admission plugins (stage 2b).
//
// It returns the finish func of the pools, to call with the outcome of
// the write; on error nothing is held.
func (s *Store) prepareCreate(ctx context.Context, obj metav1.Object, opts CreateOptions) (finish func(bool), err error) {
	meta := obj.GetObjectMeta()
	// 5. Fields only the server sets.
	meta.UID = newUID()
	meta.CreationTimestamp = metav1.NewTime(s.now())
	meta.DeletionTimestamp, meta.DeletionGracePeriodSeconds = nil, nil
	if meta.Name == "" && meta.GenerateName != "" {
		meta.Name = GenerateName(meta.GenerateName)
	}
	meta.Generation = 0
	if s.strategy.Generation != nil {
		meta.Generation = 1
	}
	// 6. The kind's own fields.
	if s.strategy.ResetStatusOnCreate {
		clearStatus(obj)
	}
	if s.strategy.PrepareForCreate != nil {
		s.strategy.PrepareForCreate(obj)
	}
	// 7. Pools first, as upstream's BeginCreate: validation then sees the
	// allocated values, and a failure gives them back.
	finish = func(bool) {}
	if s.strategy.BeginWrite != nil {
		if finish, err = s.strategy.BeginWrite(ctx, obj, nil, opts.DryRun); err != nil {
			return nil, err
		}
	}
	if errs := validation.ValidateCreate(obj); len(errs) > 0 {
		finish(false)
		return nil, apierrors.NewInvalid(s.res.GroupVersionKind().GroupKind(), meta.Name, errs)
	}
	if err := opts.Admission.validate(ctx, obj, nil); err != nil {
		finish(false)
		return nil, err
	}
	return finish, nil
}

// write stores a new object and returns it as stored.
func (s *Store) write(ctx context.Context, obj metav1.Object) (metav1.Object, error) {
	k, err := s.key(keyOf(obj))
	if err != nil {
		return nil, err
	}
	data, err := s.encode(obj)
	if err != nil {
		return nil, apierrors.NewInternalError(err)
	}
	stored, rev, err := s.store.Create(ctx, k, data)
	if err != nil {
		return nil, s.statusError(err, obj.GetObjectMeta().Name)
	}
	klog.V(4).InfoS("etcd write", "op", "create", "key", k, "revision", rev)
	return s.decodeOrInternal(stored)
}

// matchNamespace reconciles the body's namespace with the request's, as
// upstream's EnsureObjectNamespaceMatchesRequestNamespace: an empty one
// takes the request's, a cluster-scoped object loses its, and a different
// one is a 400.
func (s *Store) matchNamespace(meta *metav1.ObjectMeta, namespace string) error {
	if !s.res.Namespaced {
		meta.Namespace = ""
		return nil
	}
	switch {
	case meta.Namespace == namespace:
	case meta.Namespace == "":
		meta.Namespace = namespace
	case namespace == "":
		// The caller named no namespace: the body's stands.
	default:
		return apierrors.NewBadRequest("the namespace of the provided object does not match the namespace sent on the request")
	}
	return nil
}

// generateNameConflict is upstream's NewGenerateNameConflict: 409
// AlreadyExists, with a hint to retry after a second.
func generateNameConflict(gr metav1.GroupResource, name string) error {
	e := apierrors.NewAlreadyExists(gr, name)
	e.ErrStatus.Message = fmt.Sprintf("%s %q already exists, the server was not able to generate a unique name for the object", gr, name)
	e.ErrStatus.Details.RetryAfterSeconds = 1
	return e
}
