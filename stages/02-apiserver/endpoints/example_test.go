package endpoints_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/endpoints"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/endpoints/internal/fakeregistry"
)

// A Deployment created and read back through the handler, as kubectl
// does in talk 004's step 2.
func ExampleNew() {
	srv := httptest.NewServer(endpoints.New(fakeregistry.New(), endpoints.Options{}))
	defer srv.Close()

	body := `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"myapp"},"spec":{"replicas":3}}`
	resp, _ := http.Post(srv.URL+"/apis/apps/v1/namespaces/default/deployments", "application/json", strings.NewReader(body))
	resp.Body.Close()
	fmt.Println("create:", resp.StatusCode)

	resp, _ = http.Get(srv.URL + "/apis/apps/v1/namespaces/default/deployments/nope")
	resp.Body.Close()
	fmt.Println("get a missing one:", resp.StatusCode)
	// Output:
	// create: 201
	// get a missing one: 404
}

// The RequestInfo an authorizer decides on.
func ExampleNewRequestInfo() {
	req := httptest.NewRequest("GET", "/apis/apps/v1/namespaces/default/deployments?watch=true", nil)
	info, _ := endpoints.NewRequestInfo(req)
	fmt.Println(info.Verb, info.APIGroup, info.Namespace, info.Resource)
	// Output: watch apps default deployments
}
