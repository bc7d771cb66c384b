package corev1_test

import (
	"encoding/json"
	"fmt"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// A minimal pod, as kubectl run would send it. Note "resources":{} and
// "status":{}: both are struct values, which encoding/json never omits.
func Example() {
	pod := corev1.Pod{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"},
		ObjectMeta: metav1.ObjectMeta{Name: "nginx", Labels: map[string]string{"run": "nginx"}},
		Spec: corev1.PodSpec{
			Containers:    []corev1.Container{{Name: "nginx", Image: "nginx"}},
			RestartPolicy: corev1.RestartPolicyAlways,
			DNSPolicy:     corev1.DNSClusterFirst,
		},
	}
	out, _ := json.Marshal(pod)
	fmt.Println(string(out))
	// Output:
	// {"kind":"Pod","apiVersion":"v1","metadata":{"name":"nginx","labels":{"run":"nginx"}},"spec":{"containers":[{"name":"nginx","image":"nginx","resources":{}}],"restartPolicy":"Always","dnsPolicy":"ClusterFirst"},"status":{}}
}

func ExampleIsPodReady() {
	pod := &corev1.Pod{Status: corev1.PodStatus{Conditions: []corev1.PodCondition{
		{Type: corev1.PodScheduled, Status: corev1.ConditionTrue},
		{Type: corev1.PodReady, Status: corev1.ConditionFalse, Reason: "ContainersNotReady"},
	}}}
	fmt.Println(corev1.IsPodReady(pod))

	_, ready := corev1.GetPodCondition(&pod.Status, corev1.PodReady)
	ready.Status = corev1.ConditionTrue // the kubelet's readiness probe passed
	fmt.Println(corev1.IsPodReady(pod))
	// Output:
	// false
	// true
}

func ExampleTaint_ToString() {
	taints := []corev1.Taint{
		{Key: "dedicated", Value: "web", Effect: corev1.TaintEffectNoSchedule},
		{Key: corev1.TaintNodeNotReady, Effect: corev1.TaintEffectNoExecute},
	}
	for _, t := range taints {
		fmt.Println(t.ToString())
	}
	// Output:
	// dedicated=web:NoSchedule
	// node.kubernetes.io/not-ready:NoExecute
}

func ExampleToleration_ToleratesTaint() {
	taint := corev1.Taint{Key: "dedicated", Value: "web", Effect: corev1.TaintEffectNoSchedule}
	tolerations := []corev1.Toleration{
		{Key: "dedicated", Operator: corev1.TolerationOpEqual, Value: "web"},
		{Key: "dedicated", Operator: corev1.TolerationOpEqual, Value: "db"},
		{Operator: corev1.TolerationOpExists},
	}
	for _, tol := range tolerations {
		fmt.Println(tol.ToleratesTaint(&taint))
	}
	// Output:
	// true
	// false
	// true
}
