package authentication_test

import (
	"context"
	"crypto"
	"crypto/tls"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	authenticationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authentication/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/serviceaccount"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/pki"
)

const issuerURL = "https://kubernetes.default.svc.cluster.local"

// oneAccount is a serviceaccount.Getter holding default/builder only.
type oneAccount struct{}

func (oneAccount) ServiceAccount(_ context.Context, ns, name string) (*corev1.ServiceAccount, error) {
	if ns != "default" || name != "builder" {
		return nil, apierrors.NewNotFound(metav1.GroupResource{Resource: "serviceaccounts"}, name)
	}
	return &corev1.ServiceAccount{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name, UID: "sa-uid"}}, nil
}
func (oneAccount) Pod(_ context.Context, _, name string) (*corev1.Pod, error) {
	return nil, apierrors.NewNotFound(metav1.GroupResource{Resource: "pods"}, name)
}
func (oneAccount) Secret(_ context.Context, _, name string) (*corev1.Secret, error) {
	return nil, apierrors.NewNotFound(metav1.GroupResource{Resource: "secrets"}, name)
}
func (oneAccount) Node(_ context.Context, name string) (*corev1.Node, error) {
	return nil, apierrors.NewNotFound(metav1.GroupResource{Resource: "nodes"}, name)
}

// whoami is what the test server answers for an authenticated request.
type whoami struct {
	User          string   `json:"user"`
	Groups        []string `json:"groups"`
	Authenticator string   `json:"authenticator"`
}

// server is an HTTPS server running New(cfg) in WithAuthentication, as the
// API server does, answering whoami.
func server(t *testing.T, ca *pki.CA, cfg authentication.Config) *httptest.Server {
	t.Helper()
	a, err := authentication.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, _ := user.From(r.Context())
		resp, _ := authentication.ResponseFrom(r.Context())
		_ = json.NewEncoder(w).Encode(whoami{User: u.Name, Groups: u.Groups, Authenticator: resp.Authenticator})
	})
	certFile, keyFile, err := ca.EnsureServingCert(filepath.Join(t.TempDir(), "serving"), pki.APIServerCertAndKeyBaseName, nil)
	if err != nil {
		t.Fatal(err)
	}
	serving, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(authentication.WithAuthentication(next, a, cfg.APIAudiences, nil))
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{serving}, ClientCAs: ca.Pool(), ClientAuth: tls.RequestClientCert}
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

// clientCert issues a client certificate for id from ca.
func clientCert(t *testing.T, ca *pki.CA, id pki.Identity) *tls.Certificate {
	t.Helper()
	certPEM, keyPEM, err := ca.IssueIdentity(id)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		t.Fatal(err)
	}
	return &cert
}

// credentials is what a test client sends.
type credentials struct {
	cert   *tls.Certificate
	header string
}

