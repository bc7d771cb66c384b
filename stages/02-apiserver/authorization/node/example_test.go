package node_test

import (
	"context"
	"fmt"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/node"
)

// The kubelet of worker-1 may read the secret its pod mounts, and not a
// secret no pod on worker-1 uses.
func Example() {
	graph := &node.StaticGraph{Pods: []corev1.Pod{{
		ObjectMeta: metav1.ObjectMeta{Name: "web-0", Namespace: "default"},
		Spec: corev1.PodSpec{NodeName: "worker-1", Volumes: []corev1.Volume{{
			Name: "tls", VolumeSource: corev1.VolumeSource{Secret: &corev1.SecretVolumeSource{SecretName: "web-tls"}},
		}}},
	}}}
	a := node.New(graph)
	kubelet := user.Info{Name: "system:node:worker-1", Groups: []string{user.NodesGroup}}
	for _, secret := range []string{"web-tls", "admin-token"} {
		d, reason, _ := a.Authorize(context.Background(), authorizer.Attributes{
			User: kubelet, Verb: "get", ResourceRequest: true, Resource: "secrets", Namespace: "default", Name: secret,
		})
		fmt.Printf("%s: %v (%s)\n", secret, d, reason)
	}
	// Output:
	// web-tls: Allow ()
	// admin-token: NoOpinion (no relationship found between node 'worker-1' and this object)
}
