package server

import (
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	authenticationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authentication/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/serviceaccount"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/pki"
)

// Talk 000, "Authorization chain"; issue 5's acceptance: a user bound to
// view reads but cannot write, a kubelet reads only its own node's pods,
// a service account's token works as long as the account exists, and
// impersonation is itself a permission. One server, roles and bindings
// created by the admin as a cluster operator would.
func TestAuthorization(t *testing.T) {
	s := startServer(t, testConfig(t))
	admin := client(t, s)
	mustDo(t, admin, s, http.MethodPost, "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings",
		clusterRoleBindingJSON("viewer-view", "view", "viewer"), http.StatusCreated)
	viewer := identityClient(t, s, "viewer")

	t.Run("view may list but not create", func(t *testing.T) {
		eventually(t, func() string {
			if resp, body := do(t, viewer, s, http.MethodGet, "/api/v1/namespaces/default/configmaps", ""); resp.StatusCode != http.StatusOK {
				return "viewer list configmaps: " + resp.Status + " " + body
			}
			return ""
		})
		body := mustDo(t, viewer, s, http.MethodPost, "/api/v1/namespaces/default/configmaps", configMapBody("nope"), http.StatusForbidden)
		want := `configmaps is forbidden: User \"viewer\" cannot create resource \"configmaps\" in API group \"\" in the namespace \"default\"`
		if !strings.Contains(body, want) || !strings.Contains(body, `"reason":"Forbidden"`) {
			t.Errorf("403 body = %s, want the message %s", body, want)
		}
		mustDo(t, admin, s, http.MethodGet, "/api/v1/namespaces/default/configmaps/nope", "", http.StatusNotFound)
	})

	t.Run("a kubelet reads only its own node's pods", func(t *testing.T) {
		mustDo(t, admin, s, http.MethodPost, "/api/v1/namespaces/default/serviceaccounts", serviceAccountJSON("default"), http.StatusCreated)
		mustDo(t, admin, s, http.MethodPost, "/api/v1/namespaces/default/pods", podJSON("web-1", "worker-1"), http.StatusCreated)
		mustDo(t, admin, s, http.MethodPost, "/api/v1/namespaces/default/pods", podJSON("web-2", "worker-2"), http.StatusCreated)
		kubelet := identityClient(t, s, "system:node:worker-1", "system:nodes")
		eventually(t, func() string {
			if resp, body := do(t, kubelet, s, http.MethodGet, "/api/v1/namespaces/default/pods/web-1", ""); resp.StatusCode != http.StatusOK {
				return "worker-1 get its pod: " + resp.Status + " " + body
			}
			return ""
		})
		body := mustDo(t, kubelet, s, http.MethodGet, "/api/v1/namespaces/default/pods/web-2", "", http.StatusForbidden)
		if want := `pods \"web-2\" is forbidden: User \"system:node:worker-1\" cannot get resource \"pods\" in API group \"\" in the namespace \"default\"`; !strings.Contains(body, want) {
			t.Errorf("another node's pod: %s, want %s", body, want)
		}
		mustDo(t, kubelet, s, http.MethodGet, "/api/v1/namespaces/default/secrets", "", http.StatusForbidden)
		mustDo(t, kubelet, s, http.MethodGet, "/api/v1/pods?fieldSelector=spec.nodeName%3Dworker-1", "", http.StatusOK)
	})

	t.Run("a service account token lives as long as its account", func(t *testing.T) {
		token := serviceAccountToken(t, s, admin, "builder", nil)
		bearer := "Authorization: Bearer " + token
		anonymous := tlsClient(t, s)
		body := mustDo(t, anonymous, s, http.MethodGet, "/api/v1/namespaces/default/pods", "", http.StatusForbidden, bearer)
		if want := `User \"system:serviceaccount:default:builder\" cannot list resource \"pods\"`; !strings.Contains(body, want) {
			t.Errorf("service account's 403 = %s, want %s", body, want)
		}
		// Every service account may read the issuer's documents
		// (system:service-account-issuer-discovery).
		config := mustDo(t, anonymous, s, http.MethodGet, serviceaccount.OpenIDConfigPath, "", http.StatusOK, bearer)
		if !strings.Contains(config, `"issuer":"`+DefaultServiceAccountIssuer+`"`) {
			t.Errorf("openid-configuration = %s, want issuer %s", config, DefaultServiceAccountIssuer)
		}
		mustDo(t, anonymous, s, http.MethodGet, serviceaccount.JWKSPath, "", http.StatusOK, bearer)

		// The TokenRequest subresource's signer issues the same kind.
		tr := &authenticationv1.TokenRequest{}
		if err := s.createToken(context.Background(), "default", "builder", tr); err != nil {
			t.Fatal(err)
		}
		mustDo(t, anonymous, s, http.MethodGet, "/apis", "", http.StatusOK, "Authorization: Bearer "+tr.Status.Token)

		vault := serviceAccountToken(t, s, admin, "builder", []string{"vault"})
		mustDo(t, anonymous, s, http.MethodGet, "/version", "", http.StatusUnauthorized, "Authorization: Bearer "+vault)

		mustDo(t, admin, s, http.MethodDelete, "/api/v1/namespaces/default/serviceaccounts/builder", "", http.StatusOK)
		eventually(t, func() string {
			if resp, _ := do(t, anonymous, s, http.MethodGet, "/version", "", bearer); resp.StatusCode != http.StatusUnauthorized {
				return "token of a deleted service account: " + resp.Status + ", want 401"
			}
			return ""
		})
	})

	t.Run("impersonation", func(t *testing.T) {
		mustDo(t, admin, s, http.MethodPost, "/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings",
			roleBindingJSON("default", "jane-edit", "edit", "jane"), http.StatusCreated)
		asJane := "Impersonate-User: jane"
		eventually(t, func() string {
			resp, body := do(t, admin, s, http.MethodPost, "/api/v1/namespaces/default/configmaps", configMapBody("by-jane"), asJane)
			if resp.StatusCode != http.StatusCreated {
				return "admin --as jane create configmap: " + resp.Status + " " + body
			}
			return ""
		})
		body := mustDo(t, admin, s, http.MethodGet, "/api/v1/namespaces/kube-system/secrets", "", http.StatusForbidden, asJane)
		if want := `User \"jane\" cannot list resource \"secrets\" in API group \"\" in the namespace \"kube-system\"`; !strings.Contains(body, want) {
			t.Errorf("admin --as jane: %s, want %s", body, want)
		}
		body = mustDo(t, viewer, s, http.MethodGet, "/api/v1/namespaces/default/configmaps", "", http.StatusForbidden, asJane)
		if want := `users \"jane\" is forbidden: User \"viewer\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope`; !strings.Contains(body, want) {
			t.Errorf("viewer --as jane: %s, want %s", body, want)
		}
	})
}

