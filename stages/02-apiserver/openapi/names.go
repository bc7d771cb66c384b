// Names: what a Go type is called in an OpenAPI document.
//
// Interface:
//   - definitionName(t) is the name of t's schema in "definitions" (v2) and
//     "components.schemas" (v3): "io.k8s.api.core.v1.Pod".
//   - groupVersionPath(gv) is where gv's v3 document is served below
//     /openapi/v3: "api/v1", "apis/apps/v1".
//   - operationID and tag spell upstream's operation names
//     ("readAppsV1NamespacedDeployment") and tags ("apps_v1").
//
// Clients find schemas by these names (kubectl explain, client-side
// validation's per-type rules), so they are upstream's, not ours. Upstream
// derives a definition name from the Go import path of the type
// (k8s.io/api/core/v1.Pod) by reversing the domain: io.k8s.api.core.v1.Pod.
// Our types live at other import paths; shared/api/upstream says which
// upstream type each of ours stands for, and the reversal rule does the rest.
package openapi

import (
	"reflect"
	"slices"
	"strings"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/upstream"
)

// localTypes names the types of this package that stand for an upstream
// type: patchBody has no Go package of its own upstream.
var localTypes = map[reflect.Type]string{
	reflect.TypeFor[patchBody](): "k8s.io/apimachinery/pkg/apis/meta/v1.Patch",
}

// definitionName returns the name of named type t's definition. Types of
// this repository's API packages get upstream's names; any other type
// (a test's) gets the same reversal rule applied to its own import path.
func definitionName(t reflect.Type) string {
	if full, ok := localTypes[t]; ok {
		return friendlyName(full)
	}
	if full, ok := upstream.Name(t); ok {
		return friendlyName(full)
	}
	return friendlyName(t.PkgPath() + "." + t.Name())
}

// friendlyName turns "k8s.io/api/core/v1.Pod" into "io.k8s.api.core.v1.Pod":
// the domain's labels reversed, then the path's segments, dot-separated.
func friendlyName(full string) string {
	domain, rest, _ := strings.Cut(full, "/")
	labels := strings.Split(domain, ".")
	slices.Reverse(labels)
	return strings.Join(labels, ".") + "." + strings.ReplaceAll(rest, "/", ".")
}

// groupVersionPath returns where gv's OpenAPI v3 document is served, below
// /openapi/v3 and without a leading slash: the core group's under "api",
// the named groups' under "apis".
func groupVersionPath(gv metav1.GroupVersion) string {
	if gv.Group == "" {
		return "api/" + gv.Version
	}
	return "apis/" + gv.Group + "/" + gv.Version
}

// groupWords splits a group into the words upstream's operation names are
// built from: "" is "core", "rbac.authorization.k8s.io" is "rbac",
// "authorization" (the ".k8s.io" suffix is dropped).
func groupWords(group string) []string {
	if group == "" {
		return []string{"core"}
	}
	return strings.Split(strings.TrimSuffix(group, ".k8s.io"), ".")
}

// upperFirst returns s with its first letter in upper case.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// operationPrefix spells a group-version inside an operation ID:
// "CoreV1", "AppsV1", "RbacAuthorizationV1".
func operationPrefix(gv metav1.GroupVersion) string {
	var b strings.Builder
	for _, w := range groupWords(gv.Group) {
		b.WriteString(upperFirst(w))
	}
	return b.String() + upperFirst(gv.Version)
}

// tag is the tag upstream puts on every operation of gv: "core_v1",
// "apps_v1", "rbacAuthorization_v1".
func tag(gv metav1.GroupVersion) string {
	words := groupWords(gv.Group)
	for i := 1; i < len(words); i++ {
		words[i] = upperFirst(words[i])
	}
	return strings.Join(words, "") + "_" + gv.Version
}
