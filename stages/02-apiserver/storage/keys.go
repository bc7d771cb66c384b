// Keys: where each object lives in etcd.
//
// Interface:
//   - DefaultPrefix, "/registry", the root of every key (upstream's
//     --etcd-prefix).
//   - ResourcePath(resource) is the path segment of one resource, with
//     upstream's historical renames ("nodes" is stored as "minions").
//   - Store.Key(resource, namespace, name) names one object:
//     /registry/deployments/default/nginx, or /registry/namespaces/default
//     for a cluster-scoped resource (namespace "").
//   - Store.Prefix(resource, namespace) names a collection for List, Count
//     and Watch: /registry/pods/default/ or, across namespaces, /registry/pods/.
//
// This file is the only place that knows the layout; the REST layer asks
// the Store for keys and never builds one itself. Which resources exist and
// whether they are namespaced is in shared/scheme.
package storage

import (
	"fmt"
	"path"
	"strings"
)

// DefaultPrefix is the root of every key the API server writes, as
// upstream's kube-apiserver --etcd-prefix default.
const DefaultPrefix = "/registry"

// storagePaths lists the resources whose etcd path is not their plural
// name. Upstream kept these names from before the API was renamed: nodes
// were once "minions" and replication controllers "controllers", and
// services share a subtree with their endpoints. Every other resource is
// stored under its plural (/registry/deployments/..., /registry/events/...;
// events.k8s.io events share core events' path). The table mirrors the
// expected paths of upstream's test/integration/etcd/data.go.
var storagePaths = map[string]string{
	"nodes":                  "minions",
	"services":               "services/specs",
	"endpoints":              "services/endpoints",
	"replicationcontrollers": "controllers",
	"ingresses":              "ingress",
}

// ResourcePath returns the path segment under which objects of resource
// (a lower-case plural, "deployments") are stored.
func ResourcePath(resource string) string {
	if p, ok := storagePaths[resource]; ok {
		return p
	}
	return resource
}

// Key returns the etcd key of one object. namespace is "" for
// cluster-scoped resources. Key does not validate name; the REST layer
// validates names before storing, and every Store operation rejects a key
// that would escape its prefix.
func (s *Store) Key(resource, namespace, name string) string {
	if namespace == "" {
		return s.prefix + "/" + ResourcePath(resource) + "/" + name
	}
	return s.prefix + "/" + ResourcePath(resource) + "/" + namespace + "/" + name
}

// Prefix returns the key prefix of a collection, ending in "/": the
// objects of resource in namespace, or in every namespace (and of a
// cluster-scoped resource) when namespace is "".
func (s *Store) Prefix(resource, namespace string) string {
	if namespace == "" {
		return s.prefix + "/" + ResourcePath(resource) + "/"
	}
	return s.prefix + "/" + ResourcePath(resource) + "/" + namespace + "/"
}

// checkKey refuses keys outside the store's prefix or with "." or ".."
// segments, so a crafted name ("../secrets/x") cannot reach another
// resource's subtree. A collection prefix (for List, Count and Watch) ends
// in "/"; the key of one object does not.
func (s *Store) checkKey(key string, collection bool) error {
	trimmed := strings.TrimSuffix(key, "/")
	ok := strings.HasPrefix(key, s.prefix+"/") && path.Clean(trimmed) == trimmed && trimmed != s.prefix
	if !collection && trimmed != key {
		ok = false
	}
	if !ok {
		return &Error{Err: ErrBadRequest, Key: key,
			Detail: fmt.Sprintf("invalid key %q: must be a clean path below %q", key, s.prefix+"/")}
	}
	return nil
}
