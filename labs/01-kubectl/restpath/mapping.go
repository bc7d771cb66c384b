package restpath

// Mapping is what discovery tells kubectl about one resource: the fields of
// stages/01-kubectl/discovery.Mapping that a path needs.
type Mapping struct {
	Group      string // "" for the core group
	Version    string // "v1"
	Resource   string // plural: "deployments"
	Namespaced bool
}
