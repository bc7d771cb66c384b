package impersonation

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/rbac"
)

// impersonators: bob may impersonate user jane, group developers, the ci
// service accounts of namespace build, and the extra "scopes"; olga may
// impersonate anyone (the impersonator role of upstream's docs).
func impersonators() *rbac.StaticLister {
	crole := func(name string, rules ...rbacv1.PolicyRule) rbacv1.ClusterRole {
		return rbacv1.ClusterRole{ObjectMeta: metav1.ObjectMeta{Name: name}, Rules: rules}
	}
	bind := func(role, who string) rbacv1.ClusterRoleBinding {
		return rbacv1.ClusterRoleBinding{
			ObjectMeta: metav1.ObjectMeta{Name: who + "-" + role},
			RoleRef:    rbacv1.RoleRef{APIGroup: rbacv1.GroupName, Kind: "ClusterRole", Name: role},
			Subjects:   []rbacv1.Subject{{APIGroup: rbacv1.GroupName, Kind: rbacv1.UserKind, Name: who}},
		}
	}
	return &rbac.StaticLister{
		ClusterRoles: []rbacv1.ClusterRole{
			crole("limited",
				rbacv1.PolicyRule{Verbs: []string{"impersonate"}, APIGroups: []string{""}, Resources: []string{"users"}, ResourceNames: []string{"jane"}},
				rbacv1.PolicyRule{Verbs: []string{"impersonate"}, APIGroups: []string{""}, Resources: []string{"groups"}, ResourceNames: []string{"developers"}},
				rbacv1.PolicyRule{Verbs: []string{"impersonate"}, APIGroups: []string{"authentication.k8s.io"}, Resources: []string{"userextras/scopes"}},
			),
			crole("impersonator",
				rbacv1.PolicyRule{Verbs: []string{"impersonate"}, APIGroups: []string{""}, Resources: []string{"users", "groups", "serviceaccounts"}},
				rbacv1.PolicyRule{Verbs: []string{"impersonate"}, APIGroups: []string{"authentication.k8s.io"}, Resources: []string{"uids", "userextras/example.com/team"}},
			),
		},
		ClusterRoleBindings: []rbacv1.ClusterRoleBinding{bind("limited", "bob"), bind("impersonator", "olga")},
	}
}

// run sends a request as requester with headers and returns the response
// and the user the handler saw.
func run(t *testing.T, requester user.Info, headers map[string][]string) (*httptest.ResponseRecorder, *user.Info, http.Header) {
	t.Helper()
	var seen *user.Info
	var seenHeaders http.Header
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, _ := user.From(r.Context())
		seen, seenHeaders = &u, r.Header
	})
	req := httptest.NewRequest(http.MethodGet, "/api/v1/namespaces/default/pods", nil)
	for k, vs := range headers {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	rec := httptest.NewRecorder()
	WithImpersonation(next, rbac.New(impersonators())).ServeHTTP(rec, req.WithContext(user.WithUser(req.Context(), requester)))
	return rec, seen, seenHeaders
}

var (
	bob  = user.Info{Name: "bob", Groups: []string{user.AllAuthenticated}}
	olga = user.Info{Name: "olga", Groups: []string{user.AllAuthenticated}}
)

