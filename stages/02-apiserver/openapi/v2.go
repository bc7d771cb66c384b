// V2: the OpenAPI v2 (Swagger 2.0) document of every group-version at once,
// served at /openapi/v2.
//
// Interface:
//   - (*catalog).v2Document(version, g) renders it.
//
// The same operations as the v3 documents (v3.go), in Swagger's words: a
// request body is a parameter "in: body", content types are the
// operation's consumes and produces, a response has one schema, and
// definitions are under "definitions" with refs "#/definitions/<name>".
// Older clients and `kubectl explain --output=plaintext-openapiv2` read it.
package openapi

import (
	"reflect"
	"strconv"
)

type v2Document struct {
	Swagger     string                 `json:"swagger"`
	Info        info                   `json:"info"`
	Paths       map[string]*v2PathItem `json:"paths"`
	Definitions map[string]*schema     `json:"definitions"`
}

type v2PathItem struct {
	Parameters []v2Parameter `json:"parameters,omitempty"`
	methods[v2Operation]
}

type v2Operation struct {
	Consumes    []string              `json:"consumes"`
	Produces    []string              `json:"produces"`
	Schemes     []string              `json:"schemes"`
	OperationID string                `json:"operationId"`
	Tags        []string              `json:"tags"`
	Parameters  []v2Parameter         `json:"parameters,omitempty"`
	Responses   map[string]v2Response `json:"responses"`
	Action      string                `json:"x-kubernetes-action"`
	GVK         gvkExtension          `json:"x-kubernetes-group-version-kind"`
}

// v2Parameter is a path, query or body parameter; a body parameter has a
// schema, the others a type.
type v2Parameter struct {
	Name     string  `json:"name"`
	In       string  `json:"in"`
	Required bool    `json:"required,omitempty"`
	Type     string  `json:"type,omitempty"`
	Schema   *schema `json:"schema,omitempty"`
}

type v2Response struct {
	Description string  `json:"description"`
	Schema      *schema `json:"schema,omitempty"`
}

// v2Document renders the document of every group-version of c.
func (c *catalog) v2Document(version string, g *generator) *v2Document {
	doc := &v2Document{Swagger: "2.0", Info: info{Title: "Kubernetes", Version: version}, Paths: map[string]*v2PathItem{}}
	used := map[string]bool{}
	ref := func(t reflect.Type) *schema {
		name := g.define(t)
		used[name] = true
		return g.dialect.ref(name)
	}
	for _, gv := range c.groupVersions {
		for _, p := range c.paths(gv) {
			item := &v2PathItem{Parameters: v2Parameters(p.params)}
			for _, o := range p.ops {
				op := &v2Operation{Consumes: o.consumes, Produces: o.produces, Schemes: []string{"https"},
					OperationID: o.id, Tags: []string{o.tag}, Parameters: v2Parameters(o.query),
					Responses: map[string]v2Response{"401": {Description: "Unauthorized"}},
					Action:    o.action, GVK: gvkOf(o.gvk)}
				if o.body != nil {
					op.Parameters = append([]v2Parameter{{Name: "body", In: "body", Required: o.method != "delete", Schema: ref(o.body)}}, op.Parameters...)
				} else {
					op.Consumes = []string{contentAny}
				}
				for _, r := range o.responses {
					op.Responses[strconv.Itoa(r.code)] = v2Response{Description: statusText(r.code), Schema: ref(r.typ)}
				}
				item.set(o.method, op)
			}
			doc.Paths[p.path] = item
		}
	}
	doc.Definitions = reachable(g, used)
	return doc
}

func v2Parameters(ps []parameter) []v2Parameter {
	var out []v2Parameter
	for _, p := range ps {
		out = append(out, v2Parameter{Name: p.name, In: p.in, Required: p.required, Type: p.typ})
	}
	return out
}
