package rest_test

import (
	"context"
	"encoding/pem"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/rest"
)

// A client that trusts the server's CA and sends a bearer token; the
// second request gets the server's 404 as a *StatusError.
func ExampleNew() {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer abc123" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		if r.URL.Path != "/version" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			_, _ = io.WriteString(w, `{"kind":"Status","apiVersion":"v1","status":"Failure",`+
				`"message":"deployments.apps \"web\" not found","reason":"NotFound","code":404}`)
			return
		}
		_, _ = io.WriteString(w, `{"major":"1","minor":"37","gitVersion":"v1.37.2"}`)
	}))
	defer srv.Close()
	ca := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})

	c, err := rest.New(&rest.Config{
		Host:            srv.URL,
		TLSClientConfig: rest.TLSClientConfig{CAData: ca},
		BearerToken:     "abc123",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	body, err := c.Get(context.Background(), "/version")
	fmt.Println(string(body), err)

	_, err = c.Get(context.Background(), "/apis/apps/v1/namespaces/default/deployments/web")
	fmt.Println(rest.IsNotFound(err))
	fmt.Println(err)
	// Output:
	// {"major":"1","minor":"37","gitVersion":"v1.37.2"} <nil>
	// true
	// Error from server (NotFound): deployments.apps "web" not found
}

// StatusError.Error is the line kubectl prints.
func ExampleStatusError() {
	err := &rest.StatusError{Code: 409, Status: metav1.Status{
		Reason:  metav1.StatusReasonAlreadyExists,
		Message: `pods "nginx" already exists`,
	}}
	fmt.Println(err)
	fmt.Println(rest.IsAlreadyExists(fmt.Errorf("create pod: %w", err)))
	// Output:
	// Error from server (AlreadyExists): pods "nginx" already exists
	// true
}
