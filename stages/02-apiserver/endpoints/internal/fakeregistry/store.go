// Store: the objects, one JSON document each, and the verbs on them.
//
// Interface:
//   - New() returns an empty Registry serving every resource of
//     shared/scheme that can be listed.
//   - Registry.Storage(group, resource) returns a registry.Storage.
//   - Registry.Compact() forgets the history watches resume from.
package fakeregistry

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"sync"
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/fields"
	"github.com/kubeworkbook/kubeworkbook/shared/labels"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// Registry holds every object. Its zero value is not usable; call New.
type Registry struct {
	mu sync.Mutex
	// rev is the revision of the last write.
	rev int64
	// compacted is the oldest revision a watch may resume from.
	compacted int64
	// objects holds each resource's objects as JSON, by namespace/name.
	objects map[metav1.GroupResource]map[string][]byte
	// history is every change since compacted, for watches that resume.
	history  []change
	watchers map[*watcher]bool
	uid      int
}

// change is one write, as a watch event of a resource.
type change struct {
	gr   metav1.GroupResource
	rev  int64
	typ  string
	data []byte
}

// New returns an empty registry.
func New() *Registry {
	return &Registry{objects: map[metav1.GroupResource]map[string][]byte{}, watchers: map[*watcher]bool{}}
}

// Storage returns the storage of a listable resource of the scheme.
func (r *Registry) Storage(group, resource string) (registry.Storage, bool) {
	res, ok := scheme.ByResource(group, resource)
	if !ok || res.NewList == nil {
		return nil, false
	}
	return &store{r: r, res: res}, true
}

// Compact forgets the history up to now: a watch from an older revision
// gets 410 Expired.
func (r *Registry) Compact() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.compacted, r.history = r.rev, nil
}

// store serves one resource.
type store struct {
	r   *Registry
	res *scheme.Resource
}

var _ registry.Storage = (*store)(nil)

func (s *store) gr() metav1.GroupResource {
	return metav1.GroupResource{Group: s.res.Group, Resource: s.res.Resource}
}

func keyOf(k registry.Key) string { return k.Namespace + "/" + k.Name }

func (s *store) Resource() *scheme.Resource { return s.res }

// decode returns a fresh typed copy of data.
func (s *store) decode(data []byte) metav1.Object {
	obj := s.res.New()
	if err := json.Unmarshal(data, obj); err != nil {
		panic(fmt.Sprintf("fakeregistry: stored %s does not decode: %v", s.res.Kind, err))
	}
	return obj
}

func (s *store) Get(_ context.Context, key registry.Key, _ registry.GetOptions) (metav1.Object, error) {
	s.r.mu.Lock()
	defer s.r.mu.Unlock()
	data, ok := s.r.objects[s.gr()][keyOf(key)]
	if !ok {
		return nil, apierrors.NewNotFound(s.gr(), key.Name)
	}
	return s.decode(data), nil
}

// matches reports whether obj is selected by opts.
func matches(obj metav1.Object, opts registry.ListOptions) bool {
	m := obj.GetObjectMeta()
	if opts.Label != nil && !opts.Label.Matches(labels.Set(m.Labels)) {
		return false
	}
	f := fields.Set{"metadata.name": m.Name, "metadata.namespace": m.Namespace}
	return opts.Field == nil || opts.Field.Matches(f)
}

func (s *store) List(_ context.Context, namespace string, opts registry.ListOptions) (*registry.List, error) {
	s.r.mu.Lock()
	defer s.r.mu.Unlock()
	objs := s.r.objects[s.gr()]
	keys := slices.Sorted(maps.Keys(objs))
	start := ""
	if opts.Continue != "" {
		raw, err := base64.RawURLEncoding.DecodeString(opts.Continue)
		if err != nil {
			return nil, apierrors.NewBadRequest("continue key is not valid")
		}
		start = string(raw)
	}
	list := &registry.List{ResourceVersion: strconv.FormatInt(s.r.rev, 10)}
	for _, k := range keys {
		obj := s.decode(objs[k])
		if k <= start || (namespace != "" && obj.GetObjectMeta().Namespace != namespace) || !matches(obj, opts) {
			continue
		}
		if opts.Limit > 0 && int64(len(list.Items)) == opts.Limit {
			remaining := int64(1)
			list.RemainingItemCount = &remaining
			list.Continue = base64.RawURLEncoding.EncodeToString([]byte(keyOf(registry.Key{Namespace: list.Items[len(list.Items)-1].GetObjectMeta().Namespace, Name: list.Items[len(list.Items)-1].GetObjectMeta().Name})))
			break
		}
		list.Items = append(list.Items, obj)
	}
	return list, nil
}

// write stores obj (nil deletes key) at the next revision and tells the
// watchers. The caller holds r.mu.
func (s *store) write(key string, typ string, obj metav1.Object) metav1.Object {
	s.r.rev++
	if s.r.objects[s.gr()] == nil {
		s.r.objects[s.gr()] = map[string][]byte{}
	}
	meta := obj.GetObjectMeta()
	meta.ResourceVersion = strconv.FormatInt(s.r.rev, 10)
	data, err := json.Marshal(obj)
	if err != nil {
		panic(fmt.Sprintf("fakeregistry: %s does not encode: %v", s.res.Kind, err))
	}
	if typ == metav1.Deleted {
		delete(s.r.objects[s.gr()], key)
	} else {
		s.r.objects[s.gr()][key] = data
	}
	c := change{gr: s.gr(), rev: s.r.rev, typ: typ, data: data}
	s.r.history = append(s.r.history, c)
	s.r.notify(c)
	return s.decode(data)
}

func (s *store) Create(_ context.Context, namespace string, obj metav1.Object, opts registry.CreateOptions) (metav1.Object, error) {
	s.r.mu.Lock()
	defer s.r.mu.Unlock()
	meta := obj.GetObjectMeta()
	if meta.Name == "" && meta.GenerateName != "" {
		s.r.uid++
		meta.Name = fmt.Sprintf("%s%05d", meta.GenerateName, s.r.uid)
	}
	if meta.Name == "" {
		return nil, apierrors.NewInvalid(s.res.GroupVersionKind().GroupKind(), "",
			field.ErrorList{field.Required(field.NewPath("metadata", "name"), "name or generateName is required")})
	}
	meta.Namespace = namespace
	key := keyOf(registry.Key{Namespace: namespace, Name: meta.Name})
	if _, exists := s.r.objects[s.gr()][key]; exists {
		return nil, apierrors.NewAlreadyExists(s.gr(), meta.Name)
	}
	s.r.uid++
	meta.UID = metav1.UID(fmt.Sprintf("uid-%d", s.r.uid))
	meta.CreationTimestamp = metav1.NewTime(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	meta.Generation = 1
	if opts.DryRun {
		return obj, nil
	}
	return s.write(key, metav1.Added, obj), nil
}
