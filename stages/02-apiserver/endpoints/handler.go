// Handler: the one http.Handler behind /api/v1/... and /apis/{group}/{version}/...
//
// Interface:
//   - New(reg, opts) builds it; Registry is what it needs from
//     stages/02-apiserver/registry (*registry.Registry satisfies it).
//   - Options: body limit, watch timeouts, the Observer.
//   - ServeHTTP parses the RequestInfo (or takes the chain's), finds the
//     resource in the registry (404 when there is none, 405 when the path
//     exists but not with this method), negotiates the response format
//     (406), and dispatches to one file per verb: get.go, list.go,
//     watch.go, create.go, update.go, patch.go, delete.go, and
//     subresources.go for scale, binding, eviction and the kubelet ones.
//
// Below sit the registry's Storage calls; beside it, decode.go and
// encode.go turn bodies into objects and objects into responses. Talk 004,
// step 2 ("save objects"): every write a client makes enters here.
package endpoints

import (
	"context"
	"net/http"
	"slices"
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// Registry is what the handler needs from the registry: the storage of each
// resource and the storages of the subresources that are not the object
// itself. *registry.Registry implements it.
type Registry interface {
	// Storage returns the storage of the resource group/resource ("apps",
	// "deployments"); false when the registry does not serve it.
	Storage(group, resource string) (registry.Storage, bool)
	// Scale returns the storage of group/resource's scale subresource;
	// false when it has none.
	Scale(group, resource string) (registry.ScaleStorage, bool)
	// Binding serves pods/binding and the bindings resource; nil when the
	// registry has none (both then answer 404).
	Binding() registry.BindingStorage
	// Eviction serves pods/eviction; nil when the registry has none.
	Eviction() registry.EvictionStorage
}

// DefaultMaxRequestBodyBytes is upstream's --max-request-bytes default for
// resource writes: 3 MiB.
const DefaultMaxRequestBodyBytes = 3 << 20

// DefaultMinRequestTimeout is upstream's --min-request-timeout: a watch
// without timeoutSeconds stays open between one and two times this long.
const DefaultMinRequestTimeout = 1800 * time.Second

// Options configure New. The zero value is upstream's defaults.
type Options struct {
	// MaxRequestBodyBytes bounds a request body; larger ones get 413.
	// 0 means DefaultMaxRequestBodyBytes.
	MaxRequestBodyBytes int64
	// MinRequestTimeout sets the watch timeout when the client gives
	// none: a random duration in [MinRequestTimeout, 2*MinRequestTimeout),
	// so that watches reconnect at different times. 0 means
	// DefaultMinRequestTimeout.
	MinRequestTimeout time.Duration
	// Observer, if set, is told about every request and watch (the
	// server's metrics).
	Observer Observer
	// Now is the clock of managedFields times and of table ages; nil
	// means time.Now. Tests fix it.
	Now func() time.Time
	// TokenRequests issues the token of serviceaccounts/NAME/token
	// (kubelet.go); nil answers 501, for a server without a signing key.
	TokenRequests TokenRequestFunc
	// Admission runs on every create, update, patch and delete of an
	// object or its status (admission.go); nil admits everything.
	Admission *admission.Chain
	// AdmissionRecorder, if set, hears of each admission pass.
	AdmissionRecorder AdmissionRecorder
}

// Handler serves the REST API of every resource in a Registry. It is safe
// for concurrent use.
type Handler struct {
	reg  Registry
	opts Options
	// events shares encoded watch events between watchers.
	events eventCache
}

var _ http.Handler = (*Handler)(nil)

// New returns the handler for reg. Paths it does not serve (discovery,
// /healthz, /openapi) get a 404 Status, so mount it under /api/ and
// /apis/ after the more specific routes.
func New(reg Registry, opts Options) *Handler {
	if opts.MaxRequestBodyBytes <= 0 {
		opts.MaxRequestBodyBytes = DefaultMaxRequestBodyBytes
	}
	if opts.MinRequestTimeout <= 0 {
		opts.MinRequestTimeout = DefaultMinRequestTimeout
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Handler{reg: reg, opts: opts}
}

// request is one request on its way through the handler: what was asked,
// what it names, and where warnings go.
type request struct {
	w    *responseRecorder
	r    *http.Request
	ctx  context.Context
	info *RequestInfo
	// res is the resource; sub the subresource ("" for none).
	res *scheme.Resource
	sub string
	// store serves res; nil for resources served only by a subresource
	// storage (bindings).
	store registry.Storage
	// namespace is where the object lives: "" for cluster-scoped
	// resources (even namespaces themselves) and for lists across all
	// namespaces.
	namespace, name string
	// out is the negotiated response format.
	out output
	// warned holds the Warning headers already added.
	warned map[string]bool
	// labels are the request's metric dimensions.
	labels Labels
	// now is the handler's clock.
	now func() time.Time
}

// key names the request's object.
func (rq *request) key() registry.Key { return registry.Key{Namespace: rq.namespace, Name: rq.name} }

// groupResource names the resource in error messages.
func (rq *request) groupResource() metav1.GroupResource {
	return metav1.GroupResource{Group: rq.res.Group, Resource: rq.res.Resource}
}

// ServeHTTP serves one request; see the file comment for the steps.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	info, ok := RequestInfoFrom(r.Context())
	if !ok {
		info, _ = NewRequestInfo(r) // on error info is as parsed; resolve answers 404
		r = r.WithContext(WithRequestInfo(r.Context(), info))
	}
	rq := &request{w: newResponseRecorder(w), r: r, ctx: r.Context(), info: info, labels: labelsFor(r, info), now: h.opts.Now}
	rq.ctx = context.WithValue(rq.ctx, warningKey{}, rq) // for AddWarning
	start := time.Now()
	if h.opts.Observer != nil {
		h.opts.Observer.RequestStarted(rq.labels)
	}
	defer func() { h.finish(rq, start) }()

	if err := h.resolve(rq); err != nil {
		writeError(rq, err)
		return
	}
	out, err := negotiate(r.Header.Get("Accept"), info.Verb, shapeOf(rq))
	if err != nil {
		writeError(rq, err)
		return
	}
	rq.out = out
	h.dispatch(rq)
}

// dispatch calls the verb's handler. resolve has checked that the verb is
// served at this path.
func (h *Handler) dispatch(rq *request) {
	if rq.sub != "" && rq.sub != "status" && rq.sub != "finalize" {
		h.serveSubresource(rq)
		return
	}
	switch rq.info.Verb {
	case "get":
		h.get(rq)
	case "list":
		h.list(rq)
	case "watch":
		h.watch(rq)
	case "create":
		h.create(rq)
	case "update":
		h.update(rq)
	case "patch":
		h.patch(rq)
	case "delete":
		h.delete(rq)
	case "deletecollection":
		h.deleteCollection(rq)
	}
}

// resolve fills rq's resource, storage, namespace and name from its
// RequestInfo, or returns the 404 or 405 upstream's router answers.
func (h *Handler) resolve(rq *request) error {
	info := rq.info
	if !info.IsResourceRequest || info.Verb == "proxy" {
		return errNotFound()
	}
	res, ok := scheme.ByResource(info.APIGroup, info.Resource)
	if !ok || res.Version != info.APIVersion {
		return errNotFound()
	}
	rq.res, rq.name, rq.sub = res, info.Name, info.Subresource
	if len(info.Parts) > 3 && !proxySubresource(info.Subresource) {
		return errNotFound()
	}
	// The namespace of the path must fit the resource's scope: a namespace
	// object is cluster-scoped though its path reports itself as the
	// namespace.
	switch {
	case res.Namespaced:
		rq.namespace = info.Namespace
		if rq.namespace == "" && len(info.Parts) > 1 {
			return errNotFound() // /api/v1/pods/foo: objects live in a namespace
		}
	case info.Namespace != "" && !isNamespacePath(res, info):
		return errNotFound() // /api/v1/namespaces/default/nodes
	}
	if info.Verb == "watch" && info.Subresource != "" {
		return errNotFound()
	}
	if rq.sub != "" {
		s, ok := res.Subresource(rq.sub)
		if !ok {
			return errNotFound()
		}
		if !slices.Contains(s.Verbs, info.Verb) {
			return errMethodNotAllowed()
		}
		return h.attachStorage(rq)
	}
	if !res.HasVerb(info.Verb) || !verbFitsPath(info) || (res.Namespaced && rq.namespace == "" && info.Verb != "list" && info.Verb != "watch") {
		if info.Name != "" && !slices.ContainsFunc(res.Verbs, objectVerb) {
			return errNotFound() // bindings/foo: no route names one object
		}
		return errMethodNotAllowed()
	}
	return h.attachStorage(rq)
}

// attachStorage finds the storage serving rq: the resource's own, except
// for the bindings resource, which only the binding storage serves.
func (h *Handler) attachStorage(rq *request) error {
	if rq.res.Group == "" && rq.res.Resource == "bindings" {
		if h.reg.Binding() == nil {
			return errNotFound()
		}
		return nil
	}
	store, ok := h.reg.Storage(rq.res.Group, rq.res.Resource)
	if !ok {
		return errNotFound()
	}
	rq.store = store
	return nil
}

// isNamespacePath reports a namespace object's own path,
// /api/v1/namespaces/foo[/status], whose RequestInfo names foo as the
// namespace.
func isNamespacePath(res *scheme.Resource, info *RequestInfo) bool {
	return res.Group == "" && res.Resource == "namespaces" && len(info.Parts) > 1 && info.Parts[1] == info.Namespace
}

// verbFitsPath reports whether info's verb is served at its kind of path:
// create on a collection, update and patch on one object.
func verbFitsPath(info *RequestInfo) bool {
	named := len(info.Parts) > 1
	switch info.Verb {
	case "create":
		return !named
	case "update", "patch":
		return named
	}
	return true
}

// objectVerb reports a verb served on a named object's path.
func objectVerb(v string) bool { return v == "get" || v == "update" || v == "patch" || v == "delete" }

// proxySubresource reports the subresources whose path continues after
// them (/nodes/x/proxy/metrics).
func proxySubresource(sub string) bool { return sub == "proxy" }

// errNotFound is upstream's answer for a path no route serves.
func errNotFound() error {
	return &apierrors.StatusError{ErrStatus: metav1.Status{
		Status: metav1.StatusFailure, Code: http.StatusNotFound, Reason: metav1.StatusReasonNotFound,
		Message: "the server could not find the requested resource", Details: &metav1.StatusDetails{},
	}}
}

// errMethodNotAllowed is upstream's answer for a path served with other
// methods only (POST to one pod, DELETE of all namespaces).
func errMethodNotAllowed() error {
	return &apierrors.StatusError{ErrStatus: metav1.Status{
		Status: metav1.StatusFailure, Code: http.StatusMethodNotAllowed, Reason: metav1.StatusReasonMethodNotAllowed,
		Message: "the server does not allow this method on the requested resource", Details: &metav1.StatusDetails{},
	}}
}