// serviceAccountToken creates the service account name in default, if
// missing, and signs a token for it with the server's key, as the
// TokenRequest subresource would; audiences nil means the API server's.
func serviceAccountToken(t *testing.T, s *Server, admin *http.Client, name string, audiences []string) string {
	t.Helper()
	path := "/api/v1/namespaces/default/serviceaccounts"
	body := `{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"` + name + `"}}`
	resp, got := do(t, admin, s, http.MethodPost, path, body)
	if resp.StatusCode != http.StatusCreated {
		got = mustDo(t, admin, s, http.MethodGet, path+"/"+name, "", http.StatusOK)
	}
	var sa corev1.ServiceAccount
	if err := json.Unmarshal([]byte(got), &sa); err != nil {
		t.Fatal(err)
	}
	key, err := pki.EnsureServiceAccountKey(filepath.Join(s.cfg.DataDir, PKIDir))
	if err != nil {
		t.Fatal(err)
	}
	issuer, err := serviceaccount.NewIssuer(serviceaccount.IssuerConfig{Key: key, Issuer: DefaultServiceAccountIssuer})
	if err != nil {
		t.Fatal(err)
	}
	token, _, err := issuer.IssueToken(&sa, authenticationv1.TokenRequestSpec{Audiences: audiences}, serviceaccount.Bound{})
	if err != nil {
		t.Fatal(err)
	}
	return token
}
