// Strategic: when a patch operation may offer strategic merge patch.
//
// Interface:
//   - patchDirectives(types) returns the kinds whose Go types carry
//     strategic merge patch directives: a patchMergeKey or patchStrategy
//     struct tag on some field, at any depth.
//
// Why it matters: `kubectl apply` computes a strategic merge patch on the
// client. It first looks at the v3 document of the kind's group-version:
// if the kind's patch operation lists application/strategic-merge-patch+json,
// kubectl takes the patch directives (x-kubernetes-patch-merge-key,
// x-kubernetes-patch-strategy) from the document's schemas. A document that
// offers strategic merge patch but carries no directives would make every
// list atomic, so removing a container from a manifest would not remove it
// from the object. When the operation does not offer it, kubectl falls back
// to the directives compiled into its own copy of the Kubernetes types,
// which are right. So the offer is made only for kinds whose Go types carry
// the directives, as upstream's do (`patchStrategy:"merge"
// patchMergeKey:"name"` on PodSpec.containers); the server accepts strategic
// merge patches either way.
package openapi

import (
	"reflect"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// patchDirectives returns the types of types whose fields, at any depth,
// have a patchMergeKey or patchStrategy tag.
func patchDirectives(types map[metav1.GroupVersionKind]reflect.Type) map[reflect.Type]bool {
	out := map[reflect.Type]bool{}
	for _, t := range types {
		if hasPatchTags(t, map[reflect.Type]bool{}) {
			out[t] = true
		}
	}
	return out
}

// hasPatchTags walks t's fields depth-first; visited cuts cycles.
func hasPatchTags(t reflect.Type, visited map[reflect.Type]bool) bool {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || visited[t] || isSpecial(t) {
		return false
	}
	visited[t] = true
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Tag.Get("patchMergeKey") != "" || f.Tag.Get("patchStrategy") != "" {
			return true
		}
		if hasPatchTags(f.Type, visited) {
			return true
		}
	}
	return false
}
