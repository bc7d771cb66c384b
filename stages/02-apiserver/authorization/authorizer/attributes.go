// Attributes: a request, reduced to what authorization looks at.
//
// Interface:
//   - Attributes: user, verb, namespace, group, version, resource,
//     subresource, name, selectors; or a non-resource path.
//   - AttributesFrom(ctx): build them from the user and the RequestInfo the
//     earlier filters put into the request's context.
//   - (Attributes).IsReadOnly, (Attributes).FieldSelectorRequires.
//
// RequestInfo is parsed in stages/02-apiserver/endpoints/requestinfo.go;
// the user is set by authentication (authentication/user).
package authorizer

import (
	"context"
	"errors"

	"github.com/kubeworkbook/kubeworkbook/shared/fields"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/endpoints"
)

// Attributes describe one request for an authorizer, as upstream's
// authorizer.AttributesRecord does.
type Attributes struct {
	// User is who asks.
	User user.Info
	// Verb is the Kubernetes verb for resource requests (get, list, watch,
	// create, update, patch, delete, deletecollection, or a special verb
	// such as impersonate), the lower-case HTTP method otherwise.
	Verb string
	// ResourceRequest is true when the request names a resource; then
	// Namespace..Name are meaningful and Path is informational. Otherwise
	// only Path and Verb are.
	ResourceRequest bool
	// Namespace is "" for cluster-scoped resources and for lists across
	// all namespaces.
	Namespace string
	// APIGroup is "" for the core group.
	APIGroup, APIVersion string
	// Resource is the plural name ("pods"); Subresource is "log", "status",
	// "scale" or "".
	Resource, Subresource string
	// Name is "" for collections.
	Name string
	// Path is the URL path, the only thing that identifies a non-resource
	// request.
	Path string
	// FieldSelector and LabelSelector are the raw selectors of a list or
	// watch; the Node authorizer lets a kubelet list only pods selected by
	// spec.nodeName=<its node>.
	FieldSelector, LabelSelector string
}

// IsReadOnly reports a request that cannot change anything: get, list or
// watch. ABAC's readonly policies allow exactly these.
func (a Attributes) IsReadOnly() bool {
	return a.Verb == "get" || a.Verb == "list" || a.Verb == "watch"
}

// FieldSelectorRequires returns the value the field selector requires
// field to equal (spec.nodeName=worker-1 gives "worker-1"); ok is false
// when the selector does not pin field, or does not parse.
func (a Attributes) FieldSelectorRequires(field string) (value string, ok bool) {
	if a.FieldSelector == "" {
		return "", false
	}
	sel, err := fields.ParseSelector(a.FieldSelector)
	if err != nil {
		return "", false
	}
	return sel.RequiresExactMatch(field)
}

// AttributesFrom builds the Attributes of the request whose context is
// ctx. Both the user (authentication) and the RequestInfo must be in ctx;
// a missing one is a broken filter chain, reported as an error.
func AttributesFrom(ctx context.Context) (Attributes, error) {
	u, ok := user.From(ctx)
	if !ok {
		return Attributes{}, errors.New("build authorization attributes: no user found in the request context")
	}
	info, ok := endpoints.RequestInfoFrom(ctx)
	if !ok {
		return Attributes{}, errors.New("build authorization attributes: no RequestInfo found in the context")
	}
	return Attributes{
		User:            u,
		Verb:            info.Verb,
		ResourceRequest: info.IsResourceRequest,
		Namespace:       info.Namespace,
		APIGroup:        info.APIGroup,
		APIVersion:      info.APIVersion,
		Resource:        info.Resource,
		Subresource:     info.Subresource,
		Name:            info.Name,
		Path:            info.Path,
		FieldSelector:   info.FieldSelector,
		LabelSelector:   info.LabelSelector,
	}, nil
}
