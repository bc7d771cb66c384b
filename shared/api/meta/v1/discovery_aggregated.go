// Aggregated discovery (apidiscovery.k8s.io/v2): every group, version and
// resource in one response.
//
// Interface:
//   - APIGroupDiscoveryList{Items []APIGroupDiscovery}: served at /api and
//     /apis when the client sends Accept:
//     application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList.
//   - APIVersionDiscovery, APIResourceDiscovery, APISubresourceDiscovery:
//     the same facts as APIResource, nested by group and version.
//
// One request replaces the dozens of per-group requests of the older
// discovery in discovery.go; both are built from shared/scheme. Upstream keeps
// these types in k8s.io/api/apidiscovery/v2.
package metav1

// APIGroupDiscoveryList is the aggregated discovery document.
type APIGroupDiscoveryList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`
	Items    []APIGroupDiscovery `json:"items"`
}

// APIGroupDiscovery is one group; ObjectMeta.Name is the group name ("" for
// core). Versions are ordered by preference, the preferred one first.
type APIGroupDiscovery struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`
	Versions   []APIVersionDiscovery `json:"versions,omitempty"`
}

// APIVersionDiscovery is one version of a group.
type APIVersionDiscovery struct {
	Version   string                 `json:"version"`
	Resources []APIResourceDiscovery `json:"resources,omitempty"`
	// Freshness is Stale when an aggregated server could not be reached.
	Freshness DiscoveryFreshness `json:"freshness,omitempty"`
}

// APIResourceDiscovery is one resource.
type APIResourceDiscovery struct {
	// Resource is the plural name.
	Resource string `json:"resource"`
	// ResponseKind is the kind the resource's endpoints return.
	ResponseKind     *GroupVersionKind         `json:"responseKind"`
	Scope            ResourceScope             `json:"scope"`
	SingularResource string                    `json:"singularResource"`
	Verbs            []string                  `json:"verbs"`
	ShortNames       []string                  `json:"shortNames,omitempty"`
	Categories       []string                  `json:"categories,omitempty"`
	Subresources     []APISubresourceDiscovery `json:"subresources,omitempty"`
}

// APISubresourceDiscovery is one subresource ("status", "scale", "log").
type APISubresourceDiscovery struct {
	Subresource   string             `json:"subresource"`
	ResponseKind  *GroupVersionKind  `json:"responseKind,omitempty"`
	AcceptedTypes []GroupVersionKind `json:"acceptedTypes,omitempty"`
	Verbs         []string           `json:"verbs"`
}

// ResourceScope says whether a resource lives in namespaces.
type ResourceScope string

// The scopes.
const (
	ScopeCluster   ResourceScope = "Cluster"
	ScopeNamespace ResourceScope = "Namespaced"
)

// DiscoveryFreshness says whether a version's resources are up to date.
type DiscoveryFreshness string

// The freshness values.
const (
	DiscoveryFreshnessCurrent DiscoveryFreshness = "Current"
	DiscoveryFreshnessStale   DiscoveryFreshness = "Stale"
)
