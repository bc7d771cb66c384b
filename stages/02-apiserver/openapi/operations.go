// Operations: the REST paths of every resource and what each verb sends
// and returns, read from the shared registry.
//
// Interface:
//   - catalog gathers the resources, the Go type of every kind they speak,
//     and the group-versions they are served in.
//   - (*catalog).paths(gv) lists gv's path items with their operations, in
//     a form both documents render (v2.go, v3.go).
//
// Per resource, as upstream lays them out (namespaced shown; a cluster
// resource has no /namespaces/{namespace} part and no all-namespaces path):
//
//	/apis/apps/v1/namespaces/{namespace}/deployments          list, create, deletecollection
//	/apis/apps/v1/namespaces/{namespace}/deployments/{name}   get, update, patch, delete
//	/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status   (and /scale)
//	/apis/apps/v1/deployments                                 list across namespaces
//	/apis/apps/v1/watch/...                                   the deprecated watch paths
//
// Each verb of Resource.Verbs gives one operation. Subresources are
// described when their body is an API object with a Go type (status,
// scale, binding, finalize); streaming ones (log, exec, portforward,
// proxy) and kinds without a type here (Eviction, TokenRequest) are left
// out.
package openapi

import (
	"cmp"
	"reflect"
	"slices"

	autoscalingv1 "github.com/kubeworkbook/kubeworkbook/shared/api/autoscaling/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
)

// Types every group-version's operations use.
var (
	statusType        = reflect.TypeFor[metav1.Status]()
	deleteOptionsType = reflect.TypeFor[metav1.DeleteOptions]()
	watchEventType    = reflect.TypeFor[metav1.WatchEvent]()
	patchType         = reflect.TypeFor[patchBody]()
)

// subresourceKinds are the kinds subresources speak that are not
// resources of the registry themselves, with their Go types.
var subresourceKinds = map[metav1.GroupVersionKind]reflect.Type{
	{Group: autoscalingv1.GroupName, Version: "v1", Kind: "Scale"}: reflect.TypeFor[autoscalingv1.Scale](),
}

// Content types of requests and responses. The server speaks JSON (and
// reads YAML only for apply patches); protobuf and CBOR, which upstream
// also lists, are not served.
const (
	contentJSON        = "application/json"
	contentWatchStream = "application/json;stream=watch"
	contentAny         = "*/*"
	contentJSONPatch   = "application/json-patch+json"
	contentMergePatch  = "application/merge-patch+json"
	contentStrategic   = "application/strategic-merge-patch+json"
	contentApplyPatch  = "application/apply-patch+yaml"
)

// catalog is what the documents are generated from.
type catalog struct {
	resources []*scheme.Resource
	// types maps every kind to its Go type: each resource's kind and list
	// kind, and subresourceKinds.
	types map[metav1.GroupVersionKind]reflect.Type
	// groupVersions are those of the resources, in their order.
	groupVersions []metav1.GroupVersion
	// kinds holds the x-kubernetes-group-version-kind entries by Go type.
	kinds map[reflect.Type][]gvkExtension
	// smp holds the Go types whose schema carries strategic merge patch
	// directives (strategic.go): only their patch operations offer
	// application/strategic-merge-patch+json.
	smp map[reflect.Type]bool
}

// newCatalog indexes resources. Status is a kind of the core group only;
// WatchEvent and DeleteOptions are kinds of every group-version served, as
// upstream marks them.
func newCatalog(resources []*scheme.Resource) *catalog {
	c := &catalog{resources: resources, types: map[metav1.GroupVersionKind]reflect.Type{},
		kinds: map[reflect.Type][]gvkExtension{}}
	mark := func(gvk metav1.GroupVersionKind, t reflect.Type) {
		c.types[gvk] = t
		c.kinds[t] = append(c.kinds[t], gvkOf(gvk))
	}
	for _, r := range resources {
		if gv := r.GroupVersion(); !slices.Contains(c.groupVersions, gv) {
			c.groupVersions = append(c.groupVersions, gv)
		}
		mark(r.GroupVersionKind(), reflect.TypeOf(r.New()).Elem())
		if r.NewList != nil {
			mark(r.GroupVersion().WithKind(r.ListKind), reflect.TypeOf(r.NewList()).Elem())
		}
	}
	for gvk, t := range subresourceKinds {
		mark(gvk, t)
	}
	mark(metav1.GroupVersionKind{Version: "v1", Kind: "Status"}, statusType)
	groups := slices.Clone(c.groupVersions)
	slices.SortFunc(groups, func(a, b metav1.GroupVersion) int { return cmp.Compare(a.Group, b.Group) })
	for _, gv := range groups {
		mark(gv.WithKind("WatchEvent"), watchEventType)
		mark(gv.WithKind("DeleteOptions"), deleteOptionsType)
	}
	c.smp = patchDirectives(c.types)
	return c
}

