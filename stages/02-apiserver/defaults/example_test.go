package defaults_test

import (
	"fmt"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/defaults"
)

// The Deployment `kubectl create deployment nginx --image=nginx` sends,
// defaulted as the API server does before storing it.
func ExampleDefault() {
	labels := map[string]string{"app": "nginx"}
	d := &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: "nginx", Labels: labels},
		Spec: appsv1.DeploymentSpec{
			Selector: &metav1.LabelSelector{MatchLabels: labels},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: labels},
				Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "nginx", Image: "nginx"}}},
			},
		},
	}
	defaults.Default(d)

	ru := d.Spec.Strategy.RollingUpdate
	c := d.Spec.Template.Spec.Containers[0]
	fmt.Println("replicas:", *d.Spec.Replicas)
	fmt.Println("strategy:", d.Spec.Strategy.Type, ru.MaxUnavailable, ru.MaxSurge)
	fmt.Println("revisionHistoryLimit:", *d.Spec.RevisionHistoryLimit)
	fmt.Println("progressDeadlineSeconds:", *d.Spec.ProgressDeadlineSeconds)
	fmt.Println("imagePullPolicy:", c.ImagePullPolicy)
	fmt.Println("restartPolicy:", d.Spec.Template.Spec.RestartPolicy)
	// Output:
	// replicas: 1
	// strategy: RollingUpdate 25% 25%
	// revisionHistoryLimit: 10
	// progressDeadlineSeconds: 600
	// imagePullPolicy: Always
	// restartPolicy: Always
}

func ExampleImagePullPolicy() {
	for _, image := range []string{"nginx", "nginx:latest", "nginx:1.27", "localhost:5000/app:v1"} {
		fmt.Printf("%-22s %s\n", image, defaults.ImagePullPolicy(image))
	}
	// Output:
	// nginx                  Always
	// nginx:latest           Always
	// nginx:1.27             IfNotPresent
	// localhost:5000/app:v1  IfNotPresent
}

// `kubectl expose deployment nginx --port=80`: the Service as defaulted,
// then given its IP families on a single-stack IPv4 cluster.
func ExampleServiceIPFamilies() {
	svc := &corev1.Service{Spec: corev1.ServiceSpec{
		Selector: map[string]string{"app": "nginx"},
		Ports:    []corev1.ServicePort{{Port: 80}},
	}}
	defaults.Default(svc)
	defaults.ServiceIPFamilies(svc, nil, corev1.IPv4Protocol)

	p := svc.Spec.Ports[0]
	fmt.Println(svc.Spec.Type, svc.Spec.SessionAffinity, *svc.Spec.InternalTrafficPolicy)
	fmt.Println(p.Port, p.Protocol, p.TargetPort.String())
	fmt.Println(*svc.Spec.IPFamilyPolicy, svc.Spec.IPFamilies)
	// Output:
	// ClusterIP None Cluster
	// 80 TCP 80
	// SingleStack [IPv4]
}

func ExamplePrepareNamespaceForCreate() {
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "dev"}}
	defaults.Default(ns)
	defaults.PrepareNamespaceForCreate(ns)
	fmt.Println(ns.Labels[defaults.LabelMetadataName], ns.Spec.Finalizers, ns.Status.Phase)
	// Output:
	// dev [kubernetes] Active
}
