// Info: the authenticated identity of a request.
//
// Interface:
//   - Info: name, uid, groups, extra.
//   - WithUser(ctx, info) and From(ctx): carry it through the chain.
//   - The well-known user and group names (SystemPrivilegedGroup, ...).
//   - ServiceAccountUsername, SplitServiceAccountUsername and
//     ServiceAccountGroups spell a service account's identity.
package user

import (
	"context"
	"strings"
)

// Info is an authenticated user. Upstream has an interface with getters;
// a plain struct says the same with less ceremony.
type Info struct {
	// Name identifies the user among all others: "kubernetes-admin",
	// "system:node:worker-1", "system:serviceaccount:default:builder".
	Name string
	// UID is a stable identifier when the authenticator has one (a
	// service account's uid); it may be empty.
	UID string
	// Groups the user belongs to; authentication always adds
	// system:authenticated (or system:unauthenticated for anonymous).
	Groups []string
	// Extra holds what the authenticator knows besides (a service account
	// token's pod name, say), keyed by a qualified name.
	Extra map[string][]string
}

// The well-known names. RBAC's bootstrap bindings refer to them.
const (
	// SystemPrivilegedGroup is allowed every request by RBAC: the admin
	// kubeconfig's certificate carries it.
	SystemPrivilegedGroup = "system:masters"
	// NodesGroup holds every kubelet; its members are named
	// NodeUserPrefix + node name.
	NodesGroup     = "system:nodes"
	NodeUserPrefix = "system:node:"
	// AllAuthenticated and AllUnauthenticated are added to every request
	// that did, or did not, prove an identity.
	AllAuthenticated   = "system:authenticated"
	AllUnauthenticated = "system:unauthenticated"
	// Anonymous is the name of a request with no credentials, when
	// anonymous requests are enabled.
	Anonymous = "system:anonymous"
	// APIServerUser is the server talking to itself (its loopback client).
	APIServerUser = "system:apiserver"
	// KubeScheduler, KubeControllerManager and KubeProxy are the
	// components' users.
	KubeScheduler         = "system:kube-scheduler"
	KubeControllerManager = "system:kube-controller-manager"
	KubeProxy             = "system:kube-proxy"
	// ServiceAccountUsernamePrefix starts every service account's user
	// name; ServiceAccountsGroup holds them all and
	// ServiceAccountsGroupPrefix + namespace holds a namespace's.
	ServiceAccountUsernamePrefix = "system:serviceaccount:"
	ServiceAccountsGroup         = "system:serviceaccounts"
	ServiceAccountsGroupPrefix   = "system:serviceaccounts:"
)

// ServiceAccountUsername is the user name of service account name in
// namespace: "system:serviceaccount:default:builder".
func ServiceAccountUsername(namespace, name string) string {
	return ServiceAccountUsernamePrefix + namespace + ":" + name
}

// SplitServiceAccountUsername is the reverse of ServiceAccountUsername;
// ok is false for a user name that is not a service account's.
func SplitServiceAccountUsername(username string) (namespace, name string, ok bool) {
	rest, found := strings.CutPrefix(username, ServiceAccountUsernamePrefix)
	if !found {
		return "", "", false
	}
	namespace, name, found = strings.Cut(rest, ":")
	if !found || namespace == "" || name == "" || strings.Contains(name, ":") {
		return "", "", false
	}
	return namespace, name, true
}

// ServiceAccountGroups are the groups every service account of namespace
// belongs to.
func ServiceAccountGroups(namespace string) []string {
	return []string{ServiceAccountsGroup, ServiceAccountsGroupPrefix + namespace}
}

// NodeName returns the node a kubelet's user name stands for
// ("system:node:worker-1" -> "worker-1"); ok is false for other users.
func NodeName(u Info) (name string, ok bool) {
	name, ok = strings.CutPrefix(u.Name, NodeUserPrefix)
	return name, ok && name != ""
}

type contextKey struct{}

// WithUser returns a copy of ctx carrying u.
func WithUser(ctx context.Context, u Info) context.Context {
	return context.WithValue(ctx, contextKey{}, u)
}

// From returns the user ctx carries; ok is false before authentication.
func From(ctx context.Context) (u Info, ok bool) {
	u, ok = ctx.Value(contextKey{}).(Info)
	return u, ok
}
