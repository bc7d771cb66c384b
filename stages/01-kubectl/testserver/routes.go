// Routes: which object a request path names.
//
// Interface:
//   - parseTarget(path): the resource, namespace, name and subresource of
//     /api/v1/namespaces/{ns}/{resource}/{name}/{sub} and its shorter and
//     cluster-scoped forms, and /apis/{group}/{version}/... alike.
//   - target.key(): the store key of the named object.
//
// These are the REST routes the API server installs for every resource
// (talk 001, "REST mappings": a handler per HTTP route).
package testserver

import (
	"strings"

	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
)

// target is a parsed object path.
type target struct {
	res *scheme.Resource
	// namespace is "" for cluster-scoped resources and for a list across
	// all namespaces.
	namespace string
	// name is "" for the collection.
	name string
	// sub is the subresource ("status", "scale", "log"), or "".
	sub string
}

func (t target) key() objectKey {
	return objectKey{group: t.res.Group, resource: t.res.Resource, namespace: t.namespace, name: t.name}
}

// parseTarget reads an object path. Paths the server has no route for get
// the API server's 404 "the server could not find the requested resource".
func (s *Server) parseTarget(path string) (target, *statusError) {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	var group, version string
	var rest []string
	switch {
	case len(parts) >= 3 && parts[0] == "api":
		group, version, rest = "", parts[1], parts[2:]
	case len(parts) >= 4 && parts[0] == "apis":
		group, version, rest = parts[1], parts[2], parts[3:]
	default:
		return target{}, errPathNotFound()
	}

	var t target
	// /namespaces/{ns}/{resource}... unless {resource} is a subresource of
	// the namespace itself (/api/v1/namespaces/{name}/status).
	if rest[0] == "namespaces" && len(rest) >= 3 {
		if res, ok := s.api.lookup(group, version, rest[2]); ok && res.Namespaced {
			t.namespace, rest = rest[1], rest[2:]
		}
	}
	res, ok := s.api.lookup(group, version, rest[0])
	if !ok || len(rest) > 3 {
		return target{}, errPathNotFound()
	}
	t.res = res
	if len(rest) > 1 {
		t.name = rest[1]
	}
	if len(rest) > 2 {
		t.sub = rest[2]
		if _, ok := res.Subresource(t.sub); !ok {
			return target{}, errPathNotFound()
		}
	}
	// A namespaced object needs its namespace; a cluster-scoped one has
	// none.
	if (res.Namespaced && t.namespace == "" && t.name != "") || (!res.Namespaced && t.namespace != "") {
		return target{}, errPathNotFound()
	}
	return t, nil
}