// kubectl --as and --as-group: each requested identity is checked with
// the verb impersonate, and the request goes on as the new user.
func TestImpersonationAllowed(t *testing.T) {
	tests := []struct {
		name      string
		requester user.Info
		headers   map[string][]string
		want      user.Info
	}{
		{"no headers: unchanged", bob, nil, bob},
		{"--as jane", bob, map[string][]string{UserHeader: {"jane"}},
			user.Info{Name: "jane", Groups: []string{user.AllAuthenticated}}},
		{"--as jane --as-group developers", bob, map[string][]string{UserHeader: {"jane"}, GroupHeader: {"developers"}},
			user.Info{Name: "jane", Groups: []string{"developers", user.AllAuthenticated}}},
		{"extra key", bob, map[string][]string{UserHeader: {"jane"}, ExtraHeaderPrefix + "Scopes": {"view", "dev"}},
			user.Info{Name: "jane", Groups: []string{user.AllAuthenticated}, Extra: map[string][]string{"scopes": {"view", "dev"}}}},
		{"service account gets its groups", olga, map[string][]string{UserHeader: {"system:serviceaccount:build:ci"}},
			user.Info{Name: "system:serviceaccount:build:ci", Groups: []string{"system:serviceaccounts", "system:serviceaccounts:build", user.AllAuthenticated}}},
		{"uid and escaped extra key", olga, map[string][]string{UserHeader: {"jane"}, UIDHeader: {"1234"}, ExtraHeaderPrefix + "Example.com%2fteam": {"a"}},
			user.Info{Name: "jane", UID: "1234", Groups: []string{user.AllAuthenticated}, Extra: map[string][]string{"example.com/team": {"a"}}}},
		{"anonymous stays unauthenticated", olga, map[string][]string{UserHeader: {user.Anonymous}},
			user.Info{Name: user.Anonymous, Groups: []string{user.AllUnauthenticated}}},
		{"named system:unauthenticated is kept alone", olga, map[string][]string{UserHeader: {"jane"}, GroupHeader: {user.AllUnauthenticated}},
			user.Info{Name: "jane", Groups: []string{user.AllUnauthenticated}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, seen, headers := run(t, tc.requester, tc.headers)
			if rec.Code != http.StatusOK || seen == nil {
				t.Fatalf("code %d body %s, want the request served", rec.Code, rec.Body)
			}
			if seen.Name != tc.want.Name || seen.UID != tc.want.UID || !slices.Equal(seen.Groups, tc.want.Groups) || !equalExtra(seen.Extra, tc.want.Extra) {
				t.Errorf("handler saw %+v, want %+v", *seen, tc.want)
			}
			for k := range headers {
				if strings.HasPrefix(k, "Impersonate-") {
					t.Errorf("header %s left on the request", k)
				}
			}
		})
	}
}

func equalExtra(a, b map[string][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !slices.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

// A refused identity ends the request with upstream's 403; groups
// without a user are an error.
func TestImpersonationDenied(t *testing.T) {
	tests := []struct {
		name     string
		headers  map[string][]string
		wantCode int
		want     string
	}{
		{"another user", map[string][]string{UserHeader: {"root"}}, http.StatusForbidden,
			`users "root" is forbidden: User "bob" cannot impersonate resource "users" in API group "" at the cluster scope`},
		{"another group", map[string][]string{UserHeader: {"jane"}, GroupHeader: {"system:masters"}}, http.StatusForbidden,
			`groups "system:masters" is forbidden: User "bob" cannot impersonate resource "groups" in API group "" at the cluster scope`},
		{"a service account", map[string][]string{UserHeader: {"system:serviceaccount:kube-system:admin"}}, http.StatusForbidden,
			`serviceaccounts "admin" is forbidden: User "bob" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "kube-system"`},
		{"a uid", map[string][]string{UserHeader: {"jane"}, UIDHeader: {"0"}}, http.StatusForbidden,
			`uids.authentication.k8s.io "0" is forbidden: User "bob" cannot impersonate resource "uids" in API group "authentication.k8s.io" at the cluster scope`},
		{"an extra", map[string][]string{UserHeader: {"jane"}, ExtraHeaderPrefix + "Reason": {"x"}}, http.StatusForbidden,
			`userextras.authentication.k8s.io "x" is forbidden: User "bob" cannot impersonate resource "userextras/reason" in API group "authentication.k8s.io" at the cluster scope`},
		{"group without a user", map[string][]string{GroupHeader: {"developers"}}, http.StatusInternalServerError,
			`requested [group developers] without impersonating a user`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, seen, _ := run(t, bob, tc.headers)
			if seen != nil {
				t.Fatalf("request served as %+v, want it refused", *seen)
			}
			var status metav1.Status
			if err := json.Unmarshal(rec.Body.Bytes(), &status); err != nil {
				t.Fatal(err)
			}
			if rec.Code != tc.wantCode || !strings.Contains(status.Message, tc.want) {
				t.Errorf("code %d message %q, want %d %q", rec.Code, status.Message, tc.wantCode, tc.want)
			}
		})
	}
}
