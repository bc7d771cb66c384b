// Encoding: objects to the JSON and YAML kubectl prints.
//
// Interface:
//   - EncodeJSON(obj): indented with four spaces, ending in a newline, as
//     `kubectl get -o json` prints.
//   - EncodeYAML(obj): keys sorted, as `kubectl get -o yaml` prints.
//
// Both go through encoding/json first, so typed objects and
// map[string]any encode alike and json tags decide the field names.

package codec

import (
	"encoding/json"
	"fmt"

	"sigs.k8s.io/yaml"
)

// EncodeJSON returns obj as indented JSON followed by a newline. Like
// kubectl, it escapes <, > and & inside strings.
func EncodeJSON(obj any) ([]byte, error) {
	out, err := json.MarshalIndent(obj, "", "    ")
	if err != nil {
		return nil, fmt.Errorf("encode json: %w", err)
	}
	return append(out, '\n'), nil
}

// EncodeYAML returns obj as YAML with map keys in sorted order.
func EncodeYAML(obj any) ([]byte, error) {
	out, err := yaml.Marshal(obj)
	if err != nil {
		return nil, fmt.Errorf("encode yaml: %w", err)
	}
	return out, nil
}
