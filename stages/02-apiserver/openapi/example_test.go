package openapi_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"

	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/openapi"
)

// The index lists one document per group-version served; a client fetches
// each by the URL given, whose hash changes whenever the document does.
func ExampleNew() {
	spec := openapi.New(scheme.All(), "v1.37.2")

	var index struct {
		Paths map[string]struct {
			ServerRelativeURL string `json:"serverRelativeURL"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(spec.V3Index(), &index); err != nil {
		panic(err)
	}
	var paths []string
	for p := range index.Paths {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		fmt.Println(p)
	}
	url := index.Paths["apis/apps/v1"].ServerRelativeURL
	fmt.Println(url[:strings.Index(url, "=")+1] + "...")
	// Output:
	// api/v1
	// apis/admissionregistration.k8s.io/v1
	// apis/apps/v1
	// apis/authentication.k8s.io/v1
	// apis/authorization.k8s.io/v1
	// apis/batch/v1
	// apis/coordination.k8s.io/v1
	// apis/discovery.k8s.io/v1
	// apis/events.k8s.io/v1
	// apis/rbac.authorization.k8s.io/v1
	// /openapi/v3/apis/apps/v1?hash=...
}

// A Deployment's schema, as kubectl finds it: the definition marked with
// its kind.
func ExampleSpec_V3() {
	spec := openapi.New(scheme.All(), "v1.37.2")
	data, _ := spec.V3("apis/apps/v1")

	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Required []string         `json:"required"`
				GVK      []map[string]any `json:"x-kubernetes-group-version-kind"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		panic(err)
	}
	fmt.Println(doc.Components.Schemas["io.k8s.api.apps.v1.Deployment"].GVK)
	fmt.Println(doc.Components.Schemas["io.k8s.api.apps.v1.DeploymentSpec"].Required)
	// Output:
	// [map[group:apps kind:Deployment version:v1]]
	// [selector template]
}

// Served over HTTP, a document fetched by its hash is immutable: clients
// cache it until the index names another hash.
func ExampleSpec_ServeHTTP() {
	spec := openapi.New(scheme.All(), "v1.37.2")
	server := httptest.NewServer(spec)
	defer server.Close()

	var index struct {
		Paths map[string]struct {
			ServerRelativeURL string `json:"serverRelativeURL"`
		} `json:"paths"`
	}
	res, err := http.Get(server.URL + "/openapi/v3")
	if err != nil {
		panic(err)
	}
	if err := json.NewDecoder(res.Body).Decode(&index); err != nil {
		panic(err)
	}
	res.Body.Close()

	res, err = http.Get(server.URL + index.Paths["api/v1"].ServerRelativeURL)
	if err != nil {
		panic(err)
	}
	res.Body.Close()
	fmt.Println(res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Cache-Control"))
	// Output:
	// 200 application/json public, immutable
}
