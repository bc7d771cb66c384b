package discovery_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/discovery"
)

// A client that asks /apis for the aggregated form learns every group's
// resources in one request; the answer says which form it is in its
// Content-Type.
func ExampleNew() {
	d := discovery.New(discovery.Options{ExternalAddress: "127.0.0.1:6443"})
	mux := http.NewServeMux()
	for _, p := range d.Patterns() {
		mux.Handle(p, d)
	}

	req := httptest.NewRequest(http.MethodGet, "/apis", nil)
	req.Header.Set("Accept", discovery.ContentTypeAggregated+",application/json")
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)

	var list metav1.APIGroupDiscoveryList
	if err := json.Unmarshal(rec.Body.Bytes(), &list); err != nil {
		panic(err)
	}
	fmt.Println(rec.Header().Get("Content-Type"))
	for _, g := range list.Items {
		if g.Name == "apps" {
			for _, r := range g.Versions[0].Resources {
				if r.Resource == "deployments" {
					fmt.Println(g.Name+"/"+g.Versions[0].Version, r.Resource, r.Scope, r.ShortNames)
				}
			}
		}
	}
	// Output:
	// application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList
	// apps/v1 deployments Namespaced [deploy]
}
