package scheme_test

import (
	"fmt"
	"time"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
)

func ExampleByShortName() {
	res, _ := scheme.ByShortName("deploy")
	fmt.Println(res.GroupVersionResource(), res.Kind, res.Namespaced, res.Categories)
	// Output: apps/v1, Resource=deployments Deployment true [all]
}

func ExampleTableFor() {
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	replicas := int32(3)
	d := &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: "myapp", CreationTimestamp: metav1.NewTime(now.Add(-90 * time.Second))},
		Spec:       appsv1.DeploymentSpec{Replicas: &replicas},
		Status:     appsv1.DeploymentStatus{ReadyReplicas: 2, UpdatedReplicas: 3, AvailableReplicas: 2},
	}
	res, _ := scheme.ByResource("apps", "deployments")
	table, err := scheme.TableFor(res, []metav1.Object{d}, scheme.TableOptions{Now: now})
	if err != nil {
		fmt.Println(err)
		return
	}
	var headers []any
	for _, c := range table.ColumnDefinitions {
		headers = append(headers, c.Name)
	}
	fmt.Println(headers...)
	fmt.Println(table.Rows[0].Cells...)
	// Output:
	// Name Ready Up-to-date Available Age
	// myapp 2/3 3 2 90s
}

func ExampleHumanDuration() {
	fmt.Println(scheme.HumanDuration(90*time.Second), scheme.HumanDuration(5*time.Minute+7*time.Second), scheme.HumanDuration(50*time.Hour))
	// Output: 90s 5m7s 2d2h
}

func ExampleAPIResourceList() {
	list, _ := scheme.APIResourceList("apps/v1")
	for _, r := range list.APIResources {
		fmt.Println(r.Name, r.Kind, r.Verbs)
	}
	// Output:
	// deployments Deployment [create delete deletecollection get list patch update watch]
	// deployments/scale Scale [get patch update]
	// deployments/status Deployment [get patch update]
	// replicasets ReplicaSet [create delete deletecollection get list patch update watch]
	// replicasets/scale Scale [get patch update]
	// replicasets/status ReplicaSet [get patch update]
}
