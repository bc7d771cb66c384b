// RequestInfo: what a request path and method say, before anything is
// looked up.
//
// Interface:
//   - RequestInfo holds upstream's fields: IsResourceRequest, Path, Verb,
//     APIPrefix, APIGroup, APIVersion, Namespace, Resource, Subresource,
//     Name, Parts, LabelSelector, FieldSelector.
//   - NewRequestInfo(req) parses a request the way upstream's
//     RequestInfoFactory does, for the "api" and "apis" prefixes.
//   - WithRequestInfo and RequestInfoFrom carry it in a context, so the
//     request chain (authorization, issue 5) parses once and this package's
//     handler reuses the result.
//   - (*RequestInfo).IsLongRunning: a watch, proxy or streaming request.
//
// The parser knows nothing about which resources exist: handler.go checks
// the parsed names against the registry and answers 404 or 405.
package endpoints

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/kubeworkbook/kubeworkbook/shared/fields"
)

// RequestInfo is what a request's method, path and query name: upstream's
// k8s.io/apiserver/pkg/endpoints/request.RequestInfo, field for field.
type RequestInfo struct {
	// IsResourceRequest is true for /api/{version}/... and
	// /apis/{group}/{version}/... paths that name a resource; false for
	// /healthz, /api, /apis/apps/v1 (discovery) and the like.
	IsResourceRequest bool
	// Path is the request's URL path.
	Path string
	// Verb is the Kubernetes verb (get, list, watch, create, update,
	// patch, delete, deletecollection, proxy) for resource requests, and
	// the lower-case HTTP method otherwise. It is "" for a resource request
	// with a method no verb maps to (OPTIONS).
	Verb string
	// APIPrefix is "api" or "apis"; APIGroup is "" for the core group.
	APIPrefix, APIGroup, APIVersion string
	// Namespace is the path's namespace, "" for cluster-wide requests. As
	// upstream, a namespace object's own path (/api/v1/namespaces/foo)
	// reports Namespace "foo", except for a PATCH of it (a server-side
	// apply that creates the namespace must not be scoped to itself).
	Namespace string
	// Resource is the plural resource ("pods"), not the kind.
	Resource string
	// Subresource is "status", "scale", "log", ... or "".
	Subresource string
	// Name is the object's name, "" for a collection. A list or watch
	// whose fieldSelector pins metadata.name reports that name too, as
	// upstream does, so authorization can allow a watch of one object.
	Name string
	// Parts are the path segments from the resource on:
	// {resource}/{name}/{subresource}/....
	Parts []string
	// LabelSelector and FieldSelector are the raw query parameters of a
	// list, watch or deletecollection; empty for other verbs.
	LabelSelector, FieldSelector string
}

// specialVerbs are path segments that set the verb themselves:
// /api/v1/watch/pods (the legacy watch paths) and /api/v1/proxy/... (long
// removed upstream, still parsed the same way).
var specialVerbs = map[string]bool{"proxy": true, "watch": true}

// namespaceSubresources are the subresources of a namespace object, which
// the parser must not read as a namespaced resource called "status".
var namespaceSubresources = map[string]bool{"status": true, "finalize": true}

// verbsWithSelectors are the verbs whose selectors RequestInfo reports.
var verbsWithSelectors = map[string]bool{"list": true, "watch": true, "deletecollection": true}

// methodVerbs maps an HTTP method to the verb of a request that names an
// object; list, watch and deletecollection are told apart afterwards.
var methodVerbs = map[string]string{
	http.MethodPost: "create", http.MethodGet: "get", http.MethodHead: "get",
	http.MethodPut: "update", http.MethodPatch: "patch", http.MethodDelete: "delete",
}

