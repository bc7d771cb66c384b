package patch_test

import (
	"encoding/json"
	"fmt"
	"time"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/patch"
)

// The kubectl patch task's sidecar: a strategic merge patch adds a
// container beside the existing one, where a JSON merge patch would
// replace the list.
func ExampleStrategicMergePatch() {
	live := []byte(`{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx"}]}}}}`)
	sidecar := []byte(`{"spec":{"template":{"spec":{"containers":[{"name":"redis","image":"redis"}]}}}}`)
	schema := patch.LookupFor(&appsv1.Deployment{})

	merged, _ := patch.StrategicMergePatch(live, sidecar, schema)
	replaced, _ := patch.Apply(patch.MergePatchType, live, sidecar, schema)
	fmt.Printf("strategic: %s\nmerge:     %s\n", merged, replaced)
	// Output:
	// strategic: {"spec":{"template":{"spec":{"containers":[{"image":"redis","name":"redis"},{"image":"nginx","name":"nginx"}]}}}}
	// merge:     {"spec":{"template":{"spec":{"containers":[{"name":"redis","image":"redis"}]}}}}
}

// Talk 004, step 1, server side: kubectl applies a Deployment, which
// creates it and records kubectl as the owner of its fields; a second
// manager that wants other replicas conflicts, until it forces.
func ExampleFieldManager_Apply() {
	m := &patch.FieldManager{
		Schema:      patch.LookupFor(&appsv1.Deployment{}),
		APIVersion:  "apps/v1",
		ResetFields: []string{"status"},
		Now:         func() time.Time { return time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC) },
	}
	config := []byte(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: myapp
spec:
  replicas: 3
`)
	created, _ := m.Apply(nil, config, "kubectl", false)
	var obj struct {
		Metadata struct {
			ManagedFields []struct {
				Manager, Operation string
				FieldsV1           json.RawMessage
			}
		}
	}
	_ = json.Unmarshal(created, &obj)
	for _, e := range obj.Metadata.ManagedFields {
		fmt.Println(e.Manager, e.Operation, string(e.FieldsV1))
	}

	scale := []byte(`{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"myapp"},"spec":{"replicas":5}}`)
	_, err := m.Apply(created, scale, "autoscaler", false)
	fmt.Println(patch.AsStatus(err).Code, err)
	forced, err := m.Apply(created, scale, "autoscaler", true)
	var after struct{ Spec struct{ Replicas int } }
	_ = json.Unmarshal(forced, &after)
	fmt.Println("forced:", err, after.Spec.Replicas)
	// Output:
	// kubectl Apply {"f:spec":{"f:replicas":{}}}
	// 409 Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas
	// forced: <nil> 5
}

// An update records its manager too; ManagerOrUserAgent names it from the
// User-Agent when the request has no fieldManager parameter.
func ExampleFieldManager_RecordUpdate() {
	m := &patch.FieldManager{
		Schema:     patch.LookupFor(&appsv1.Deployment{}),
		APIVersion: "apps/v1",
		Now:        func() time.Time { return time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC) },
	}
	old := []byte(`{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"ghost"},"spec":{"replicas":1}}`)
	edited := []byte(`{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"ghost"},"spec":{"replicas":3}}`)
	manager := patch.ManagerOrUserAgent("", "kubectl-edit/v1.37.2 (linux/amd64) kubernetes/abc1234")

	out, _ := m.RecordUpdate(old, edited, manager)
	var obj map[string]any
	_ = json.Unmarshal(out, &obj)
	entry := obj["metadata"].(map[string]any)["managedFields"].([]any)[0]
	b, _ := json.Marshal(entry)
	fmt.Println(string(b))
	// Output:
	// {"apiVersion":"apps/v1","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:replicas":{}}},"manager":"kubectl-edit","operation":"Update","time":"2024-05-01T10:00:00Z"}
}

// A create or PUT holds its object as a Go value: UpdateManagedFields
// gives the entries to set on it, the ones RecordUpdate would write.
func ExampleFieldManager_UpdateManagedFields() {
	m := &patch.FieldManager{
		Schema:     patch.LookupFor(&appsv1.Deployment{}),
		APIVersion: "apps/v1",
		Now:        func() time.Time { return time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC) },
	}
	created := []byte(`{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"ghost"},"spec":{"replicas":1}}`)

	entries, _ := m.UpdateManagedFields(nil, created, "kubectl-create") // nil: a create
	for _, e := range entries {
		fmt.Println(e.Manager, e.Operation, string(e.FieldsV1.Raw))
	}
	// Output:
	// kubectl-create Update {"f:spec":{"f:replicas":{}}}
}
