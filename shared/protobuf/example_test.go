package protobuf_test

import (
	"bytes"
	"fmt"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/protobuf"
)

// A request body as kubectl's typed client sends it, and the server's
// side of reading it.
func ExampleEncodeObject() {
	cm := &corev1.ConfigMap{
		ObjectMeta: metav1.ObjectMeta{Name: "settings", Namespace: "default"},
		Data:       map[string]string{"color": "blue"},
	}
	body, err := protobuf.EncodeObject(cm, metav1.GroupVersionKind{Version: "v1", Kind: "ConfigMap"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("magic %q, protobuf: %v\n", body[:4], protobuf.IsProtobuf(body))

	gvk, raw, err := protobuf.DecodeObject(body)
	if err != nil {
		fmt.Println(err)
		return
	}
	var got corev1.ConfigMap
	if err := protobuf.Unmarshal(raw, &got); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(gvk.Kind, got.Namespace+"/"+got.Name, got.Data["color"])
	// Output:
	// magic "k8s\x00", protobuf: true
	// ConfigMap default/settings blue
}

// A watch stream: one length-prefixed frame per event.
func ExampleWatchWriter() {
	var stream bytes.Buffer
	w := protobuf.NewWatchWriter(&stream)
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "team-a"}}
	if err := w.Write(metav1.Added, ns, metav1.GroupVersionKind{Version: "v1", Kind: "Namespace"}); err != nil {
		fmt.Println(err)
		return
	}
	eventType, object, err := protobuf.NewWatchReader(&stream).Read()
	if err != nil {
		fmt.Println(err)
		return
	}
	gvk, _, _ := protobuf.DecodeObject(object)
	fmt.Println(eventType, gvk.Kind)
	// Output:
	// ADDED Namespace
}
