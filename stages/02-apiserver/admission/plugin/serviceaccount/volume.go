// The token volume: what a pod gets to call the API server with.
//
// Interface:
//   - TokenVolumeSource(): the projected volume (token, CA, namespace).
//   - GenerateName(prefix): prefix + 5 random characters, as the server
//     names objects created with generateName.
//   - VolumeNamePrefix, DefaultAPITokenMountPath, TokenExpirationSeconds.
//
// The kubelet (stage 5) fills the volume: it asks the API server for a
// token (TokenRequest) bound to the pod, writes it to "token", and
// replaces it before it expires.
package serviceaccount

import (
	"math/rand/v2"
	"strings"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
)

const (
	// VolumeNamePrefix starts the name of the token volume:
	// "kube-api-access-x7k2q".
	VolumeNamePrefix = "kube-api-access-"
	// DefaultAPITokenMountPath is where every container finds token,
	// ca.crt and namespace; client libraries look there for in-cluster
	// configuration.
	DefaultAPITokenMountPath = "/var/run/secrets/kubernetes.io/serviceaccount"
	// TokenExpirationSeconds is one hour and seven seconds. The odd seven
	// mark an automounted token: upstream's TokenRequest recognises the
	// value and may issue a longer-lived token, then warns when a client
	// keeps using it past the hour, to find clients that never reload
	// the file.
	TokenExpirationSeconds int64 = 3607
	// RootCAConfigMapName is the ConfigMap with the cluster CA that the
	// root CA publisher (stage 3) puts in every namespace.
	RootCAConfigMapName = "kube-root-ca.crt"
)

// TokenVolumeSource returns the projected source of the token volume,
// field for field as upstream writes it (defaultMode 0644 set
// explicitly, so a stored pod does not change when defaults run again).
func TokenVolumeSource() *corev1.ProjectedVolumeSource {
	mode := corev1.ProjectedVolumeSourceDefaultMode
	expiration := TokenExpirationSeconds
	return &corev1.ProjectedVolumeSource{
		DefaultMode: &mode,
		Sources: []corev1.VolumeProjection{
			{ServiceAccountToken: &corev1.ServiceAccountTokenProjection{Path: "token", ExpirationSeconds: &expiration}},
			{ConfigMap: &corev1.ConfigMapProjection{
				LocalObjectReference: corev1.LocalObjectReference{Name: RootCAConfigMapName},
				Items:                []corev1.KeyToPath{{Key: "ca.crt", Path: "ca.crt"}},
			}},
			{DownwardAPI: &corev1.DownwardAPIProjection{Items: []corev1.DownwardAPIVolumeFile{{
				Path:     "namespace",
				FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "metadata.namespace"},
			}}}},
		},
	}
}

// mountToken adds the token volume and its mount, as upstream does:
//
//   - a volume already named kube-api-access-* is reused;
//   - every container and init container without a mount at
//     DefaultAPITokenMountPath gets a read-only one (a container that
//     mounts something else there keeps it);
//   - the volume is added only if some container mounts it.
func (p *Plugin) mountToken(pod *corev1.Pod) {
	name, exists := "", false
	for _, v := range pod.Spec.Volumes {
		if strings.HasPrefix(v.Name, VolumeNamePrefix) {
			name, exists = v.Name, true
			break
		}
	}
	if name == "" {
		name = p.generateName(VolumeNamePrefix)
	}
	mount := corev1.VolumeMount{Name: name, ReadOnly: true, MountPath: DefaultAPITokenMountPath}
	needed := false
	for _, containers := range [][]corev1.Container{pod.Spec.InitContainers, pod.Spec.Containers} {
		for i := range containers {
			if !hasMountAt(containers[i], DefaultAPITokenMountPath) {
				containers[i].VolumeMounts = append(containers[i].VolumeMounts, mount)
				needed = true
			}
		}
	}
	if needed && !exists {
		pod.Spec.Volumes = append(pod.Spec.Volumes, corev1.Volume{
			Name: name, VolumeSource: corev1.VolumeSource{Projected: TokenVolumeSource()},
		})
	}
}

func hasMountAt(c corev1.Container, path string) bool {
	for _, m := range c.VolumeMounts {
		if m.MountPath == path {
			return true
		}
	}
	return false
}

// nameAlphabet leaves out vowels (no accidental words) and the look-alike
// characters 0, 1 and 3, as upstream's name generator does.
const nameAlphabet = "bcdfghjklmnpqrstvwxz2456789"

// GenerateName returns prefix followed by five random characters,
// truncating prefix so the result fits in 63 characters.
func GenerateName(prefix string) string {
	const suffixLen, maxLen = 5, 63
	if len(prefix) > maxLen-suffixLen {
		prefix = prefix[:maxLen-suffixLen]
	}
	b := make([]byte, suffixLen)
	for i := range b {
		b[i] = nameAlphabet[rand.IntN(len(nameAlphabet))]
	}
	return prefix + string(b)
}
