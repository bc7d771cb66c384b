// V3: the OpenAPI v3 documents, one per group-version, and their index.
//
// Interface:
//   - (*catalog).v3Document(gv, version, g) renders gv's document as served
//     at /openapi/v3/api/v1 or /openapi/v3/apis/<group>/<version>.
//   - v3Index is the discovery document at /openapi/v3: for each
//     group-version, the URL of its document with the document's hash.
//
// A document holds its group-version's paths and, under
// components.schemas, exactly the definitions those paths reach: the
// kinds, their lists, the types they are made of, and the meta/v1 types
// every operation uses (Status, DeleteOptions, WatchEvent, Patch).
package openapi

import (
	"net/url"
	"path"
	"reflect"
	"strconv"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

type v3Document struct {
	OpenAPI    string                 `json:"openapi"`
	Info       info                   `json:"info"`
	Paths      map[string]*v3PathItem `json:"paths"`
	Components v3Components           `json:"components"`
}

// info is the document's title and the Kubernetes version it describes.
type info struct {
	Title   string `json:"title"`
	Version string `json:"version"`
}

type v3Components struct {
	Schemas map[string]*schema `json:"schemas"`
}

type v3PathItem struct {
	Parameters []v3Parameter `json:"parameters,omitempty"`
	methods[v3Operation]
}

// methods holds a path item's operations; both dialects share it.
type methods[O any] struct {
	Get    *O `json:"get,omitempty"`
	Put    *O `json:"put,omitempty"`
	Post   *O `json:"post,omitempty"`
	Patch  *O `json:"patch,omitempty"`
	Delete *O `json:"delete,omitempty"`
}

// set stores o as the operation of method, one of the five above.
func (m *methods[O]) set(method string, o *O) {
	switch method {
	case "get":
		m.Get = o
	case "put":
		m.Put = o
	case "post":
		m.Post = o
	case "patch":
		m.Patch = o
	case "delete":
		m.Delete = o
	}
}

type v3Operation struct {
	OperationID string                `json:"operationId"`
	Tags        []string              `json:"tags"`
	Parameters  []v3Parameter         `json:"parameters,omitempty"`
	RequestBody *v3RequestBody        `json:"requestBody,omitempty"`
	Responses   map[string]v3Response `json:"responses"`
	Action      string                `json:"x-kubernetes-action"`
	GVK         gvkExtension          `json:"x-kubernetes-group-version-kind"`
}

type v3Parameter struct {
	Name     string  `json:"name"`
	In       string  `json:"in"`
	Required bool    `json:"required,omitempty"`
	Schema   *schema `json:"schema"`
}

type v3RequestBody struct {
	Content  map[string]v3Media `json:"content"`
	Required bool               `json:"required,omitempty"`
}

type v3Media struct {
	Schema *schema `json:"schema"`
}

type v3Response struct {
	Description string             `json:"description"`
	Content     map[string]v3Media `json:"content,omitempty"`
}

// v3Document renders gv's document. Definitions come from g, which may be
// shared by the documents of every group-version.
func (c *catalog) v3Document(gv metav1.GroupVersion, version string, g *generator) *v3Document {
	doc := &v3Document{OpenAPI: "3.0.0", Info: info{Title: "Kubernetes", Version: version}, Paths: map[string]*v3PathItem{}}
	used := map[string]bool{}
	ref := func(t reflect.Type) *schema {
		name := g.define(t)
		used[name] = true
		return g.dialect.ref(name)
	}
	media := func(types []string, t reflect.Type) map[string]v3Media {
		m := map[string]v3Media{}
		for _, ct := range types {
			m[ct] = v3Media{Schema: ref(t)}
		}
		return m
	}
	for _, p := range c.paths(gv) {
		item := &v3PathItem{Parameters: v3Parameters(p.params)}
		for _, o := range p.ops {
			op := &v3Operation{OperationID: o.id, Tags: []string{o.tag}, Parameters: v3Parameters(o.query),
				Responses: map[string]v3Response{"401": {Description: "Unauthorized"}},
				Action:    o.action, GVK: gvkOf(o.gvk)}
			if o.body != nil {
				// A DELETE may come without DeleteOptions; every other body is required.
				op.RequestBody = &v3RequestBody{Content: media(o.consumes, o.body), Required: o.method != "delete"}
			}
			for _, r := range o.responses {
				op.Responses[strconv.Itoa(r.code)] = v3Response{Description: statusText(r.code), Content: media(o.produces, r.typ)}
			}
			item.set(o.method, op)
		}
		doc.Paths[p.path] = item
	}
	doc.Components.Schemas = reachable(g, used)
	return doc
}

func v3Parameters(ps []parameter) []v3Parameter {
	var out []v3Parameter
	for _, p := range ps {
		out = append(out, v3Parameter{Name: p.name, In: p.in, Required: p.required, Schema: &schema{Type: p.typ}})
	}
	return out
}

// statusText is the description upstream gives each response code.
func statusText(code int) string {
	switch code {
	case 200:
		return "OK"
	case 201:
		return "Created"
	case 202:
		return "Accepted"
	}
	return "Unauthorized"
}

// reachable returns the definitions of g named in roots and every
// definition they refer to, at any depth.
func reachable(g *generator, roots map[string]bool) map[string]*schema {
	out := map[string]*schema{}
	var visit func(name string)
	visit = func(name string) {
		if _, done := out[name]; done {
			return
		}
		s := g.definitions[name]
		out[name] = s
		walkRefs(s, func(ref string) { visit(path.Base(ref)) })
	}
	for name := range roots {
		visit(name)
	}
	return out
}

// walkRefs calls fn with every $ref below s (s included).
func walkRefs(s *schema, fn func(ref string)) {
	if s == nil {
		return
	}
	if s.Ref != "" {
		fn(s.Ref)
	}
	for _, sub := range s.AllOf {
		walkRefs(sub, fn)
	}
	for _, sub := range s.OneOf {
		walkRefs(sub, fn)
	}
	for _, p := range s.Properties {
		walkRefs(p, fn)
	}
	walkRefs(s.AdditionalProperties, fn)
	walkRefs(s.Items, fn)
}

// v3Index is the document at /openapi/v3. Clients fetch it first, then
// each group-version's document at its serverRelativeURL, which they may
// cache for good: the hash in the URL changes whenever the document does.
type v3Index struct {
	Paths map[string]v3IndexEntry `json:"paths"`
}

type v3IndexEntry struct {
	ServerRelativeURL string `json:"serverRelativeURL"`
}

// serverRelativeURL returns /openapi/v3/<gvPath>?hash=<hash>.
func serverRelativeURL(gvPath, hash string) string {
	u := url.URL{Path: path.Join("/openapi/v3", gvPath), RawQuery: url.Values{"hash": {hash}}.Encode()}
	return u.String()
}
