// Package testserver is a fake Kubernetes API server for stage-1 tests: an
// httptest TLS server on 127.0.0.1 that serves discovery, OpenAPI v3,
// /version and a small in-memory object store, and records every request
// it receives.
//
// kubectl's tests point a real client at it and then assert on what
// arrived: which paths, which headers, which credentials, how many
// discovery requests (none, on a warm cache):
//
//	srv := testserver.Start(t, testserver.WithClientCertAuth())
//	kubeconfig := srv.Kubeconfig(t)         // server URL, CA, client certificate
//	run(t, "--kubeconfig", kubeconfig, "get", "pods")
//	for _, r := range srv.Requests() {
//		t.Log(r.Method, r.Path, r.User)      // GET /api/v1/namespaces/default/pods kubeworkbook-test-user
//	}
//
// Everything it serves is derived from shared/scheme (the resource table)
// and stages/01-kubectl/schema (the built-in OpenAPI schemas); a test adds
// custom resources with AddResource, objects with WithObjects or Create,
// and failures with Inject. Bodies are held to what the API server
// demands: they must fit the kind's Go type, and unknown fields are
// refused, dropped with a warning, or dropped, as ?fieldValidation says -
// so the upstream kubectl, which leaves that check to the server, can be
// pointed at it too.
//
// Files, in the order a request meets them: server.go (start, options,
// authentication, routing), recorder.go, faults.go, discovery.go,
// openapi.go and openapi_paths.go, kubeconfig.go (/version and the
// kubeconfig), routes.go, objects.go, decode.go (request bodies),
// list.go, delete.go, patch.go, watch.go, table.go, store.go, status.go
// (the error answers), resources.go, setup.go and certs.go.
//
// It stands in for the stage-2 API server until that exists, and keeps
// stage-1 tests fast afterwards. Talk 000, "Server side authentication",
// "API discovery"; talk 004, step 2 ("save objects").
package testserver
