package validation_test

import (
	"fmt"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/validation"
)

// deployment returns a defaulted Deployment whose template has no
// containers, as talk 002's dedented manifest arrives at the server.
func deployment() *appsv1.Deployment {
	replicas, grace := int32(1), int64(30)
	labels := map[string]string{"app": "static-site"}
	return &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: "static-site", Namespace: "default"},
		Spec: appsv1.DeploymentSpec{
			Replicas: &replicas,
			Selector: &metav1.LabelSelector{MatchLabels: labels},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: labels},
				Spec: corev1.PodSpec{
					RestartPolicy:                 corev1.RestartPolicyAlways,
					DNSPolicy:                     corev1.DNSClusterFirst,
					TerminationGracePeriodSeconds: &grace,
				},
			},
			Strategy: appsv1.DeploymentStrategy{Type: appsv1.RecreateDeploymentStrategyType},
		},
	}
}

func ExampleValidateCreate() {
	for _, err := range validation.ValidateCreate(deployment()) {
		fmt.Println(err)
	}
	// Output:
	// spec.template.spec.containers: Required value
}

func ExampleValidateUpdate() {
	old := deployment()
	old.Spec.Template.Spec.Containers = []corev1.Container{{
		Name: "nginx", Image: "nginx:1.27",
		TerminationMessagePolicy: corev1.TerminationMessageReadFile, ImagePullPolicy: corev1.PullIfNotPresent,
	}}
	// A shallow copy is enough: only whole fields are replaced below.
	updated := *old
	updated.Spec.Selector = &metav1.LabelSelector{MatchLabels: map[string]string{"app": "static-site", "tier": "web"}}
	updated.Spec.Template.Labels = map[string]string{"app": "static-site", "tier": "web"}
	fmt.Println(validation.ValidateUpdate(&updated, old).ToAggregate())
	// Output:
	// spec.selector: Invalid value: {"matchLabels":{"app":"static-site","tier":"web"}}: field is immutable
}
