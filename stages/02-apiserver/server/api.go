// API: the resources themselves. The registry keeps them in etcd, a watch
// cache per resource fans its one etcd watch out to every client, and the
// REST handler turns HTTP requests into calls on them.
//
// Interface:
//   - newAPI(store, cfg, m): build the three layers; m observes every
//     resource request.
//   - api.handler serves /api/... and /apis/...; api.bootstrap creates the
//     system namespaces (the post-start hook); api.close stops the caches.
//   - cachedRegistry: the registry as the REST handler sees it, each
//     resource's storage behind its watch cache.
//
// Talk 004, steps 2-9: kubectl saves the Deployment, the controllers and
// the scheduler fetch and update objects, the kubelet fetches its pods;
// every one of those requests enters through api.handler, and every
// fetch by watch is served from a cache (steps 3, 4 and 7).
package server

import (
	"context"
	"fmt"
	"net/http"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/audit"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/endpoints"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/watchcache"
)

// api is the REST part of the server.
type api struct {
	registry *cachedRegistry
	handler  http.Handler
}

// newAPI builds the registry over store, a watch cache for each of its
// resources, and the REST handler over both. Each cache lists its
// resource once here, so a start fails early when etcd cannot serve.
func newAPI(store *storage.Store, cfg *Config, m *metrics) (*api, error) {
	reg, err := registry.New(store, registry.Options{
		ServiceCIDR:   cfg.ServiceClusterIPRange,
		NodePortRange: cfg.ServiceNodePortRange,
	})
	if err != nil {
		return nil, fmt.Errorf("build the registry: %w", err)
	}
	// Without an authenticator and authorizer the reviews answer 503.
	cached := &cachedRegistry{reg: reg, caches: map[metav1.GroupResource]*watchcache.Cacher{},
		reviews: newReviewStorages(nil, nil, nil)}
	for _, res := range reg.Resources() {
		inner, _ := reg.Storage(res.Group, res.Resource)
		c, err := watchcache.Wrap(inner, watchcache.Options{
			RequestProgress: store.RequestProgress,
			CurrentRevision: store.CurrentRevision,
		})
		if err != nil {
			cached.stop()
			return nil, fmt.Errorf("watch cache of %s: %w", res.GroupVersionResource().GroupResource(), err)
		}
		cached.caches[res.GroupVersionResource().GroupResource()] = c
	}
	// Creates check their namespace in its cache first, as upstream's
	// NamespaceLifecycle reads its informer.
	reg.SetNamespaceLister(cached.caches[metav1.GroupResource{Resource: "namespaces"}])
	h := endpoints.New(cached, endpoints.Options{MaxRequestBodyBytes: cfg.MaxRequestBytes, Observer: m})
	return &api{registry: cached, handler: h}, nil
}

// serveAPI completes the REST half of the server once the request chain
// exists: the admission chain, the audit log, the reviews answered by the
// chain's authenticator and authorizer, and the token issuer. cleanup
// gets what must be closed if the start fails later.
func (s *Server) serveAPI(cfg *Config, m *metrics, cleanup *[]func() error) error {
	chain, err := newAdmissionChain(cfg, s.api.registry)
	if err != nil {
		return err
	}
	backend, policy, closeLog, err := audit.NewFromOptions(cfg.Audit)
	if err != nil {
		return err
	}
	*cleanup = append(*cleanup, closeLog)
	s.audit.close = closeLog
	if backend != nil { // a nil *LogBackend is not a nil Backend
		s.audit.backend, s.audit.policy = backend, policy
	}
	s.api.registry.reviews = newReviewStorages(s.chain.authenticator, s.chain.authorizer, s.chain.authorizer)
	s.api.registry.guarded = newEscalationGuards(s.api.registry, s.chain.authorizer, s.chain.authorizer)
	s.api.handler = endpoints.New(s.api.registry, endpoints.Options{
		MaxRequestBodyBytes: cfg.MaxRequestBytes, Observer: m,
		TokenRequests: s.createToken, Admission: chain, AdmissionRecorder: recordAdmission,
	})
	return nil
}

// bootstrap creates the namespaces every cluster has (default,
// kube-system, kube-public, kube-node-lease), as upstream's
// system-namespaces controller does. It is idempotent, so every server
// sharing an etcd runs it.
func (a *api) bootstrap(ctx context.Context) error {
	return a.registry.reg.Bootstrap(ctx)
}

// close stops the watch caches: their etcd watches end, and so does every
// client watch still open on them.
func (a *api) close() error {
	a.registry.stop()
	return nil
}

// cachedRegistry serves each resource from its watch cache and the
// subresources that are writes (scale, binding, eviction) from the
// registry directly, as the cache would only pass them through. The
// reviews (reviews.go) are stored nowhere and have no cache.
type cachedRegistry struct {
	reg     *registry.Registry
	caches  map[metav1.GroupResource]*watchcache.Cacher
	reviews map[metav1.GroupResource]registry.Storage
	// guarded are storages served in front of their caches: the RBAC
	// resources behind the escalation check (rbac_escalation.go).
	guarded map[metav1.GroupResource]registry.Storage
}

var _ endpoints.Registry = (*cachedRegistry)(nil)

// Storage returns the cached storage of group/resource, or its review
// storage.
func (c *cachedRegistry) Storage(group, resource string) (registry.Storage, bool) {
	gr := metav1.GroupResource{Group: group, Resource: resource}
	if s, ok := c.guarded[gr]; ok {
		return s, true
	}
	if s, ok := c.caches[gr]; ok {
		return s, true
	}
	s, ok := c.reviews[gr]
	return s, ok
}

// Scale, Binding and Eviction are the registry's.
func (c *cachedRegistry) Scale(group, resource string) (registry.ScaleStorage, bool) {
	return c.reg.Scale(group, resource)
}

func (c *cachedRegistry) Binding() registry.BindingStorage { return c.reg.Binding() }

func (c *cachedRegistry) Eviction() registry.EvictionStorage { return c.reg.Eviction() }

// stop stops every cache.
func (c *cachedRegistry) stop() {
	for _, cache := range c.caches {
		cache.Stop()
	}
}
