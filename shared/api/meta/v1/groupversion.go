// Group, version, kind and resource: the names that locate a schema and a
// REST path.
//
// Interface:
//   - GroupVersion ("apps/v1"), GroupVersionKind (+ "Deployment"),
//     GroupVersionResource (+ "deployments"), GroupResource and GroupKind.
//   - ParseGroupVersion and ParseGroupResource read the string forms;
//     String() writes them the way upstream prints them.
//
// The core group is the empty string: its apiVersion is just "v1". Upstream
// keeps these in k8s.io/apimachinery/pkg/runtime/schema; shared/scheme and the
// REST mapper in stages/01-kubectl/discovery translate between kinds and
// resources.
package metav1

import (
	"fmt"
	"strings"
)

// GroupVersion names an API group at one version. Group is "" for the core
// group.
type GroupVersion struct {
	Group   string `json:"group"`
	Version string `json:"version"`
}

// ParseGroupVersion reads "group/version" or "version" (the core group). The
// empty string and "/" give the empty GroupVersion; more than one "/" is an
// error.
func ParseGroupVersion(gv string) (GroupVersion, error) {
	if gv == "" || gv == "/" {
		return GroupVersion{}, nil
	}
	group, version, found := strings.Cut(gv, "/")
	if !found {
		return GroupVersion{Version: gv}, nil
	}
	if strings.Contains(version, "/") {
		return GroupVersion{}, fmt.Errorf("unexpected GroupVersion string: %v", gv)
	}
	return GroupVersion{Group: group, Version: version}, nil
}

// Empty reports whether both group and version are empty.
func (gv GroupVersion) Empty() bool { return gv.Group == "" && gv.Version == "" }

// String returns the apiVersion form: "apps/v1", or "v1" for the core group.
func (gv GroupVersion) String() string {
	if gv.Group != "" {
		return gv.Group + "/" + gv.Version
	}
	return gv.Version
}

// WithKind adds a kind.
func (gv GroupVersion) WithKind(kind string) GroupVersionKind {
	return GroupVersionKind{Group: gv.Group, Version: gv.Version, Kind: kind}
}

// WithResource adds a resource.
func (gv GroupVersion) WithResource(resource string) GroupVersionResource {
	return GroupVersionResource{Group: gv.Group, Version: gv.Version, Resource: resource}
}

// GroupVersionKind names a schema: what a manifest's apiVersion and kind
// select. Its JSON form (group, version, kind; none omitted) is the one
// aggregated discovery uses for responseKind.
type GroupVersionKind struct {
	Group   string `json:"group"`
	Version string `json:"version"`
	Kind    string `json:"kind"`
}

// FromAPIVersionAndKind builds a GroupVersionKind from a manifest's
// apiVersion and kind; an unparsable apiVersion keeps only the kind.
func FromAPIVersionAndKind(apiVersion, kind string) GroupVersionKind {
	gv, err := ParseGroupVersion(apiVersion)
	if err != nil {
		return GroupVersionKind{Kind: kind}
	}
	return gv.WithKind(kind)
}

// Empty reports whether all three parts are empty.
func (gvk GroupVersionKind) Empty() bool {
	return gvk.Group == "" && gvk.Version == "" && gvk.Kind == ""
}

// GroupVersion drops the kind.
func (gvk GroupVersionKind) GroupVersion() GroupVersion {
	return GroupVersion{Group: gvk.Group, Version: gvk.Version}
}

// GroupKind drops the version.
func (gvk GroupVersionKind) GroupKind() GroupKind {
	return GroupKind{Group: gvk.Group, Kind: gvk.Kind}
}

// ToAPIVersionAndKind returns the two strings a manifest carries.
func (gvk GroupVersionKind) ToAPIVersionAndKind() (apiVersion, kind string) {
	return gvk.GroupVersion().String(), gvk.Kind
}

// String prints "apps/v1, Kind=Deployment" (core group: "/v1, Kind=Pod"), the
// form upstream uses in error messages.
func (gvk GroupVersionKind) String() string {
	return gvk.Group + "/" + gvk.Version + ", Kind=" + gvk.Kind
}

// GroupVersionResource names a REST collection:
// /apis/{group}/{version}/namespaces/{ns}/{resource}.
type GroupVersionResource struct {
	Group    string `json:"group"`
	Version  string `json:"version"`
	Resource string `json:"resource"`
}

// GroupVersion drops the resource.
func (gvr GroupVersionResource) GroupVersion() GroupVersion {
	return GroupVersion{Group: gvr.Group, Version: gvr.Version}
}

// GroupResource drops the version.
func (gvr GroupVersionResource) GroupResource() GroupResource {
	return GroupResource{Group: gvr.Group, Resource: gvr.Resource}
}

// String prints "apps/v1, Resource=deployments".
func (gvr GroupVersionResource) String() string {
	return gvr.Group + "/" + gvr.Version + ", Resource=" + gvr.Resource
}

// GroupResource names a resource in any version; it is what error messages
// name ("deployments.apps \"web\" not found").
type GroupResource struct {
	Group    string `json:"group"`
	Resource string `json:"resource"`
}

// ParseGroupResource reads "resource.group" (text after the first dot is the
// group), or a bare "resource" for the core group.
func ParseGroupResource(gr string) GroupResource {
	resource, group, _ := strings.Cut(gr, ".")
	return GroupResource{Group: group, Resource: resource}
}

// WithVersion adds a version.
func (gr GroupResource) WithVersion(version string) GroupVersionResource {
	return GroupVersionResource{Group: gr.Group, Version: version, Resource: gr.Resource}
}

// String prints "deployments.apps", or "pods" for the core group.
func (gr GroupResource) String() string {
	if gr.Group == "" {
		return gr.Resource
	}
	return gr.Resource + "." + gr.Group
}

// GroupKind names a kind in any version.
type GroupKind struct {
	Group string `json:"group"`
	Kind  string `json:"kind"`
}

// WithVersion adds a version.
func (gk GroupKind) WithVersion(version string) GroupVersionKind {
	return GroupVersionKind{Group: gk.Group, Version: version, Kind: gk.Kind}
}

// String prints "Deployment.apps", or "Pod" for the core group.
func (gk GroupKind) String() string {
	if gk.Group == "" {
		return gk.Kind
	}
	return gk.Kind + "." + gk.Group
}
