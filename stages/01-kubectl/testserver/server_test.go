package testserver_test

import (
	"errors"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/testserver"
)

// Talk 000, "Server side authentication": the server accepts client
// certificates its CA signed, bearer tokens and basic auth; with any of
// them configured, an anonymous request is refused with 401.
func TestAuthentication(t *testing.T) {
	for _, tc := range []struct {
		name       string
		opts       []testserver.Option
		cert       bool
		header     []string
		wantCode   int
		wantUser   string
		wantMethod string
	}{
		{"anonymous allowed by default", nil, false, nil, 200, "", ""},
		{"certificate identifies even when optional", nil, true, nil, 200, "kubeworkbook-test-user", testserver.AuthX509},
		{"certificate required, given", []testserver.Option{testserver.WithClientCertAuth()}, true, nil, 200, "kubeworkbook-test-user", testserver.AuthX509},
		{"certificate required, missing", []testserver.Option{testserver.WithClientCertAuth()}, false, nil, 401, "", ""},
		{"token accepted", []testserver.Option{testserver.WithBearerToken("s3cret", "alice")}, false,
			[]string{"Authorization", "Bearer s3cret"}, 200, "alice", testserver.AuthToken},
		{"wrong token", []testserver.Option{testserver.WithBearerToken("s3cret", "alice")}, false,
			[]string{"Authorization", "Bearer guess"}, 401, "", ""},
		{"basic accepted", []testserver.Option{testserver.WithBasicAuth("bob", "pw")}, false,
			[]string{"Authorization", "Basic Ym9iOnB3"}, 200, "bob", testserver.AuthBasic},
		{"basic wrong password", []testserver.Option{testserver.WithBasicAuth("bob", "pw")}, false,
			[]string{"Authorization", "Basic Ym9iOm5v"}, 401, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := testserver.Start(t, tc.opts...)
			var cert *testserver.ClientCert
			if tc.cert {
				c := srv.ClientCert()
				cert = &c
			}
			code, _, body := send(t, httpClient(t, srv, cert), srv, "GET", "/version", nil, tc.header...)
			if code != tc.wantCode {
				t.Fatalf("status = %d, want %d (%s)", code, tc.wantCode, body)
			}
			if code == 401 && !strings.Contains(string(body), `"reason":"Unauthorized"`) {
				t.Errorf("401 body = %s, want a Status with reason Unauthorized", body)
			}
			reqs := srv.Requests()
			if len(reqs) != 1 || reqs[0].User != tc.wantUser || reqs[0].AuthMethod != tc.wantMethod {
				t.Errorf("recorded %+v, want user %q by %q", reqs, tc.wantUser, tc.wantMethod)
			}
		})
	}
}

// A certificate from a CA the server does not trust identifies nobody: the
// server names its CA in the handshake, a Go client then keeps the
// certificate to itself, and the request is refused as anonymous.
func TestUntrustedCertificateRejected(t *testing.T) {
	srv := testserver.Start(t, testserver.WithClientCertAuth())
	bad, err := testserver.UntrustedClientCert("mallory")
	if err != nil {
		t.Fatal(err)
	}
	if code, _, _ := send(t, httpClient(t, srv, &bad), srv, "GET", "/version", nil); code != http.StatusUnauthorized {
		t.Fatalf("untrusted certificate: status %d, want 401", code)
	}
	srv.ResetRequests()
	minted, err := srv.MintClientCert("carol", "devs")
	if err != nil {
		t.Fatal(err)
	}
	if code, _, _ := send(t, httpClient(t, srv, &minted), srv, "GET", "/version", nil); code != 200 {
		t.Fatalf("minted certificate refused: %d", code)
	}
	if r := srv.Requests(); len(r) != 1 || r[0].User != "carol" || len(r[0].Groups) != 1 || r[0].Groups[0] != "devs" {
		t.Errorf("recorded %+v, want carol in devs", r)
	}
}

