package registry_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
)

// Talk 004, steps 2 and 7, and talk 000, "Write to etcd!": kubectl
// apply's Deployment is stored with what the server adds, a second create
// of the name is refused, and the scheduler binds a pod to a node.
func Example() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "registry-example")
	defer os.RemoveAll(dir)
	etcd, err := storage.StartEmbedded(ctx, filepath.Join(dir, "etcd"), storage.EmbedOptions{UnsafeNoFsync: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer etcd.Close()
	client, err := storage.Dial(ctx, etcd.Endpoints(), storage.TLSOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer client.Close()

	reg, err := registry.New(storage.New(client, storage.Options{}), registry.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := reg.Bootstrap(ctx); err != nil { // default, kube-system, ...
		fmt.Println(err)
		return
	}

	deployments, _ := reg.Storage("apps", "deployments")
	out, _ := deployments.Create(ctx, "default", newDeployment("myapp", 3), registry.CreateOptions{})
	d := out.(*appsv1.Deployment)
	fmt.Println(d.Name, "generation", d.Generation, "strategy", d.Spec.Strategy.Type, "uid set:", d.UID != "")

	_, err = deployments.Create(ctx, "default", newDeployment("myapp", 3), registry.CreateOptions{})
	fmt.Println(err)

	pods, _ := reg.Storage("", "pods")
	pod := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "myapp-1"},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "myapp", Image: "myapp:1.0.0"}}},
	}
	_, _ = pods.Create(ctx, "default", pod, registry.CreateOptions{})
	binding := &corev1.Binding{ObjectMeta: metav1.ObjectMeta{Name: "myapp-1"}, Target: corev1.ObjectReference{Kind: "Node", Name: "worker-1"}}
	if _, err := reg.Binding().Bind(ctx, "default", binding, registry.CreateOptions{}); err != nil {
		fmt.Println(err)
	}
	out, _ = pods.Get(ctx, registry.Key{Namespace: "default", Name: "myapp-1"}, registry.GetOptions{})
	bound := out.(*corev1.Pod)
	fmt.Println(bound.Name, "on", bound.Spec.NodeName, "phase", bound.Status.Phase)
	// Output:
	// myapp generation 1 strategy RollingUpdate uid set: true
	// deployments.apps "myapp" already exists
	// myapp-1 on worker-1 phase Pending
}
