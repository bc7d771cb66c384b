package appsv1_test

import (
	"fmt"

	"sigs.k8s.io/yaml"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/intstr"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// The Deployment `kubectl create deployment web --image=nginx:1.27
// --replicas=3` builds, with an explicit rolling update. Printed as YAML
// the way kubectl -o yaml prints it: keys sorted, empty structs as {}.
func Example() {
	replicas := int32(3)
	maxUnavailable, maxSurge := intstr.FromString("25%"), intstr.FromInt32(1)
	labels := map[string]string{"app": "web"}
	d := appsv1.Deployment{
		TypeMeta:   metav1.TypeMeta{APIVersion: "apps/v1", Kind: "Deployment"},
		ObjectMeta: metav1.ObjectMeta{Name: "web", Labels: labels},
		Spec: appsv1.DeploymentSpec{
			Replicas: &replicas,
			Selector: &metav1.LabelSelector{MatchLabels: labels},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: labels},
				Spec: corev1.PodSpec{Containers: []corev1.Container{
					{Name: "nginx", Image: "nginx:1.27"},
				}},
			},
			Strategy: appsv1.DeploymentStrategy{
				Type: appsv1.RollingUpdateDeploymentStrategyType,
				RollingUpdate: &appsv1.RollingUpdateDeployment{
					MaxUnavailable: &maxUnavailable,
					MaxSurge:       &maxSurge,
				},
			},
		},
	}
	out, _ := yaml.Marshal(d)
	fmt.Print(string(out))
	// Output:
	// apiVersion: apps/v1
	// kind: Deployment
	// metadata:
	//   labels:
	//     app: web
	//   name: web
	// spec:
	//   replicas: 3
	//   selector:
	//     matchLabels:
	//       app: web
	//   strategy:
	//     rollingUpdate:
	//       maxSurge: 1
	//       maxUnavailable: 25%
	//     type: RollingUpdate
	//   template:
	//     metadata:
	//       labels:
	//         app: web
	//     spec:
	//       containers:
	//       - image: nginx:1.27
	//         name: nginx
	//         resources: {}
	// status: {}
}
