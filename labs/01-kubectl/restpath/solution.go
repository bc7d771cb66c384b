//go:build lab && solution

package restpath

import (
	"errors"
	"strings"
)

// Path is the reference solution of lab 1.1.
func Path(m Mapping, namespace, name string) (string, error) {
	if m.Version == "" || m.Resource == "" {
		return "", errors.New("a mapping needs a version and a resource")
	}
	parts := []string{"/apis", m.Group, m.Version}
	if m.Group == "" {
		parts = []string{"/api", m.Version}
	}
	if m.Namespaced && namespace != "" {
		parts = append(parts, "namespaces", namespace)
	}
	parts = append(parts, m.Resource)
	if name != "" {
		parts = append(parts, name)
	}
	return strings.Join(parts, "/"), nil
}