// pathItem is one path with its operations.
type pathItem struct {
	path string
	// params are the path's own parameters ({namespace}, {name}) and
	// pretty, shared by all its operations.
	params []parameter
	ops    []operation
}

// operation is one HTTP method on a path.
type operation struct {
	method string // "get", "put", "post", "patch", "delete"
	id     string // operationId: "listAppsV1NamespacedDeployment"
	action string // x-kubernetes-action: get, list, post, put, patch, delete, deletecollection, watch, watchlist
	gvk    metav1.GroupVersionKind
	tag    string
	query  []parameter
	// body is the request body's Go type, nil for none; consumes lists its
	// content types.
	body     reflect.Type
	consumes []string
	// responses are the success codes with their body types; produces
	// lists the response content types.
	responses []response
	produces  []string
}

type response struct {
	code int
	typ  reflect.Type
}

// parameter is a path or query parameter; typ is its JSON type.
type parameter struct {
	name, in, typ string
	required      bool
}

// Parameters, as upstream names them.
var (
	paramName      = parameter{name: "name", in: "path", typ: "string", required: true}
	paramNamespace = parameter{name: "namespace", in: "path", typ: "string", required: true}
	paramPretty    = query("pretty", "string")
	writeParams    = []parameter{query("dryRun", "string"), query("fieldManager", "string"), query("fieldValidation", "string")}
	patchParams    = append(slices.Clone(writeParams), query("force", "boolean"))
	deleteParams   = []parameter{query("dryRun", "string"), query("gracePeriodSeconds", "integer"), query("propagationPolicy", "string")}
	listParams     = []parameter{
		query("allowWatchBookmarks", "boolean"), query("continue", "string"), query("fieldSelector", "string"),
		query("labelSelector", "string"), query("limit", "integer"), query("resourceVersion", "string"),
		query("resourceVersionMatch", "string"), query("sendInitialEvents", "boolean"),
		query("timeoutSeconds", "integer"), query("watch", "boolean"),
	}
)

func query(name, typ string) parameter { return parameter{name: name, in: "query", typ: typ} }

// prefix is the URL prefix of gv: /api/v1 or /apis/<group>/<version>.
func prefix(gv metav1.GroupVersion) string { return "/" + groupVersionPath(gv) }

// paths returns the path items of every resource served in gv.
func (c *catalog) paths(gv metav1.GroupVersion) []pathItem {
	var out []pathItem
	for _, r := range c.resources {
		if r.GroupVersion() == gv {
			out = append(out, c.resourcePaths(r)...)
		}
	}
	return out
}

