// Secret defaults: the one field the server fills in for a Secret.
//
// Interface:
//   - Secret(s): type Opaque when unset.
//
// ConfigMaps, the Secret's plain-text sibling, get no visible default
// (upstream allocates an empty data map, which JSON omits).

package defaults

import corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"

// Secret sets an unset type to Opaque, "arbitrary user data", the type
// whose keys validation does not check (upstream SetDefaults_Secret).
func Secret(s *corev1.Secret) {
	if s.Type == "" {
		s.Type = corev1.SecretTypeOpaque
	}
}