// NewRequestInfo parses req. A path outside /api and /apis, or too short to
// name a resource, gives IsResourceRequest false and no error. The error
// is only for a special-verb path with nothing after the verb
// (/api/v1/watch); the RequestInfo is then filled as far as known.
func NewRequestInfo(req *http.Request) (*RequestInfo, error) {
	info := &RequestInfo{Path: req.URL.Path, Verb: strings.ToLower(req.Method)}
	parts := splitPath(req.URL.Path)
	if len(parts) < 3 || (parts[0] != "api" && parts[0] != "apis") {
		return info, nil
	}
	prefix, rest := parts[0], parts[1:]
	if prefix == "apis" {
		if len(rest) < 3 { // a group, a version and at least a resource
			return info, nil
		}
		info.APIGroup, rest = rest[0], rest[1:]
	}
	info.APIPrefix = prefix
	info.IsResourceRequest = true
	info.APIVersion, rest = rest[0], rest[1:]

	viaPath := specialVerbs[rest[0]]
	if viaPath {
		if len(rest) < 2 {
			return info, fmt.Errorf("unable to determine kind and namespace from url, %v", req.URL)
		}
		info.Verb, rest = rest[0], rest[1:]
	} else {
		info.Verb = methodVerbs[req.Method]
	}

	// /namespaces/{ns}/{resource}/... names a namespaced resource, unless
	// what follows the namespace is one of the namespace's own
	// subresources (/namespaces/{ns}/status).
	if rest[0] == "namespaces" && len(rest) > 1 {
		if !(info.Verb == "patch" && len(rest) == 2) {
			info.Namespace = rest[1]
		}
		if len(rest) > 2 && !namespaceSubresources[rest[2]] {
			rest = rest[2:]
		}
	}
	info.Parts = rest
	info.Resource = rest[0]
	if len(rest) >= 2 {
		info.Name = rest[1]
	}
	if len(rest) >= 3 && info.Verb != "proxy" {
		info.Subresource = rest[2]
	}

	query := req.URL.Query()
	if info.Name == "" && info.Verb == "get" {
		info.Verb = "list"
		if queryBool(query, "watch") {
			info.Verb = "watch"
		}
		if sel, err := fields.ParseSelector(query.Get("fieldSelector")); err == nil {
			if name, ok := sel.RequiresExactMatch("metadata.name"); ok && validPathSegment(name) {
				info.Name = name
			}
		}
	}
	if info.Name == "" && info.Verb == "delete" {
		info.Verb = "deletecollection"
	}
	if !viaPath && verbsWithSelectors[info.Verb] {
		info.LabelSelector = query.Get("labelSelector")
		info.FieldSelector = query.Get("fieldSelector")
	}
	return info, nil
}

// validPathSegment reports whether name could be a path segment, as
// upstream's path.IsValidPathSegmentName checks before trusting a name from
// a field selector.
func validPathSegment(name string) bool {
	return name != "" && name != "." && name != ".." && !strings.ContainsAny(name, "/%")
}

// splitPath returns the segments of a URL path, without empty ends.
func splitPath(path string) []string {
	path = strings.Trim(path, "/")
	if path == "" {
		return nil
	}
	return strings.Split(path, "/")
}

type requestInfoKey struct{}

// WithRequestInfo returns a copy of ctx carrying info.
func WithRequestInfo(ctx context.Context, info *RequestInfo) context.Context {
	return context.WithValue(ctx, requestInfoKey{}, info)
}

// RequestInfoFrom returns the RequestInfo WithRequestInfo stored in ctx.
func RequestInfoFrom(ctx context.Context) (*RequestInfo, bool) {
	info, ok := ctx.Value(requestInfoKey{}).(*RequestInfo)
	return info, ok
}

// streamingSubresources hold a connection open like a watch, as upstream's
// long-running check lists them.
var streamingSubresources = map[string]bool{"attach": true, "exec": true, "proxy": true, "log": true, "portforward": true}

// IsLongRunning reports a request that lasts as long as its client wants:
// a watch, a proxy, a log stream or an exec session. Shutdown ends them
// instead of waiting (server), and audit records when their response
// starts as well as when it ends.
func (info *RequestInfo) IsLongRunning() bool {
	return info.IsResourceRequest && (info.Verb == "watch" || info.Verb == "proxy" || streamingSubresources[info.Subresource])
}
