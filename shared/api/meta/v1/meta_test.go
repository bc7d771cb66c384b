package metav1

import (
	"encoding/json"
	"testing"
	"time"
)

// pod is a minimal top-level object: how every per-group type embeds the
// header and metadata.
type pod struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`
}

// Talk 004, step 2 ("save objects"): an object as the server stores it,
// with the server-set fields in upstream's order.
func TestObjectMetaJSON(t *testing.T) {
	created := Date(2024, time.May, 1, 10, 0, 0, 0, time.UTC)
	grace := int64(30)
	tests := []struct {
		name string
		obj  pod
		want string
	}{
		{
			name: "manifest without server fields omits creationTimestamp entirely",
			obj: pod{
				TypeMeta:   TypeMeta{Kind: "Pod", APIVersion: "v1"},
				ObjectMeta: ObjectMeta{Name: "web", Namespace: "default"},
			},
			want: `{"kind":"Pod","apiVersion":"v1","metadata":{"name":"web","namespace":"default"}}`,
		},
		{
			name: "stored object in upstream field order",
			obj: pod{
				TypeMeta: TypeMeta{Kind: "Pod", APIVersion: "v1"},
				ObjectMeta: ObjectMeta{
					Name:                       "web",
					GenerateName:               "web-",
					Namespace:                  "default",
					UID:                        "6f1c",
					ResourceVersion:            "42",
					Generation:                 2,
					CreationTimestamp:          created,
					DeletionTimestamp:          &created,
					DeletionGracePeriodSeconds: &grace,
					Labels:                     map[string]string{"app": "web"},
					Annotations:                map[string]string{"note": "x"},
					Finalizers:                 []string{"example.com/hold"},
				},
			},
			want: `{"kind":"Pod","apiVersion":"v1","metadata":{"name":"web","generateName":"web-","namespace":"default",` +
				`"uid":"6f1c","resourceVersion":"42","generation":2,"creationTimestamp":"2024-05-01T10:00:00Z",` +
				`"deletionTimestamp":"2024-05-01T10:00:00Z","deletionGracePeriodSeconds":30,"labels":{"app":"web"},` +
				`"annotations":{"note":"x"},"finalizers":["example.com/hold"]}}`,
		},
		{
			name: "empty metadata is still written, as upstream's struct omitempty does",
			obj:  pod{TypeMeta: TypeMeta{Kind: "Pod", APIVersion: "v1"}},
			want: `{"kind":"Pod","apiVersion":"v1","metadata":{}}`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := json.Marshal(tc.obj)
			if err != nil {
				t.Fatalf("marshal: %v", err)
			}
			if string(got) != tc.want {
				t.Errorf("marshal:\n got %s\nwant %s", got, tc.want)
			}
			var back pod
			if err := json.Unmarshal(got, &back); err != nil {
				t.Fatalf("unmarshal: %v", err)
			}
			again, _ := json.Marshal(back)
			if string(again) != tc.want {
				t.Errorf("round trip:\n got %s\nwant %s", again, tc.want)
			}
		})
	}
}

// Older servers and clients wrote "creationTimestamp": null; it must decode
// to the zero time and then disappear.
func TestObjectMetaAcceptsNullCreationTimestamp(t *testing.T) {
	var p pod
	if err := json.Unmarshal([]byte(`{"kind":"Pod","apiVersion":"v1","metadata":{"name":"a","creationTimestamp":null}}`), &p); err != nil {
		t.Fatalf("unmarshal: %v", err)
	}
	if !p.CreationTimestamp.IsZero() {
		t.Errorf("CreationTimestamp = %v, want zero", p.CreationTimestamp)
	}
	got, _ := json.Marshal(p)
	if want := `{"kind":"Pod","apiVersion":"v1","metadata":{"name":"a"}}`; string(got) != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestManagedFieldsRoundTrip(t *testing.T) {
	in := `{"name":"a","managedFields":[{"manager":"kubectl-client-side-apply","operation":"Update","apiVersion":"v1",` +
		`"time":"2024-05-01T10:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{".":{}}}},"subresource":"status"}]}`
	var m ObjectMeta
	if err := json.Unmarshal([]byte(in), &m); err != nil {
		t.Fatalf("unmarshal: %v", err)
	}
	if got := m.ManagedFields[0].Operation; got != ManagedFieldsOperationUpdate {
		t.Errorf("operation = %q, want %q", got, ManagedFieldsOperationUpdate)
	}
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	if string(out) != in {
		t.Errorf("round trip:\n got %s\nwant %s", out, in)
	}
}

func TestListMetaJSON(t *testing.T) {
	remaining := int64(7)
	got, _ := json.Marshal(ListMeta{ResourceVersion: "10", Continue: "tok", RemainingItemCount: &remaining})
	if want := `{"resourceVersion":"10","continue":"tok","remainingItemCount":7}`; string(got) != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// Talk 001, "Client Interactions": kubectl finds the schema from apiVersion
// and kind alone.
func TestTypeMetaGroupVersionKind(t *testing.T) {
	tests := []struct {
		name string
		in   TypeMeta
		want GroupVersionKind
	}{
		{"named group", TypeMeta{APIVersion: "apps/v1", Kind: "Deployment"}, GroupVersionKind{Group: "apps", Version: "v1", Kind: "Deployment"}},
		{"core group", TypeMeta{APIVersion: "v1", Kind: "Pod"}, GroupVersionKind{Version: "v1", Kind: "Pod"}},
		{"unparsable apiVersion keeps the kind", TypeMeta{APIVersion: "a/b/c", Kind: "X"}, GroupVersionKind{Kind: "X"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.in.GroupVersionKind(); got != tc.want {
				t.Errorf("GroupVersionKind() = %+v, want %+v", got, tc.want)
			}
			var set TypeMeta
			set.SetGroupVersionKind(tc.want)
			if tc.want.Version != "" && set != tc.in {
				t.Errorf("SetGroupVersionKind round trip = %+v, want %+v", set, tc.in)
			}
		})
	}
}

func TestObjectInterfaceThroughEmbedding(t *testing.T) {
	p := &pod{ObjectMeta: ObjectMeta{Name: "web"}}
	var obj Object = p
	obj.GetObjectMeta().Namespace = "prod"
	obj.GetObjectKind().SetGroupVersionKind(GroupVersionKind{Version: "v1", Kind: "Pod"})
	if p.Namespace != "prod" || p.Kind != "Pod" || p.APIVersion != "v1" {
		t.Errorf("writes through the interface did not reach the object: %+v", p)
	}
}
