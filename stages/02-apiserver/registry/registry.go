// Registry: one Storage for every resource of shared/scheme, and the
// subresources that are not the object itself.
//
// Interface:
//   - New(store, Options) builds it; Options' zero value is upstream's
//     defaults.
//   - Storage(group, resource), Resources(), Scale(group, resource),
//     Binding(), Eviction(): what the HTTP layer serves.
//   - Bootstrap (namespaces.go) creates the system namespaces.
//
// The Registry holds no state besides the Stores' configuration and the
// names of the namespaces it deleted lately (namespaces.go); all of it is
// in etcd. The endpoints package (stages/02-apiserver/endpoints)
// routes requests here; a watch cache may wrap any Storage.
package registry

import (
	"fmt"
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
)

// Defaults of Options, upstream's kube-apiserver flag defaults.
const (
	// DefaultServiceCIDR is --service-cluster-ip-range.
	DefaultServiceCIDR = "10.96.0.0/12"
	// DefaultNodePortRange is --service-node-port-range.
	DefaultNodePortRange = "30000-32767"
	// DefaultMinRequestTimeout is --min-request-timeout: a watch without
	// timeoutSeconds lasts between this and twice this.
	DefaultMinRequestTimeout = 30 * time.Minute
	// DefaultBookmarkInterval is how often a watch that allows bookmarks
	// gets one while nothing changes (upstream: about every minute).
	DefaultBookmarkInterval = time.Minute
)

// Options configure a Registry. The zero value uses the defaults above.
type Options struct {
	// ServiceCIDR is the IPv4 range cluster IPs come from.
	ServiceCIDR string
	// NodePortRange is "first-last", the range node ports come from.
	NodePortRange string
	// MinRequestTimeout bounds a watch without timeoutSeconds.
	MinRequestTimeout time.Duration
	// BookmarkInterval is how often watches that allow bookmarks ask etcd
	// for a progress report; negative turns it off.
	BookmarkInterval time.Duration
	// Now is the clock of timestamps; nil is time.Now. Tests fix it.
	Now func() time.Time
}

// Registry serves every resource of shared/scheme over one etcd Store.
type Registry struct {
	stores     map[metav1.GroupResource]*Store
	resources  []*scheme.Resource
	namespaces *Store
	pods       *Store
	// namespaceLister, when set, answers checkNamespace from memory;
	// deleted are the namespaces whose checks must read etcd anyway.
	namespaceLister NamespaceLister
	deleted         deletedNamespaces
	now             func() time.Time
}

// New builds a Store for every resource of shared/scheme that can be
// listed (bindings are only created, through Binding), configured by
// opts. It fails when opts are malformed.
func New(store *storage.Store, opts Options) (*Registry, error) {
	if opts.ServiceCIDR == "" {
		opts.ServiceCIDR = DefaultServiceCIDR
	}
	if opts.NodePortRange == "" {
		opts.NodePortRange = DefaultNodePortRange
	}
	if opts.MinRequestTimeout <= 0 {
		opts.MinRequestTimeout = DefaultMinRequestTimeout
	}
	if opts.BookmarkInterval == 0 {
		opts.BookmarkInterval = DefaultBookmarkInterval
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	services, err := newServiceAllocator(store, opts.ServiceCIDR, opts.NodePortRange)
	if err != nil {
		return nil, fmt.Errorf("new registry: %w", err)
	}
	r := &Registry{stores: map[metav1.GroupResource]*Store{}, now: opts.Now}
	for _, res := range scheme.All() {
		if res.NewList == nil {
			continue
		}
		gr := res.GroupVersionResource().GroupResource()
		s := &Store{
			res:              res,
			gr:               gr,
			store:            store,
			strategy:         strategyFor(res, services),
			form:             storageFormFor(res),
			now:              opts.Now,
			bookmarkInterval: max(opts.BookmarkInterval, 0),
			watchTimeout:     defaultWatchTimeout(opts.MinRequestTimeout),
		}
		if res.Namespaced {
			s.checkNamespace = r.checkNamespace(gr)
		}
		r.stores[gr] = s
		r.resources = append(r.resources, res)
	}
	r.namespaces = r.stores[metav1.GroupResource{Resource: "namespaces"}]
	r.pods = r.stores[metav1.GroupResource{Resource: "pods"}]
	if r.namespaces == nil || r.pods == nil {
		return nil, fmt.Errorf("new registry: shared/scheme lacks namespaces or pods")
	}
	r.namespaces.beforeDeleteHook = func(key Key) { r.deleted.add(key.Name, r.now()) }
	return r, nil
}

// Storage returns the Storage of a resource ("apps", "deployments"), and
// false for one the registry does not serve.
func (r *Registry) Storage(group, resource string) (Storage, bool) {
	s, ok := r.stores[metav1.GroupResource{Group: group, Resource: resource}]
	return s, ok
}

// Store returns the concrete Store of a resource, for callers that need
// more than Storage (Attrs and FieldSelector for a watch cache).
func (r *Registry) Store(group, resource string) (*Store, bool) {
	s, ok := r.stores[metav1.GroupResource{Group: group, Resource: resource}]
	return s, ok
}

// Resources lists the resources with a Storage, in shared/scheme's order.
func (r *Registry) Resources() []*scheme.Resource {
	return append([]*scheme.Resource(nil), r.resources...)
}

// Scale returns the scale subresource of a resource that has one
// (deployments, replicasets), and false otherwise.
func (r *Registry) Scale(group, resource string) (ScaleStorage, bool) {
	s, ok := r.stores[metav1.GroupResource{Group: group, Resource: resource}]
	if !ok {
		return nil, false
	}
	if _, has := s.res.Subresource("scale"); !has {
		return nil, false
	}
	return &scaleStorage{store: s}, true
}

// Binding returns pods/binding (and the bindings resource, which is the
// same thing with the pod's name in the body).
func (r *Registry) Binding() BindingStorage { return &bindingStorage{pods: r.pods} }

// Eviction returns pods/eviction.
func (r *Registry) Eviction() EvictionStorage { return &evictionStorage{pods: r.pods} }
