package metav1

import (
	"encoding/json"
	"testing"
)

// Talk 000, "Deployment and ReplicaSet controllers": a ReplicaSet marks the
// pods it creates, and recognises them by that mark.
func TestControllerRef(t *testing.T) {
	rs := &pod{ObjectMeta: ObjectMeta{Name: "web-5d9c", UID: "rs-uid"}}
	ref := NewControllerRef(rs, GroupVersionKind{Group: "apps", Version: "v1", Kind: "ReplicaSet"})
	got, _ := json.Marshal(ref)
	want := `{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-5d9c","uid":"rs-uid","controller":true,"blockOwnerDeletion":true}`
	if string(got) != want {
		t.Fatalf("NewControllerRef JSON:\n got %s\nwant %s", got, want)
	}

	notController := false
	child := &pod{ObjectMeta: ObjectMeta{Name: "web-5d9c-x", OwnerReferences: []OwnerReference{
		{APIVersion: "v1", Kind: "Node", Name: "n1", UID: "node-uid", Controller: &notController},
		*ref,
	}}}
	tests := []struct {
		name  string
		obj   *pod
		owner *pod
		want  bool
	}{
		{"controller matches by uid", child, rs, true},
		{"non-controller owner does not count", child, &pod{ObjectMeta: ObjectMeta{UID: "node-uid"}}, false},
		{"same name other uid is another object", child, &pod{ObjectMeta: ObjectMeta{Name: "web-5d9c", UID: "new"}}, false},
		{"no owners", &pod{}, rs, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := IsControlledBy(tc.obj, tc.owner); got != tc.want {
				t.Errorf("IsControlledBy = %v, want %v", got, tc.want)
			}
		})
	}

	found := GetControllerOf(child)
	if found == nil || found.UID != "rs-uid" {
		t.Fatalf("GetControllerOf = %+v", found)
	}
	*found.Controller = false
	*found.BlockOwnerDeletion = false
	if !*child.OwnerReferences[1].Controller || !*child.OwnerReferences[1].BlockOwnerDeletion {
		t.Error("GetControllerOf returned pointers into the object; it must copy")
	}
}
