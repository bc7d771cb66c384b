// Generator for `kubectl create deployment`: flags in, apps/v1 Deployment out.
//
// Interface:
//   - DeploymentParams are the command's inputs (NAME, --image, --replicas,
//     --port, the command after "--").
//   - GenerateDeployment builds the Deployment exactly as upstream kubectl
//     v1.37 does (create_deployment.go): label app=NAME on the object, the
//     selector and the pod template; one container per image, named after
//     the image.
//   - ContainerNameFromImage is the naming rule on its own.
//
// Generators are pure: no flags, no client. create_generators.go turns
// their output into a request (or, with --dry-run=client, into output).
// Talk 001, "Client Interactions": kubectl "uses generators" to build the
// object before serialising it.

package kubectl

import (
	"math/rand/v2"
	"strings"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// DeploymentParams are the inputs of `kubectl create deployment`.
type DeploymentParams struct {
	Name     string
	Images   []string // at least one; validated before generation
	Replicas int32
	// Port is the containerPort of the first container; -1 means none,
	// as upstream's default.
	Port int32
	// Command, if set, is the first container's command; upstream refuses
	// it together with several images.
	Command []string
	// Namespace is written into metadata only when -n was given
	// explicitly (upstream's EnforceNamespace); otherwise it stays empty
	// and the request URL alone says where the object goes.
	Namespace string
}

// GenerateDeployment returns the Deployment `kubectl create deployment`
// sends. p must have passed validateDeploymentParams.
func GenerateDeployment(p DeploymentParams) *appsv1.Deployment {
	labels := map[string]string{"app": p.Name}
	replicas := p.Replicas
	d := &appsv1.Deployment{
		TypeMeta: metav1.TypeMeta{APIVersion: appsv1.SchemeGroupVersion.String(), Kind: "Deployment"},
		ObjectMeta: metav1.ObjectMeta{
			Name:      p.Name,
			Namespace: p.Namespace,
			Labels:    labels,
		},
		Spec: appsv1.DeploymentSpec{
			Replicas: &replicas,
			Selector: &metav1.LabelSelector{MatchLabels: labels},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: labels},
				Spec:       corev1.PodSpec{Containers: []corev1.Container{}},
			},
		},
	}
	for _, image := range p.Images {
		d.Spec.Template.Spec.Containers = append(d.Spec.Template.Spec.Containers, corev1.Container{
			Name:    ContainerNameFromImage(image),
			Image:   image,
			Command: p.Command,
		})
	}
	if p.Port >= 0 && len(d.Spec.Template.Spec.Containers) > 0 {
		d.Spec.Template.Spec.Containers[0].Ports = []corev1.ContainerPort{{ContainerPort: p.Port}}
	}
	return d
}

// ContainerNameFromImage derives a container name from an image reference
// as upstream does: the last path segment without tag or digest
// ("registry:5000/team/web:1.2" → "web"). A name with '.' or '_', which a
// container name may not contain, has them replaced by '-' and gets a
// random 5-character suffix so two such images do not collide.
func ContainerNameFromImage(image string) string {
	name := image[strings.LastIndex(image, "/")+1:]
	if i := strings.Index(name, ":"); i >= 0 {
		name = name[:i]
	}
	if i := strings.Index(name, "@"); i >= 0 {
		name = name[:i]
	}
	if strings.ContainsAny(name, "_.") {
		name = strings.NewReplacer("_", "-", ".", "-").Replace(name)
		name += "-" + randomSuffix(5)
	}
	return name
}

// suffixAlphabet is upstream's utilrand alphabet: no vowels (no words by
// accident) and no characters that look alike (0/o, 1/l).
const suffixAlphabet = "bcdfghjklmnpqrstvwxz2456789"

func randomSuffix(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = suffixAlphabet[rand.IntN(len(suffixAlphabet))]
	}
	return string(b)
}
