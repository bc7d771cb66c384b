// Errors of the REST mapper, worded as upstream kubectl words them.
//
// Interface:
//   - NoResourceTypeError: "the server doesn't have a resource type "foo""
//     for a resource argument (kubectl get foo).
//   - NoKindMatchError: "no matches for kind "Foo" in version
//     "example.com/v1"" for a manifest's apiVersion and kind.
//   - AmbiguousError: two resources of equal priority answer one name.
//   - IsNoMatch(err) and MappingNotFoundError(name, namespace, source, err),
//     the message create -f and apply -f print, with upstream's CRD hint.
//
// mapper.go returns them; the commands print them after "error: ".
package discovery

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// NoResourceTypeError says no resource or kind answers a resource argument.
type NoResourceTypeError struct {
	// Resource is the part before the first dot of the argument.
	Resource string
	// Group is the part after the first dot ("" when there is none), as
	// upstream reports it even for "deployments.v9.apps" ("v9.apps").
	Group string
}

// Error prints upstream's message.
func (e *NoResourceTypeError) Error() string {
	if e.Group != "" {
		return fmt.Sprintf("the server doesn't have a resource type %q in group %q", e.Resource, e.Group)
	}
	return fmt.Sprintf("the server doesn't have a resource type %q", e.Resource)
}

// NoKindMatchError says no resource has the kind a manifest names.
type NoKindMatchError struct {
	Group string
	Kind  string
	// SearchedVersions are the versions the search was limited to; empty
	// means any version of the group.
	SearchedVersions []string
}

// Error prints upstream's message: one searched version is named with its
// group ("example.com/v1"), several are listed, none names the group.
func (e *NoKindMatchError) Error() string {
	seen := map[string]bool{}
	var versions []string
	for _, v := range e.SearchedVersions {
		gv := metav1.GroupVersion{Group: e.Group, Version: v}.String()
		if !seen[gv] {
			seen[gv] = true
			versions = append(versions, gv)
		}
	}
	sort.Strings(versions)
	switch len(versions) {
	case 0:
		return fmt.Sprintf("no matches for kind %q in group %q", e.Kind, e.Group)
	case 1:
		return fmt.Sprintf("no matches for kind %q in version %q", e.Kind, versions[0])
	default:
		return fmt.Sprintf("no matches for kind %q in versions %q", e.Kind, versions)
	}
}

// AmbiguousError says a name matches several resources that rank equally,
// so the mapper will not guess.
type AmbiguousError struct {
	// Arg is what the user typed.
	Arg string
	// Matches are the candidates as "resource.version.group" strings.
	Matches []string
}

// Error prints upstream's wording for an ambiguous resource.
func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("%s matches multiple resources [%s]", e.Arg, strings.Join(e.Matches, " "))
}

// IsNoMatch reports whether err says a resource or kind does not exist, as
// opposed to discovery itself failing.
func IsNoMatch(err error) bool {
	var r *NoResourceTypeError
	var k *NoKindMatchError
	return errors.As(err, &r) || errors.As(err, &k)
}

// MappingNotFoundError wraps a failed kind lookup for an object read from
// source (a file name, or "STDIN") with upstream's text and hint:
//
//	resource mapping not found for name: "x" namespace: "" from "f.yaml": no matches for kind "Foo" in version "example.com/v1"
//	ensure CRDs are installed first
//
// Errors other than a NoKindMatchError get upstream's shorter
// "unable to recognize" form.
func MappingNotFoundError(name, namespace, source string, err error) error {
	var k *NoKindMatchError
	if errors.As(err, &k) {
		return fmt.Errorf("resource mapping not found for name: %q namespace: %q from %q: %w\nensure CRDs are installed first",
			name, namespace, source, err)
	}
	return fmt.Errorf("unable to recognize %q: %w", source, err)
}
