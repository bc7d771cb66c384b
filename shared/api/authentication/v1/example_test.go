package authenticationv1_test

import (
	"encoding/json"
	"fmt"

	authenticationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authentication/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// What `kubectl create token builder --duration=1h` posts to
// /api/v1/namespaces/default/serviceaccounts/builder/token.
func Example() {
	seconds := int64(3600)
	req := authenticationv1.TokenRequest{
		TypeMeta:   metav1.TypeMeta{APIVersion: "authentication.k8s.io/v1", Kind: "TokenRequest"},
		ObjectMeta: metav1.ObjectMeta{Name: "builder", Namespace: "default"},
		Spec:       authenticationv1.TokenRequestSpec{ExpirationSeconds: &seconds},
	}
	out, _ := json.Marshal(req)
	fmt.Println(string(out))
	// Output:
	// {"kind":"TokenRequest","apiVersion":"authentication.k8s.io/v1","metadata":{"name":"builder","namespace":"default"},"spec":{"audiences":null,"expirationSeconds":3600,"boundObjectRef":null},"status":{"token":"","expirationTimestamp":null}}
}
