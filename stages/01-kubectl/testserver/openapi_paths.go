// OpenAPI paths: the operations of each group version's document.
//
// Interface:
//   - openAPIDocument(gv, resources): the built-in v1.37 components of gv
//     (stages/01-kubectl/schema) with "paths" derived from shared/scheme's
//     resources.
//
// Why paths matter: upstream kubectl (v1.27 and later) validates a
// manifest on the client only when the server cannot. It asks by reading
// the OpenAPI v3 document of the manifest's group version for the PATCH
// operation whose x-kubernetes-group-version-kind is the manifest's kind
// and looking for a "fieldValidation" query parameter on it (client-go's
// QueryParamVerifierV3). Found: it sends ?fieldValidation=Strict and lets
// the server judge (decode.go). Not found: it falls back to the Swagger
// 2.0 document at /openapi/v2, which this server does not serve. A
// document without paths fails every `create -f`.
//
// So each resource gets a minimal path item per route, as the API server
// lays them out: the collection (list, create, deletecollection), the
// object (get, replace, patch, delete) and its object-valued subresources
// (status, scale), each operation naming its action, its kind and its
// query parameters. The stage-2 server (stages/02-apiserver/openapi)
// generates complete documents from the Go types; this stage may not
// import a later one, and its tests need only what kubectl reads.
package testserver

import (
	"encoding/json"
	"fmt"
	"slices"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
)

// Query parameters, by operation, as the API server declares them.
var (
	writeQueryParams  = []string{"dryRun", "fieldManager", "fieldValidation"}
	patchQueryParams  = []string{"dryRun", "fieldManager", "fieldValidation", "force"}
	deleteQueryParams = []string{"dryRun", "gracePeriodSeconds", "propagationPolicy"}
	listQueryParams   = []string{"continue", "fieldSelector", "labelSelector", "limit", "resourceVersion", "timeoutSeconds", "watch"}
)

// schemaRef is how an operation points at a component schema.
const schemaRef = "#/components/schemas/"

// openAPIDocument returns builtin (one group version's components, as
// schema.Builtin returns them) with a "paths" member for resources added.
func openAPIDocument(builtin []byte, resources []*scheme.Resource) ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(builtin, &doc); err != nil {
		return nil, fmt.Errorf("read built-in OpenAPI document: %w", err)
	}
	components, _ := doc["components"].(map[string]any)
	schemas, _ := components["schemas"].(map[string]any)
	names := kindSchemas(schemas)
	paths := map[string]any{}
	for _, r := range resources {
		for path, item := range resourcePaths(r, names) {
			paths[path] = item
		}
	}
	doc["paths"] = paths
	return json.Marshal(doc)
}

// kindSchemas maps each kind to its schema's name, by the schemas'
// x-kubernetes-group-version-kind.
func kindSchemas(schemas map[string]any) map[metav1.GroupVersionKind]string {
	out := map[metav1.GroupVersionKind]string{}
	for name, s := range schemas {
		m, _ := s.(map[string]any)
		gvks, _ := m["x-kubernetes-group-version-kind"].([]any)
		for _, g := range gvks {
			gm, _ := g.(map[string]any)
			group, _ := gm["group"].(string)
			version, _ := gm["version"].(string)
			kind, _ := gm["kind"].(string)
			out[metav1.GroupVersionKind{Group: group, Version: version, Kind: kind}] = name
		}
	}
	return out
}

