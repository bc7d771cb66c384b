package metav1_test

import (
	"encoding/json"
	"fmt"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// A top-level kind embeds TypeMeta inline and ObjectMeta as "metadata".
type configMap struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Data              map[string]string `json:"data,omitempty"`
}

func Example() {
	cm := &configMap{
		TypeMeta:   metav1.TypeMeta{Kind: "ConfigMap", APIVersion: "v1"},
		ObjectMeta: metav1.ObjectMeta{Name: "nginx", Namespace: "default"},
		Data:       map[string]string{"nginx.conf": "server {}"},
	}
	data, _ := json.Marshal(cm)
	fmt.Println(string(data))

	var obj metav1.Object = cm
	fmt.Println(obj.GetObjectKind().GroupVersionKind(), obj.GetObjectMeta().Name)
	// Output:
	// {"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"nginx","namespace":"default"},"data":{"nginx.conf":"server {}"}}
	// /v1, Kind=ConfigMap nginx
}

func ExampleParseGroupVersion() {
	gv, _ := metav1.ParseGroupVersion("apps/v1")
	fmt.Println(gv.Group, gv.Version, gv.WithResource("deployments"))
	core, _ := metav1.ParseGroupVersion("v1")
	fmt.Printf("%q %q\n", core.Group, core.Version)
	// Output:
	// apps v1 apps/v1, Resource=deployments
	// "" "v1"
}

func ExampleStatus() {
	var st metav1.Status
	_ = json.Unmarshal([]byte(`{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",`+
		`"message":"pods \"web\" not found","reason":"NotFound","details":{"name":"web","kind":"pods"},"code":404}`), &st)
	fmt.Printf("Error from server (%s): %s\n", st.Reason, st.Message)
	// Output:
	// Error from server (NotFound): pods "web" not found
}
