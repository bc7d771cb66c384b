package podsecurity_test

import (
	"context"
	"fmt"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission/plugin/podsecurity"
)

// getter answers every namespace with the same labels.
type getter map[string]string

func (g getter) GetNamespace(_ context.Context, name string) (*corev1.Namespace, error) {
	return &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: g}}, nil
}

// A namespace that enforces baseline rejects a privileged pod with
// upstream's message.
func Example() {
	plugin, _ := podsecurity.New(podsecurity.Config{
		Namespaces: getter{podsecurity.EnforceLevelLabel: "baseline"},
	})
	yes := true
	pod := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "debug", Namespace: "default"},
		Spec: corev1.PodSpec{
			HostNetwork: true,
			Containers: []corev1.Container{{
				Name: "shell", Image: "busybox",
				SecurityContext: &corev1.SecurityContext{Privileged: &yes},
			}},
		},
	}
	err := plugin.Validate(context.Background(), &admission.Attributes{
		Operation: admission.Create,
		Resource:  metav1.GroupVersionResource{Version: "v1", Resource: "pods"},
		Namespace: "default", Name: "debug", Object: pod,
	})
	fmt.Println(err)
	// Output:
	// pods "debug" is forbidden: violates PodSecurity "baseline:latest": host namespaces (hostNetwork=true), privileged (container "shell" must not set securityContext.privileged=true)
}
