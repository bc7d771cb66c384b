// Upstream names: the upstream Go package and type a type of ours mirrors.
//
// Interface:
//   - Package(pkgPath) maps one of our import paths to upstream's.
//   - Name(t) is the full upstream name "k8s.io/api/core/v1.Pod" of a named
//     type of shared/api.
//
// The rule is short: shared/api/<group>/<version> is
// k8s.io/api/<group>/<version>, three apimachinery packages are listed in
// packages, and the few types that live in a different package upstream
// are listed in types.
package upstream

import (
	"encoding/json"
	"reflect"
	"strings"

	authorizationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authorization/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// ModulePath prefixes every package of this repository.
const ModulePath = "github.com/kubeworkbook/kubeworkbook/"

// apiPrefix is where our API packages live inside the module.
const apiPrefix = "shared/api/"

// packages maps our API packages that are not of the form
// shared/api/<group>/<version> to the upstream packages they mirror.
var packages = map[string]string{
	"shared/api/meta/v1":  "k8s.io/apimachinery/pkg/apis/meta/v1",
	"shared/api/resource": "k8s.io/apimachinery/pkg/api/resource",
	"shared/api/intstr":   "k8s.io/apimachinery/pkg/util/intstr",
}

// RawExtension is upstream's name of an embedded object kept as bytes.
const RawExtension = "k8s.io/apimachinery/pkg/runtime.RawExtension"

// types names the types that live in a different package upstream:
// RawExtension is in our meta/v1 but in apimachinery's runtime package
// there, a json.RawMessage field (the object of a WatchEvent) is
// upstream's RawExtension, and the field selector requirement of an
// access review is meta/v1's upstream.
var types = map[reflect.Type]string{
	reflect.TypeFor[metav1.RawExtension]():                      RawExtension,
	reflect.TypeFor[json.RawMessage]():                          RawExtension,
	reflect.TypeFor[authorizationv1.FieldSelectorRequirement](): "k8s.io/apimachinery/pkg/apis/meta/v1.FieldSelectorRequirement",
}

// Package returns the upstream import path that our import path pkgPath
// stands for, and false when pkgPath is not one of this repository's API
// packages.
func Package(pkgPath string) (string, bool) {
	rel, ok := strings.CutPrefix(pkgPath, ModulePath)
	if !ok {
		return "", false
	}
	if up, ok := packages[rel]; ok {
		return up, true
	}
	if api, ok := strings.CutPrefix(rel, apiPrefix); ok && isGroupVersion(api) {
		return "k8s.io/api/" + api, true
	}
	return "", false
}

// isGroupVersion reports whether path is "<group>/<version>" with a
// Kubernetes version ("v1", "v2beta1"), so that shared/api/internal/apitest
// or a test package is not taken for an API group.
func isGroupVersion(path string) bool {
	group, version, ok := strings.Cut(path, "/")
	if !ok || group == "" || strings.Contains(version, "/") {
		return false
	}
	rest, ok := strings.CutPrefix(version, "v")
	if !ok {
		return false
	}
	for _, stage := range []string{"alpha", "beta"} {
		if major, minor, ok := strings.Cut(rest, stage); ok {
			return isDigits(major) && isDigits(minor)
		}
	}
	return isDigits(rest)
}

// isDigits reports whether s is a non-empty run of ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// Name returns the upstream name of named type t, its upstream import path
// and type name joined by a dot ("k8s.io/api/apps/v1.Deployment"). It
// returns false for an unnamed type and for a type outside shared/api
// (a test's, or a server's private request body).
func Name(t reflect.Type) (string, bool) {
	if full, ok := types[t]; ok {
		return full, true
	}
	if t.Name() == "" {
		return "", false
	}
	pkg, ok := Package(t.PkgPath())
	if !ok {
		return "", false
	}
	return pkg + "." + t.Name(), true
}
