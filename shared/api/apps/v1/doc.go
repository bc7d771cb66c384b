// Package appsv1 holds the Go types of the apps/v1 API group: Deployments
// and the ReplicaSets they manage.
//
// The types mirror k8s.io/api/apps/v1 at Kubernetes v1.37 for the fields
// this project uses: same JSON names, omitempty, pointers and field order,
// so that
//
//	kubectl create deployment nginx --image=nginx --dry-run=client -o yaml
//
// prints exactly what upstream prints, down to "strategy: {}" (a struct
// value) and "status: {}".
//
// Usage:
//
//	replicas := int32(1)
//	labels := map[string]string{"app": "nginx"}
//	d := &appsv1.Deployment{
//		TypeMeta:   metav1.TypeMeta{APIVersion: "apps/v1", Kind: "Deployment"},
//		ObjectMeta: metav1.ObjectMeta{Name: "nginx", Labels: labels},
//		Spec: appsv1.DeploymentSpec{
//			Replicas: &replicas,
//			Selector: &metav1.LabelSelector{MatchLabels: labels},
//			Template: corev1.PodTemplateSpec{
//				ObjectMeta: metav1.ObjectMeta{Labels: labels},
//				Spec: corev1.PodSpec{Containers: []corev1.Container{
//					{Name: "nginx", Image: "nginx"},
//				}},
//			},
//		},
//	}
//
// Talk 000, "Deployments controller" and "Replicaset controller": a
// Deployment owns ReplicaSets, one per pod template, told apart by the
// pod-template-hash label; each ReplicaSet owns its pods. The controllers
// are in stage 3.
//
// Kinds are registered once, in shared/scheme; this package registers
// nothing.
package appsv1
