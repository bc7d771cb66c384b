package policyv1

import (
	"encoding/json"
	"testing"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// `kubectl drain` sends this body for each pod of the node.
func TestEvictionJSON(t *testing.T) {
	grace := int64(0)
	ev := Eviction{
		TypeMeta:      metav1.TypeMeta{Kind: "Eviction", APIVersion: "policy/v1"},
		ObjectMeta:    metav1.ObjectMeta{Name: "web-1", Namespace: "default"},
		DeleteOptions: &metav1.DeleteOptions{GracePeriodSeconds: &grace},
	}
	got, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"kind":"Eviction","apiVersion":"policy/v1","metadata":{"name":"web-1","namespace":"default"},"deleteOptions":{"gracePeriodSeconds":0}}`
	if string(got) != want {
		t.Errorf("JSON = %s\nwant   %s", got, want)
	}
	var back Eviction
	if err := json.Unmarshal(got, &back); err != nil || back.Name != "web-1" || *back.DeleteOptions.GracePeriodSeconds != 0 {
		t.Errorf("round trip = %+v, %v", back, err)
	}
}
