package discovery_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/discovery"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/rest"
)

// cannedServer answers GETs from a map of path → JSON body, standing in for
// a *rest.Client talking to a server that offers only the older discovery
// format.
type cannedServer map[string]string

type notFound struct{}

func (notFound) Error() string   { return "the server could not find the requested resource" }
func (notFound) StatusCode() int { return http.StatusNotFound }

func (s cannedServer) Do(_ context.Context, req rest.Request) (*rest.Response, error) {
	body, ok := s[req.Path]
	if !ok {
		return nil, notFound{}
	}
	return &rest.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}}, Body: []byte(body)}, nil
}

func ExampleServerCacheDir() {
	dir := discovery.ServerCacheDir("/home/me/.kube/cache", "https://127.0.0.1:6443")
	fmt.Println(dir)
	// Output: /home/me/.kube/cache/discovery/127.0.0.1_6443
}

func ExampleMapper_ResourceFor() {
	server := cannedServer{
		"/api":    `{"kind":"APIVersions","versions":["v1"]}`,
		"/apis":   `{"kind":"APIGroupList","groups":[{"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}],"preferredVersion":{"groupVersion":"apps/v1","version":"v1"}}]}`,
		"/api/v1": `{"kind":"APIResourceList","groupVersion":"v1","resources":[{"name":"pods","singularName":"pod","namespaced":true,"kind":"Pod","verbs":["get","list"],"shortNames":["po"]}]}`,
		"/apis/apps/v1": `{"kind":"APIResourceList","groupVersion":"apps/v1","resources":[` +
			`{"name":"deployments","singularName":"deployment","namespaced":true,"kind":"Deployment","verbs":["get","list"],"shortNames":["deploy"]}]}`,
	}
	root, _ := os.MkdirTemp("", "kube-cache")
	defer os.RemoveAll(root)
	dir := discovery.ServerCacheDir(root, "https://127.0.0.1:6443")

	mapper := discovery.NewMapper(discovery.New(server, dir))
	for _, arg := range []string{"po", "deploy", "Deployment.apps", "foo"} {
		m, err := mapper.ResourceFor(context.Background(), arg)
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Printf("%s → %s (namespaced: %v)\n", arg, m.GroupVersionResource(), m.Namespaced)
	}

	// The answers are on disk now, in the upstream kubectl's layout.
	for _, f := range []string{"servergroups.json", "v1/serverresources.json", "apps/v1/serverresources.json"} {
		_, err := os.Stat(filepath.Join(dir, f))
		fmt.Println(f, err == nil)
	}
	// Output:
	// po → /v1, Resource=pods (namespaced: true)
	// deploy → apps/v1, Resource=deployments (namespaced: true)
	// Deployment.apps → apps/v1, Resource=deployments (namespaced: true)
	// error: the server doesn't have a resource type "foo"
	// servergroups.json true
	// v1/serverresources.json true
	// apps/v1/serverresources.json true
}
