// Update and delete: compare-and-swap writes, status kept apart, and
// deletes that only mark an object that has finalizers or a node.
//
// Interface:
//   - store.Update: tryUpdate on a copy, 409 when the object changed
//     meanwhile or the result carries a stale resourceVersion, create when
//     missing and AllowCreate; generation bumped when spec changed.
//   - store.Delete and DeleteCollection: preconditions, Foreground
//     propagation as a finalizer, graceful deletion of pods on a node.
package fakeregistry

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// errStale is etcd-backed storage's message for a stale resourceVersion.
var errStale = errors.New("the object has been modified; please apply your changes to the latest version and try again")

// toMap returns obj as a JSON object.
func toMap(obj any) map[string]any {
	data, _ := json.Marshal(obj)
	var m map[string]any
	_ = json.Unmarshal(data, &m)
	return m
}

// fromMap decodes m into a new object of the store's kind.
func (s *store) fromMap(m map[string]any) metav1.Object {
	data, _ := json.Marshal(m)
	return s.decode(data)
}

func (s *store) Update(ctx context.Context, key registry.Key, tryUpdate registry.UpdateFunc, opts registry.UpdateOptions) (metav1.Object, bool, error) {
	s.r.mu.Lock()
	data, exists := s.r.objects[s.gr()][keyOf(key)]
	var current metav1.Object
	if exists {
		current = s.decode(data)
	} else if !opts.AllowCreate {
		s.r.mu.Unlock()
		return nil, false, apierrors.NewNotFound(s.gr(), key.Name)
	}
	s.r.mu.Unlock()
	// tryUpdate runs without the lock, as it may take time; the write
	// below checks the revision it started from.
	out, err := tryUpdate(ctx, current)
	if err != nil {
		return nil, false, err
	}
	if !exists {
		created, err := s.Create(ctx, key.Namespace, out, registry.CreateOptions{DryRun: opts.DryRun, FieldManager: opts.FieldManager})
		return created, err == nil, err
	}
	s.r.mu.Lock()
	defer s.r.mu.Unlock()
	latest, ok := s.r.objects[s.gr()][keyOf(key)]
	if !ok {
		return nil, false, apierrors.NewNotFound(s.gr(), key.Name)
	}
	cur := s.decode(latest)
	rv := out.GetObjectMeta().ResourceVersion
	if (rv != "" && rv != cur.GetObjectMeta().ResourceVersion) || (rv == "" && string(latest) != string(data)) {
		return nil, false, apierrors.NewConflict(s.gr(), key.Name, errStale)
	}
	next := s.merge(cur, out, opts.Subresource)
	if opts.DryRun {
		return next, false, nil
	}
	return s.write(keyOf(key), metav1.Modified, next), false, nil
}

// merge returns the object an update stores: out, with the identity of
// cur, and with status taken from whichever side the subresource says.
func (s *store) merge(cur, out metav1.Object, sub string) metav1.Object {
	c, o := toMap(cur), toMap(out)
	_, hasStatus := s.res.Subresource("status")
	switch {
	case sub == "status":
		c["status"] = o["status"]
		o = c
	case hasStatus:
		o["status"] = c["status"]
	}
	next := s.fromMap(o)
	cm, nm := cur.GetObjectMeta(), next.GetObjectMeta()
	nm.UID, nm.CreationTimestamp, nm.Name, nm.Namespace = cm.UID, cm.CreationTimestamp, cm.Name, cm.Namespace
	nm.Generation = cm.Generation
	if !reflect.DeepEqual(toMap(cur)["spec"], toMap(next)["spec"]) {
		nm.Generation++
	}
	return next
}

func (s *store) Delete(_ context.Context, key registry.Key, opts metav1.DeleteOptions, dryRun bool) (metav1.Object, bool, error) {
	s.r.mu.Lock()
	defer s.r.mu.Unlock()
	data, ok := s.r.objects[s.gr()][keyOf(key)]
	if !ok {
		return nil, false, apierrors.NewNotFound(s.gr(), key.Name)
	}
	obj := s.decode(data)
	meta := obj.GetObjectMeta()
	if p := opts.Preconditions; p != nil {
		if p.UID != nil && *p.UID != meta.UID {
			return nil, false, apierrors.NewConflict(s.gr(), key.Name,
				fmt.Errorf("Precondition failed: UID in precondition: %v, UID in object meta: %v", *p.UID, meta.UID))
		}
		if p.ResourceVersion != nil && *p.ResourceVersion != meta.ResourceVersion {
			return nil, false, apierrors.NewConflict(s.gr(), key.Name, errStale)
		}
	}
	if opts.PropagationPolicy != nil && *opts.PropagationPolicy == metav1.DeletePropagationForeground {
		meta.Finalizers = append(meta.Finalizers, "foregroundDeletion")
	}
	spec, _ := toMap(obj)["spec"].(map[string]any)
	nodeName, _ := spec["nodeName"].(string)
	graceful := s.res.Resource == "pods" && nodeName != "" && (opts.GracePeriodSeconds == nil || *opts.GracePeriodSeconds > 0)
	if len(meta.Finalizers) > 0 || graceful {
		if meta.DeletionTimestamp == nil {
			now := meta.CreationTimestamp
			meta.DeletionTimestamp = &now
			grace := int64(30)
			if opts.GracePeriodSeconds != nil {
				grace = *opts.GracePeriodSeconds
			}
			meta.DeletionGracePeriodSeconds = &grace
		}
		if dryRun {
			return obj, false, nil
		}
		return s.write(keyOf(key), metav1.Modified, obj), false, nil
	}
	if dryRun {
		return obj, true, nil
	}
	return s.write(keyOf(key), metav1.Deleted, obj), true, nil
}

func (s *store) DeleteCollection(ctx context.Context, namespace string, listOpts registry.ListOptions, opts metav1.DeleteOptions, dryRun bool) (*registry.List, error) {
	list, err := s.List(ctx, namespace, listOpts)
	if err != nil {
		return nil, err
	}
	out := &registry.List{}
	for _, item := range list.Items {
		m := item.GetObjectMeta()
		obj, _, err := s.Delete(ctx, registry.Key{Namespace: m.Namespace, Name: m.Name}, opts, dryRun)
		if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, obj)
	}
	s.r.mu.Lock()
	out.ResourceVersion = strconv.FormatInt(s.r.rev, 10)
	s.r.mu.Unlock()
	return out, nil
}
