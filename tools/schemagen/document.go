// Document: one OpenAPI v3 document built from upstream's definitions.
//
// Interface:
//   - buildDocument(scheme, gv) returns the JSON of the document for gv:
//     {"openapi", "info", "components": {"schemas": ...}}, keys sorted,
//     indented by one space, descriptions dropped.
//
// The steps are the API server's own (k8s.io/apiserver's OpenAPI v3 handler):
// name definitions with the scheme's DefinitionNamer, build them with
// kube-openapi's builder3, which wraps a $ref that has siblings (a default,
// say) in an allOf. Only the definitions are built; paths are left out.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"

	"k8s.io/apimachinery/pkg/runtime"
	openapinamer "k8s.io/apiserver/pkg/endpoints/openapi"
	"k8s.io/kube-openapi/pkg/builder3"
	"k8s.io/kube-openapi/pkg/common"
	"k8s.io/kube-openapi/pkg/schemamutation"
	"k8s.io/kube-openapi/pkg/validation/spec"
	generated "k8s.io/kubernetes/pkg/generated/openapi"
)

// kubernetesVersion is the upstream release the definitions come from; it
// must match the k8s.io/kubernetes requirement in go.mod.
const kubernetesVersion = "v1.37.2"

// document is the subset of an OpenAPI v3 document that is written.
type document struct {
	OpenAPI    string     `json:"openapi"`
	Info       spec.Info  `json:"info"`
	Components components `json:"components"`
}

type components struct {
	Schemas map[string]*spec.Schema `json:"schemas"`
}

// buildDocument builds the document for gv from upstream's definitions.
func buildDocument(scheme *runtime.Scheme, gv groupVersion) ([]byte, error) {
	names, err := roots(scheme, gv)
	if err != nil {
		return nil, err
	}
	namer := openapinamer.NewDefinitionNamer(scheme)
	config := &common.OpenAPIV3Config{
		Info:              &spec.Info{InfoProps: spec.InfoProps{Title: "Kubernetes", Version: kubernetesVersion}},
		GetDefinitionName: namer.GetDefinitionName,
		Definitions:       withoutDescriptions(generated.GetOpenAPIDefinitions(refTo)),
	}
	schemas, err := builder3.BuildOpenAPIDefinitionsForResources(config, names...)
	if err != nil {
		return nil, err
	}
	doc := document{OpenAPI: "3.0.0", Info: *config.Info, Components: components{Schemas: schemas}}
	compact, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("encode: %w", err)
	}
	// encoding/json sorts map keys, and spec.Schema marshals through maps,
	// so the same input always gives the same bytes; indenting keeps a
	// regeneration's diff readable.
	var out bytes.Buffer
	if err := json.Indent(&out, compact, "", " "); err != nil {
		return nil, fmt.Errorf("indent: %w", err)
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// refTo is the reference callback builder3 itself would use: definitions are
// already named by their OpenAPI model name in v1.37, so a reference points at
// #/components/schemas/<name>.
func refTo(name string) spec.Ref {
	return spec.MustCreateRef("#/components/schemas/" + common.EscapeJsonPointer(name))
}

// withoutDescriptions returns defs with every description removed, at every
// depth. Doing it before the build (rather than after) matters: a property
// that was only a $ref plus a description becomes a bare $ref instead of an
// allOf wrapper around nothing.
func withoutDescriptions(defs map[string]common.OpenAPIDefinition) map[string]common.OpenAPIDefinition {
	walker := schemamutation.Walker{
		SchemaCallback: func(s *spec.Schema) *spec.Schema {
			if s.Description == "" {
				return s
			}
			c := *s // the walker's contract: copy, never mutate in place
			c.Description = ""
			return &c
		},
		RefCallback: schemamutation.RefCallbackNoop,
	}
	out := make(map[string]common.OpenAPIDefinition, len(defs))
	for name, def := range defs {
		def.Schema = *walker.WalkSchema(&def.Schema)
		out[name] = def
	}
	return out
}
