package testserver_test

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/testserver"
)

func Example() {
	srv, err := testserver.New(testserver.WithBearerToken("s3cret", "alice"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()

	// A client that trusts the server's CA and sends the token.
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(srv.CAData())
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	body := `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings"},"data":{"color":"blue"}}`
	req, _ := http.NewRequest("POST", srv.URL+"/api/v1/namespaces/default/configmaps", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer s3cret")
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	var created map[string]any
	json.NewDecoder(resp.Body).Decode(&created)
	resp.Body.Close()
	fmt.Println(resp.Status, created["kind"])

	for _, r := range srv.Requests() {
		fmt.Println(r.Method, r.Path, "as", r.User, "by", r.AuthMethod)
	}
	obj, _ := srv.Object("v1", "ConfigMap", "default", "settings")
	fmt.Println(obj["data"])
	// Output:
	// 201 Created ConfigMap
	// POST /api/v1/namespaces/default/configmaps as alice by token
	// map[color:blue]
}