func call(t *testing.T, srv *httptest.Server, ca *pki.CA, c credentials) (int, whoami) {
	t.Helper()
	cfg := &tls.Config{RootCAs: ca.Pool()}
	if c.cert != nil {
		cfg.GetClientCertificate = func(*tls.CertificateRequestInfo) (*tls.Certificate, error) { return c.cert, nil }
	}
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: cfg}}
	defer client.CloseIdleConnections()
	req, err := http.NewRequest("GET", srv.URL+"/api/v1/namespaces/default/pods", nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.header != "" {
		req.Header.Set("Authorization", c.header)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var who whoami
	if resp.StatusCode == http.StatusOK {
		if err := json.NewDecoder(resp.Body).Decode(&who); err != nil {
			t.Fatal(err)
		}
	}
	return resp.StatusCode, who
}

// Talk 000, "Server side authentication": one server accepts client
// certificates, bearer tokens (static and service-account) and username
// and password, each leading to its user with system:authenticated
// added; anything else is 401, or anonymous where that is enabled.
func TestNewEveryCredential(t *testing.T) {
	dir := t.TempDir()
	ca := newTestCA(t, filepath.Join(dir, "pki"))
	other := newTestCA(t, filepath.Join(dir, "other"))
	tokenFile := filepath.Join(dir, "tokens.csv")
	passwordFile := filepath.Join(dir, "passwords.csv")
	write(t, tokenFile, "static-token,jane,1001,dev\n")
	write(t, passwordFile, "s3cret,bob,1002,ops\n")

	signer, err := pki.EnsureServiceAccountKey(filepath.Join(dir, "pki"))
	if err != nil {
		t.Fatal(err)
	}
	issuer, err := serviceaccount.NewIssuer(serviceaccount.IssuerConfig{Key: signer, Issuer: issuerURL})
	if err != nil {
		t.Fatal(err)
	}
	verifier, err := serviceaccount.NewAuthenticator(serviceaccount.AuthenticatorConfig{
		Issuers: []string{issuerURL}, Keys: []crypto.PublicKey{signer.Public()}, Getter: oneAccount{},
	})
	if err != nil {
		t.Fatal(err)
	}
	tr := &authenticationv1.TokenRequest{}
	if err := issuer.CreateToken(context.Background(), oneAccount{}, "default", "builder", tr); err != nil {
		t.Fatal(err)
	}
	cfg := authentication.Config{
		ClientCA: ca.Pool(), TokenAuthFile: tokenFile, BasicAuthFile: passwordFile,
		ServiceAccountTokens: verifier, APIAudiences: []string{issuerURL}, Anonymous: true,
	}
	withAnonymous := server(t, ca, cfg)
	cfg.Anonymous = false
	withoutAnonymous := server(t, ca, cfg)

	admin := clientCert(t, ca, pki.AdminIdentity())
	foreign := clientCert(t, other, pki.AdminIdentity())
	tests := []struct {
		name       string
		srv        *httptest.Server
		creds      credentials
		wantCode   int
		wantUser   string
		wantGroups []string
		wantBy     string
	}{
		{"client certificate", withoutAnonymous, credentials{cert: admin}, 200, "kubernetes-admin", []string{"system:masters", "system:authenticated"}, "x509"},
		{"static token", withoutAnonymous, credentials{header: "Bearer static-token"}, 200, "jane", []string{"dev", "system:authenticated"}, "token-file"},
		{"basic auth", withoutAnonymous, credentials{header: "Basic Ym9iOnMzY3JldA=="}, 200, "bob", []string{"ops", "system:authenticated"}, "basic-auth"},
		{"service-account token", withoutAnonymous, credentials{header: "Bearer " + tr.Status.Token}, 200, "system:serviceaccount:default:builder",
			[]string{"system:serviceaccounts", "system:serviceaccounts:default", "system:authenticated"}, "service-account"},
		{"foreign certificate and a good token: the token wins", withoutAnonymous, credentials{cert: foreign, header: "Bearer static-token"}, 200, "jane", []string{"dev", "system:authenticated"}, "token-file"},
		{"foreign certificate alone", withAnonymous, credentials{cert: foreign}, 401, "", nil, ""},
		{"wrong password", withAnonymous, credentials{header: "Basic Ym9iOndyb25n"}, 401, "", nil, ""},
		{"unknown token", withAnonymous, credentials{header: "Bearer nope"}, 401, "", nil, ""},
		{"nothing, anonymous enabled", withAnonymous, credentials{}, 200, "system:anonymous", []string{"system:unauthenticated"}, "anonymous"},
		{"nothing, anonymous disabled", withoutAnonymous, credentials{}, 401, "", nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, who := call(t, tc.srv, ca, tc.creds)
			if code != tc.wantCode || who.User != tc.wantUser || !slices.Equal(who.Groups, tc.wantGroups) || who.Authenticator != tc.wantBy {
				t.Errorf("got %d %+v; want %d %s %v by %s", code, who, tc.wantCode, tc.wantUser, tc.wantGroups, tc.wantBy)
			}
		})
	}
}

func TestNewErrors(t *testing.T) {
	if _, err := authentication.New(authentication.Config{}); err == nil || !strings.Contains(err.Error(), "no credential is accepted") {
		t.Errorf("New(empty) error = %v", err)
	}
	missing := filepath.Join(t.TempDir(), "missing.csv")
	if _, err := authentication.New(authentication.Config{TokenAuthFile: missing}); err == nil || !strings.Contains(err.Error(), "load token file") {
		t.Errorf("New(missing token file) error = %v", err)
	}
	a, err := authentication.New(authentication.Config{Anonymous: true})
	if err != nil {
		t.Fatal(err)
	}
	if resp, ok, _ := a.AuthenticateRequest(httptest.NewRequest("GET", "/", nil)); !ok || resp.User.Name != user.Anonymous {
		t.Errorf("anonymous-only server: %v %v", resp, ok)
	}
}

func newTestCA(t *testing.T, dir string) *pki.CA {
	t.Helper()
	ca, err := pki.EnsureCA(dir)
	if err != nil {
		t.Fatal(err)
	}
	return ca
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}