// resourcePaths lays out r's paths; items without an operation are left out.
func (c *catalog) resourcePaths(r *scheme.Resource) []pathItem {
	gv := r.GroupVersion()
	obj := c.types[r.GroupVersionKind()]
	list := c.types[gv.WithKind(r.ListKind)]
	scope, ns, nsParams := "", "", []parameter{paramPretty}
	if r.Namespaced {
		scope, ns, nsParams = "Namespaced", "/namespaces/{namespace}", []parameter{paramNamespace, paramPretty}
	}
	name := func(verb, suffix string) string { return verb + operationPrefix(gv) + scope + r.Kind + suffix }
	op := c.newOp(r)
	itemParams := append([]parameter{paramName}, nsParams...)

	collection := pathItem{path: prefix(gv) + ns + "/" + r.Resource, params: nsParams}
	item := pathItem{path: collection.path + "/{name}", params: itemParams}
	if r.HasVerb("list") && list != nil {
		collection.ops = append(collection.ops, op("get", name("list", ""), "list", listParams, nil, list))
	}
	if r.HasVerb("create") {
		collection.ops = append(collection.ops, op("post", name("create", ""), "post", writeParams, obj, obj))
	}
	if r.HasVerb("deletecollection") {
		collection.ops = append(collection.ops, op("delete", "delete"+operationPrefix(gv)+"Collection"+scope+r.Kind, "deletecollection",
			append(slices.Clone(listParams), deleteParams...), deleteOptionsType, statusType))
	}
	if r.HasVerb("get") {
		item.ops = append(item.ops, op("get", name("read", ""), "get", nil, nil, obj))
	}
	if r.HasVerb("update") {
		item.ops = append(item.ops, op("put", name("replace", ""), "put", writeParams, obj, obj))
	}
	if r.HasVerb("patch") {
		item.ops = append(item.ops, op("patch", name("patch", ""), "patch", patchParams, patchType, obj))
	}
	if r.HasVerb("delete") {
		item.ops = append(item.ops, op("delete", name("delete", ""), "delete", deleteParams, deleteOptionsType, statusType))
	}
	out := []pathItem{collection, item}
	out = append(out, c.subresourcePaths(r, item)...)
	if r.HasVerb("watch") {
		watchNS := prefix(gv) + "/watch" + ns + "/" + r.Resource
		out = append(out,
			pathItem{path: watchNS, params: nsParams, ops: []operation{op("get", name("watch", "List"), "watchlist", listParams, nil, watchEventType)}},
			pathItem{path: watchNS + "/{name}", params: itemParams, ops: []operation{op("get", name("watch", ""), "watch", listParams, nil, watchEventType)}})
	}
	if r.Namespaced {
		// The same collection across every namespace, for `kubectl get -A`.
		all := func(verb, suffix string) string { return verb + operationPrefix(gv) + r.Kind + suffix }
		if r.HasVerb("list") && list != nil {
			out = append(out, pathItem{path: prefix(gv) + "/" + r.Resource, params: []parameter{paramPretty},
				ops: []operation{op("get", all("list", "ForAllNamespaces"), "list", listParams, nil, list)}})
		}
		if r.HasVerb("watch") {
			out = append(out, pathItem{path: prefix(gv) + "/watch/" + r.Resource, params: []parameter{paramPretty},
				ops: []operation{op("get", all("watch", "ListForAllNamespaces"), "watchlist", listParams, nil, watchEventType)}})
		}
	}
	return slices.DeleteFunc(out, func(p pathItem) bool { return len(p.ops) == 0 })
}

// subresourcePaths lays out r's subresources below item, each speaking its
// own kind: the parent's for status, Scale for scale.
func (c *catalog) subresourcePaths(r *scheme.Resource, item pathItem) []pathItem {
	var out []pathItem
	for _, sub := range r.Subresources {
		gvk := sub.GroupVersionKind(r)
		t, ok := c.types[gvk]
		if !ok || sub.Name == "log" { // no Go type, or a text stream (pods/log)
			continue
		}
		scope := ""
		if r.Namespaced {
			scope = "Namespaced"
		}
		name := func(verb string) string {
			return verb + operationPrefix(r.GroupVersion()) + scope + r.Kind + upperFirst(sub.Name)
		}
		op := c.newOp(r)
		p := pathItem{path: item.path + "/" + sub.Name, params: item.params}
		for _, verb := range sub.Verbs {
			var o operation
			switch verb {
			case "get":
				o = op("get", name("read"), "get", nil, nil, t)
			case "create":
				o = op("post", name("create"), "post", writeParams, t, t)
			case "update":
				o = op("put", name("replace"), "put", writeParams, t, t)
			case "patch":
				o = op("patch", name("patch"), "patch", patchParams, patchType, t)
			default:
				continue
			}
			o.gvk = gvk
			p.ops = append(p.ops, o)
		}
		out = append(out, p)
	}
	return out
}

// newOp returns a constructor of r's operations: method, upstream ID,
// action, query parameters, request body type (nil for none) and response
// type. Response codes and content types follow from the method.
func (c *catalog) newOp(r *scheme.Resource) func(method, id, action string, q []parameter, body, resp reflect.Type) operation {
	return func(method, id, action string, q []parameter, body, resp reflect.Type) operation {
		o := operation{method: method, id: id, action: action, gvk: r.GroupVersionKind(), tag: tag(r.GroupVersion()),
			query: q, body: body, produces: []string{contentJSON}}
		switch method {
		case "post":
			o.responses = []response{{200, resp}, {201, resp}, {202, resp}}
		case "put", "patch":
			o.responses = []response{{200, resp}, {201, resp}}
		case "delete":
			o.responses = []response{{200, resp}}
			if action == "delete" {
				o.responses = append(o.responses, response{202, resp}) // graceful deletion still running
			}
		default:
			o.responses = []response{{200, resp}}
		}
		if action == "list" || action == "watch" || action == "watchlist" {
			o.produces = append(o.produces, contentWatchStream)
		}
		switch {
		case body == patchType:
			o.consumes = []string{contentJSONPatch, contentMergePatch, contentApplyPatch}
			if c.smp[resp] {
				o.consumes = append(o.consumes, contentStrategic)
			}
		case body != nil:
			o.consumes = []string{contentAny}
		}
		return o
	}
}
