// Discovery documents: how a client learns which groups, versions and
// resources a server has.
//
// Interface:
//   - APIVersions at /api (core versions), APIGroupList at /apis,
//     APIGroup per group, APIResourceList at /api/v1 and /apis/{g}/{v}.
//   - APIResource: one resource's plural, singular, kind, scope, verbs,
//     short names and categories - what "kubectl api-resources" prints.
//
// shared/scheme is the source of these entries; the stage-2 server serves
// them and stages/01-kubectl/discovery caches them under
// ~/.kube/cache/discovery (talk 000, "API discovery"; talk 001, "discovery
// cache"). The aggregated form is in discovery_aggregated.go.
package metav1

import "strings"

// APIVersions lists the versions of the core group, served at /api.
type APIVersions struct {
	TypeMeta `json:",inline"`
	Versions []string `json:"versions"`
	// ServerAddressByClientCIDRs tells clients which address reaches the
	// server from their network; always written.
	ServerAddressByClientCIDRs []ServerAddressByClientCIDR `json:"serverAddressByClientCIDRs"`
}

// ServerAddressByClientCIDR maps a client network to a server address.
type ServerAddressByClientCIDR struct {
	ClientCIDR    string `json:"clientCIDR"`
	ServerAddress string `json:"serverAddress"`
}

// APIGroupList lists the named groups, served at /apis.
type APIGroupList struct {
	TypeMeta `json:",inline"`
	Groups   []APIGroup `json:"groups"`
}

// APIGroup is one group and its versions.
type APIGroup struct {
	TypeMeta `json:",inline"`
	Name     string                     `json:"name"`
	Versions []GroupVersionForDiscovery `json:"versions"`
	// PreferredVersion is the version clients should use when they have no
	// preference.
	PreferredVersion           GroupVersionForDiscovery    `json:"preferredVersion,omitempty"`
	ServerAddressByClientCIDRs []ServerAddressByClientCIDR `json:"serverAddressByClientCIDRs,omitempty"`
}

// GroupVersionForDiscovery is one version of a group.
type GroupVersionForDiscovery struct {
	// GroupVersion is "group/version".
	GroupVersion string `json:"groupVersion"`
	Version      string `json:"version"`
}

// APIResourceList lists the resources of one group version.
type APIResourceList struct {
	TypeMeta     `json:",inline"`
	GroupVersion string        `json:"groupVersion"`
	APIResources []APIResource `json:"resources"`
}

// APIResource describes one resource or subresource ("pods/log").
type APIResource struct {
	// Name is the plural ("deployments") or "plural/subresource".
	Name string `json:"name"`
	// SingularName is the lower-case singular ("deployment").
	SingularName string `json:"singularName"`
	Namespaced   bool   `json:"namespaced"`
	// Group and Version are set only when they differ from the list's.
	Group   string `json:"group,omitempty"`
	Version string `json:"version,omitempty"`
	Kind    string `json:"kind"`
	// Verbs are the supported verbs: get, list, watch, create, update, patch,
	// delete, deletecollection.
	Verbs              Verbs    `json:"verbs"`
	ShortNames         []string `json:"shortNames,omitempty"`
	Categories         []string `json:"categories,omitempty"`
	StorageVersionHash string   `json:"storageVersionHash,omitempty"`
}

// Verbs is the verb list of a resource.
type Verbs []string

// String prints the verbs as "[get list]".
func (v Verbs) String() string {
	return "[" + strings.Join(v, " ") + "]"
}
