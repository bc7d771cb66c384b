package testserver_test

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/testserver"
)

// httpClient returns a client that trusts srv's CA and presents cert when
// it is not nil.
func httpClient(t *testing.T, srv *testserver.Server, cert *testserver.ClientCert) *http.Client {
	t.Helper()
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(srv.CAData()) {
		t.Fatal("CAData is not a PEM certificate")
	}
	cfg := &tls.Config{RootCAs: pool}
	if cert != nil {
		pair, err := tls.X509KeyPair(cert.CertPEM, cert.KeyPEM)
		if err != nil {
			t.Fatalf("client certificate: %v", err)
		}
		cfg.Certificates = []tls.Certificate{pair}
	}
	return &http.Client{Transport: &http.Transport{TLSClientConfig: cfg}}
}

// call sends one request with the server's client certificate and returns
// the status code, the Content-Type and the body.
func call(t *testing.T, srv *testserver.Server, method, path string, body any, header ...string) (int, string, []byte) {
	t.Helper()
	cert := srv.ClientCert()
	return send(t, httpClient(t, srv, &cert), srv, method, path, body, header...)
}

// send is call with a chosen client. header holds name, value pairs.
func send(t *testing.T, c *http.Client, srv *testserver.Server, method, path string, body any, header ...string) (int, string, []byte) {
	t.Helper()
	resp, data := roundTrip(t, c, srv, method, path, body, header...)
	return resp.StatusCode, resp.Header.Get("Content-Type"), data
}

// roundTrip sends one request and returns the response, its body read.
// A body that is a string is sent as is, anything else as JSON.
func roundTrip(t *testing.T, c *http.Client, srv *testserver.Server, method, path string, body any, header ...string) (*http.Response, []byte) {
	t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = bytes.NewBufferString(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		r = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, srv.URL+path, r)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, data
}

// callResponse is call returning the whole response (for its headers).
func callResponse(t *testing.T, srv *testserver.Server, method, path string, body any, header ...string) (*http.Response, []byte) {
	t.Helper()
	cert := srv.ClientCert()
	return roundTrip(t, httpClient(t, srv, &cert), srv, method, path, body, header...)
}

// decode unmarshals a response body into a map.
func decode(t *testing.T, data []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("decode %s: %v", data, err)
	}
	return m
}

// deployment returns a Deployment manifest with replicas and labels.
func deployment(name string, replicas int, labels map[string]any) map[string]any {
	return map[string]any{
		"apiVersion": "apps/v1", "kind": "Deployment",
		"metadata": map[string]any{"name": name, "labels": labels},
		"spec": map[string]any{
			"replicas": replicas,
			"selector": map[string]any{"matchLabels": map[string]any{"app": name}},
			"template": map[string]any{
				"metadata": map[string]any{"labels": map[string]any{"app": name}},
				"spec":     map[string]any{"containers": []any{map[string]any{"name": name, "image": "nginx"}}},
			},
		},
	}
}
