// The impersonation filter.
//
// Interface:
//   - The header names: UserHeader, GroupHeader, UIDHeader,
//     ExtraHeaderPrefix.
//   - WithImpersonation(next, a): check every requested identity with a,
//     then continue as the impersonated user.
//
// requestsFrom turns the headers into checks; WithImpersonation asks the
// authorizer about each and builds the new user.Info.
package impersonation

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"k8s.io/klog/v2"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
)

// The impersonation headers, upstream's names (http.Header canonical
// form).
const (
	UserHeader        = "Impersonate-User"
	GroupHeader       = "Impersonate-Group"
	UIDHeader         = "Impersonate-Uid"
	ExtraHeaderPrefix = "Impersonate-Extra-"
)

// authenticationGroup is the API group of the uids and userextras
// "resources".
const authenticationGroup = "authentication.k8s.io"

// WithImpersonation checks the Impersonate-* headers of each request
// against a and, when every one is allowed, serves next as the
// impersonated user. Requests without the headers pass unchanged. Needs
// the authenticated user in the context (500 without it).
func WithImpersonation(next http.Handler, a authorizer.Authorizer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		checks, err := requestsFrom(r.Header)
		if err != nil {
			authorization.WriteStatus(w, apierrors.NewInternalError(err))
			return
		}
		if len(checks) == 0 {
			next.ServeHTTP(w, r)
			return
		}
		requester, ok := user.From(r.Context())
		if !ok {
			authorization.WriteStatus(w, apierrors.NewInternalError(fmt.Errorf("impersonate: no user found for request")))
			return
		}
		for _, c := range checks {
			c.attrs.User = requester
			d, reason, err := a.Authorize(r.Context(), c.attrs)
			if d != authorizer.DecisionAllow || err != nil {
				klog.V(4).InfoS("Forbidden", "URI", r.RequestURI, "reason", reason, "err", err)
				authorization.WriteStatus(w, authorization.Forbidden(c.attrs, reason))
				return
			}
		}
		target := impersonated(checks, len(r.Header.Values(GroupHeader)) > 0)
		klog.V(4).InfoS("Impersonation", "user", requester.Name, "actingAs", target.Name, "groups", target.Groups)
		r = r.WithContext(user.WithUser(r.Context(), target))
		removeHeaders(r.Header)
		next.ServeHTTP(w, r)
	})
}

// check is one identity to impersonate and the authorization question it
// raises.
type check struct {
	kind  string // "user", "serviceaccount", "group", "uid", "extra"
	value string
	key   string // the extra's key
	attrs authorizer.Attributes
}

// requestsFrom lists the checks the headers ask for: the user first, then
// groups, the uid and extras. Groups, a uid or extras without a user are
// an error.
func requestsFrom(h http.Header) ([]check, error) {
	var checks []check
	name := h.Get(UserHeader)
	if name != "" {
		if ns, sa, ok := user.SplitServiceAccountUsername(name); ok {
			checks = append(checks, check{kind: "serviceaccount", value: name,
				attrs: impersonate("", "serviceaccounts", "", sa, ns)})
		} else {
			checks = append(checks, check{kind: "user", value: name, attrs: impersonate("", "users", "", name, "")})
		}
	}
	for _, g := range h.Values(GroupHeader) {
		checks = append(checks, check{kind: "group", value: g, attrs: impersonate("", "groups", "", g, "")})
	}
	if uid := h.Get(UIDHeader); uid != "" {
		checks = append(checks, check{kind: "uid", value: uid, attrs: impersonate(authenticationGroup, "uids", "", uid, "")})
	}
	var headerNames []string
	for k := range h {
		if strings.HasPrefix(k, ExtraHeaderPrefix) {
			headerNames = append(headerNames, k)
		}
	}
	slices.Sort(headerNames) // map order is random; checks and errors should not be
	for _, k := range headerNames {
		key := extraKey(k)
		for _, v := range h[k] {
			checks = append(checks, check{kind: "extra", key: key, value: v,
				attrs: impersonate(authenticationGroup, "userextras", key, v, "")})
		}
	}
	if name == "" && len(checks) > 0 {
		return nil, fmt.Errorf("requested %s without impersonating a user", describe(checks))
	}
	return checks, nil
}

// extraKey is the extra's key of an Impersonate-Extra-<key> header:
// lower case, percent-decoded (keys may contain "/", which a header name
// may not).
func extraKey(header string) string {
	key := strings.ToLower(strings.TrimPrefix(header, ExtraHeaderPrefix))
	if unescaped, err := url.PathUnescape(key); err == nil {
		return unescaped
	}
	return key
}

func impersonate(group, resource, subresource, name, namespace string) authorizer.Attributes {
	return authorizer.Attributes{
		Verb: "impersonate", ResourceRequest: true, APIGroup: group,
		Resource: resource, Subresource: subresource, Name: name, Namespace: namespace,
	}
}

func describe(checks []check) string {
	parts := make([]string, len(checks))
	for i, c := range checks {
		parts[i] = c.kind + " " + c.value
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// impersonated builds the user the request continues as.
func impersonated(checks []check, groupsGiven bool) user.Info {
	var u user.Info
	for _, c := range checks {
		switch c.kind {
		case "user":
			u.Name = c.value
		case "serviceaccount":
			u.Name = c.value
			if !groupsGiven {
				ns, _, _ := user.SplitServiceAccountUsername(c.value)
				u.Groups = append(u.Groups, user.ServiceAccountGroups(ns)...)
			}
		case "group":
			u.Groups = append(u.Groups, c.value)
		case "uid":
			u.UID = c.value
		case "extra":
			if u.Extra == nil {
				u.Extra = map[string][]string{}
			}
			u.Extra[c.key] = append(u.Extra[c.key], c.value)
		}
	}
	switch {
	case u.Name == user.Anonymous:
		if !slices.Contains(u.Groups, user.AllUnauthenticated) {
			u.Groups = append(u.Groups, user.AllUnauthenticated)
		}
	case !slices.Contains(u.Groups, user.AllAuthenticated) && !slices.Contains(u.Groups, user.AllUnauthenticated):
		u.Groups = append(u.Groups, user.AllAuthenticated)
	}
	return u
}

// removeHeaders drops the Impersonate-* headers, so nothing later acts
// on them again.
func removeHeaders(h http.Header) {
	h.Del(UserHeader)
	h.Del(GroupHeader)
	h.Del(UIDHeader)
	for k := range h {
		if strings.HasPrefix(k, ExtraHeaderPrefix) {
			h.Del(k)
		}
	}
}