// resourcePaths returns r's path items by path. names maps kinds to their
// schemas, for the operations' bodies and responses.
func resourcePaths(r *scheme.Resource, names map[metav1.GroupVersionKind]string) map[string]any {
	gvk := r.GroupVersionKind()
	listKind := r.GroupVersion().WithKind(r.ListKind)
	statusKind := metav1.GroupVersionKind{Version: "v1", Kind: "Status"}

	collection := "/" + gvPath(r.GroupVersion())
	var pathParams []string
	if r.Namespaced {
		collection += "/namespaces/{namespace}"
		pathParams = []string{"namespace"}
	}
	collection += "/" + r.Resource
	item := collection + "/{name}"
	itemParams := append([]string{"name"}, pathParams...)

	out := map[string]any{}
	add := func(path string, params []string, method string, op map[string]any) {
		if out[path] == nil {
			out[path] = map[string]any{"parameters": pathParameters(params)}
		}
		out[path].(map[string]any)[method] = op
	}
	if r.HasVerb("list") {
		add(collection, pathParams, "get", operation("list", gvk, listQueryParams, "", names[listKind]))
	}
	if r.HasVerb("create") {
		add(collection, pathParams, "post", operation("post", gvk, writeQueryParams, names[gvk], names[gvk]))
	}
	if r.HasVerb("deletecollection") {
		add(collection, pathParams, "delete", operation("deletecollection", gvk, deleteQueryParams, "", names[statusKind]))
	}
	if r.HasVerb("get") {
		add(item, itemParams, "get", operation("get", gvk, nil, "", names[gvk]))
	}
	if r.HasVerb("update") {
		add(item, itemParams, "put", operation("put", gvk, writeQueryParams, names[gvk], names[gvk]))
	}
	if r.HasVerb("patch") {
		add(item, itemParams, "patch", operation("patch", gvk, patchQueryParams, "", names[gvk]))
	}
	if r.HasVerb("delete") {
		add(item, itemParams, "delete", operation("delete", gvk, deleteQueryParams, "", names[statusKind]))
	}
	for _, sub := range r.Subresources {
		subKind := sub.GroupVersionKind(r)
		name, ok := names[subKind]
		if !ok || !slices.Contains(sub.Verbs, "get") {
			continue // a stream (log) or an action (binding, eviction): no object to read
		}
		path := item + "/" + sub.Name
		add(path, itemParams, "get", operation("get", subKind, nil, "", name))
		if slices.Contains(sub.Verbs, "update") {
			add(path, itemParams, "put", operation("put", subKind, writeQueryParams, name, name))
		}
		if slices.Contains(sub.Verbs, "patch") {
			add(path, itemParams, "patch", operation("patch", subKind, patchQueryParams, "", name))
		}
	}
	return out
}

// gvPath is "api/v1" for the core group, "apis/<group>/<version>" otherwise.
func gvPath(gv metav1.GroupVersion) string {
	if gv.Group == "" {
		return "api/" + gv.Version
	}
	return "apis/" + gv.Group + "/" + gv.Version
}

// operation is one OpenAPI operation: its x-kubernetes-action, the kind it
// acts on, its query parameters, and the schemas of its request body
// (none when body is "") and of its 200 response (none when "").
func operation(action string, gvk metav1.GroupVersionKind, query []string, body, response string) map[string]any {
	params := make([]any, 0, len(query))
	for _, q := range query {
		typ := "string"
		switch q {
		case "gracePeriodSeconds", "limit", "timeoutSeconds":
			typ = "integer"
		case "force", "watch":
			typ = "boolean"
		}
		params = append(params, map[string]any{"name": q, "in": "query", "schema": map[string]any{"type": typ}})
	}
	ok := map[string]any{"description": "OK"}
	if response != "" {
		ok["content"] = jsonContent(response)
	}
	op := map[string]any{
		"x-kubernetes-action":             action,
		"x-kubernetes-group-version-kind": map[string]any{"group": gvk.Group, "version": gvk.Version, "kind": gvk.Kind},
		"parameters":                      params,
		"responses":                       map[string]any{"200": ok},
	}
	if body != "" {
		op["requestBody"] = map[string]any{"required": true, "content": jsonContent(body)}
	}
	return op
}

func jsonContent(schemaName string) map[string]any {
	return map[string]any{contentTypeJSON: map[string]any{"schema": map[string]any{"$ref": schemaRef + schemaName}}}
}

// pathParameters declares a path's own parameters ({namespace}, {name}).
func pathParameters(names []string) []any {
	out := make([]any, 0, len(names))
	for _, n := range names {
		out = append(out, map[string]any{"name": n, "in": "path", "required": true, "schema": map[string]any{"type": "string"}})
	}
	return out
}