// Every request is recorded with what a test needs to assert on.
func TestRecorder(t *testing.T) {
	srv := testserver.Start(t)
	call(t, srv, "POST", "/api/v1/namespaces/default/configmaps?dryRun=All",
		map[string]any{"apiVersion": "v1", "kind": "ConfigMap", "metadata": map[string]any{"name": "c"}},
		"X-Test", "yes")
	call(t, srv, "GET", "/apis", nil)

	reqs := srv.Requests()
	if len(reqs) != 2 {
		t.Fatalf("recorded %d requests, want 2", len(reqs))
	}
	r := reqs[0]
	if r.Method != "POST" || r.Path != "/api/v1/namespaces/default/configmaps" || r.Query.Get("dryRun") != "All" ||
		r.Header.Get("X-Test") != "yes" || !strings.Contains(string(r.Body), `"name":"c"`) {
		t.Errorf("recorded %+v", r)
	}
	if d := srv.DiscoveryRequests(); len(d) != 1 || d[0].Path != "/apis" {
		t.Errorf("DiscoveryRequests = %+v, want only /apis", d)
	}
	srv.ResetRequests()
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests after ResetRequests", n)
	}
}

func TestIsDiscovery(t *testing.T) {
	for path, want := range map[string]bool{
		"/api": true, "/apis": true, "/api/v1": true, "/apis/apps": true, "/apis/apps/v1": true,
		"/api/v1/pods": false, "/apis/apps/v1/deployments": false, "/version": false, "/openapi/v3": false,
	} {
		if got := (testserver.Request{Path: path}).IsDiscovery(); got != want {
			t.Errorf("IsDiscovery(%s) = %v, want %v", path, got, want)
		}
	}
}

// Faults fail the requests they match, a number of times or until
// cleared; code 0 drops the connection.
func TestFaults(t *testing.T) {
	srv := testserver.Start(t)
	srv.Inject(testserver.Fault{Method: "GET", Path: "/apis/*", Code: 503, Times: 1})
	if code, _, body := call(t, srv, "GET", "/apis/apps/v1", nil); code != 503 || !strings.Contains(string(body), `"reason":"ServiceUnavailable"`) {
		t.Fatalf("first request: %d %s, want 503 ServiceUnavailable", code, body)
	}
	if code, _, _ := call(t, srv, "GET", "/apis/apps/v1", nil); code != 200 {
		t.Fatalf("second request: %d, want 200 once the fault is used up", code)
	}

	srv.Inject(testserver.Fault{Path: "/version", Code: 0})
	cert := srv.ClientCert()
	_, err := httpClient(t, srv, &cert).Get(srv.URL + "/version")
	var uerr *url.Error
	if !errors.As(err, &uerr) {
		t.Fatalf("dropped connection: err = %v, want a transport error", err)
	}
	srv.ClearFaults()
	if code, _, _ := call(t, srv, "GET", "/version", nil); code != 200 {
		t.Fatalf("after ClearFaults: %d", code)
	}
}

// The kubeconfig names the server, trusts its CA and carries the
// credentials the server was configured with.
func TestKubeconfig(t *testing.T) {
	for _, tc := range []struct {
		name          string
		opts          []testserver.Option
		want, notWant []string
	}{
		{"no authentication", nil, []string{"client-certificate-data: ", "client-key-data: "}, []string{"token:", "username:"}},
		{"certificate", []testserver.Option{testserver.WithClientCertAuth()}, []string{"client-certificate-data: "}, []string{"token:"}},
		{"token", []testserver.Option{testserver.WithBearerToken("tok-123", "alice")}, []string{`token: "tok-123"`}, []string{"client-certificate-data"}},
		{"basic", []testserver.Option{testserver.WithBasicAuth("bob", "pw")}, []string{`username: "bob"`, `password: "pw"`}, []string{"client-certificate-data", "token:"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := testserver.Start(t, tc.opts...)
			data, err := os.ReadFile(srv.Kubeconfig(t))
			if err != nil {
				t.Fatal(err)
			}
			want := append([]string{"server: " + srv.URL, "certificate-authority-data: ", "current-context: testserver", "namespace: default"}, tc.want...)
			for _, w := range want {
				if !strings.Contains(string(data), w) {
					t.Errorf("kubeconfig lacks %q:\n%s", w, data)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(string(data), w) {
					t.Errorf("kubeconfig has %q:\n%s", w, data)
				}
			}
		})
	}
}

func TestVersion(t *testing.T) {
	srv := testserver.Start(t)
	code, ctype, body := call(t, srv, "GET", "/version", nil)
	if code != http.StatusOK || ctype != "application/json" {
		t.Fatalf("GET /version: %d %s", code, ctype)
	}
	if v := decode(t, body); v["gitVersion"] != "v1.37.2" || v["major"] != "1" || v["minor"] != "37" {
		t.Errorf("version = %v", v)
	}
}
