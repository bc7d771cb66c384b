// The event of a request: what the audit step knows when the request
// arrives.
//
// Interface:
//   - newEvent(r, id, received, attrs, level): the RequestReceived event.
//   - userInfo(u): a user as the audit log writes it.
//   - sourceIPs(r): the client and proxy addresses, upstream's order.
//
// What the request's later steps add (annotations, status, bodies) is
// filled in by filter.go and body.go.
package audit

import (
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	auditv1 "github.com/kubeworkbook/kubeworkbook/shared/api/audit/v1"
	authenticationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authentication/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
)

// eventType is every event's apiVersion and kind.
var eventType = metav1.TypeMeta{APIVersion: auditv1.SchemeGroupVersion.String(), Kind: "Event"}

// newEvent describes r, which attrs describes for authorization, at
// level. The impersonated user comes from the Impersonate-* headers:
// the audit step runs before impersonation (which removes them), and the
// impersonation package exports no context key to read instead.
func newEvent(r *http.Request, id metav1.UID, received time.Time, attrs authorizer.Attributes, level auditv1.Level) *auditv1.Event {
	ev := &auditv1.Event{
		TypeMeta:                 eventType,
		Level:                    level,
		AuditID:                  id,
		Stage:                    auditv1.StageRequestReceived,
		RequestURI:               r.RequestURI,
		Verb:                     attrs.Verb,
		User:                     userInfo(attrs.User),
		ImpersonatedUser:         impersonatedFromHeaders(r.Header),
		SourceIPs:                sourceIPs(r),
		UserAgent:                r.UserAgent(),
		RequestReceivedTimestamp: metav1.NewMicroTime(received),
	}
	if ev.RequestURI == "" { // a request made in-process rather than read from a connection
		ev.RequestURI = r.URL.RequestURI()
	}
	if attrs.ResourceRequest {
		ev.ObjectRef = &auditv1.ObjectReference{
			Resource:    attrs.Resource,
			Subresource: attrs.Subresource,
			Namespace:   attrs.Namespace,
			Name:        attrs.Name,
			APIGroup:    attrs.APIGroup,
			APIVersion:  attrs.APIVersion,
		}
	}
	return ev
}

// userInfo converts a user to the API's form.
func userInfo(u user.Info) authenticationv1.UserInfo {
	info := authenticationv1.UserInfo{Username: u.Name, UID: u.UID, Groups: slices.Clone(u.Groups)}
	if len(u.Extra) > 0 {
		info.Extra = make(map[string]authenticationv1.ExtraValue, len(u.Extra))
		for k, v := range u.Extra {
			info.Extra[k] = slices.Clone(v)
		}
	}
	return info
}

// impersonatedFromHeaders reads the identity the Impersonate-* headers
// ask for, or nil. It is what the client asked for: whether it was
// allowed is in the response status, and the groups the impersonation
// step adds (system:authenticated) come only through LogImpersonatedUser.
func impersonatedFromHeaders(h http.Header) *authenticationv1.UserInfo {
	name := h.Get(authenticationv1.ImpersonateUserHeader)
	if name == "" {
		return nil
	}
	info := &authenticationv1.UserInfo{
		Username: name,
		UID:      h.Get(authenticationv1.ImpersonateUIDHeader),
		Groups:   slices.Clone(h.Values(authenticationv1.ImpersonateGroupHeader)),
	}
	for k, values := range h {
		if key, ok := strings.CutPrefix(k, authenticationv1.ImpersonateUserExtraHeaderPrefix); ok {
			if info.Extra == nil {
				info.Extra = map[string]authenticationv1.ExtraValue{}
			}
			info.Extra[extraKey(key)] = slices.Clone(values)
		}
	}
	return info
}

// extraKey is the key an Impersonate-Extra-<key> header names: lower
// case and percent-decoded, as the impersonation step reads it (a key
// may hold "/", which a header name may not).
func extraKey(key string) string {
	key = strings.ToLower(key)
	if unescaped, err := url.PathUnescape(key); err == nil {
		return unescaped
	}
	return key
}

// sourceIPs lists where r came from, as upstream's utilnet.SourceIPs:
// the X-Forwarded-For addresses, then X-Real-Ip unless already listed,
// then the connection's peer unless it is the last one listed. Only the
// last entry is certain; the others are what the client or proxies say.
func sourceIPs(r *http.Request) []string {
	var ips []string
	for _, part := range strings.Split(r.Header.Get("X-Forwarded-For"), ",") {
		if ip := net.ParseIP(strings.TrimSpace(part)); ip != nil {
			ips = append(ips, ip.String())
		}
	}
	if ip := net.ParseIP(strings.TrimSpace(r.Header.Get("X-Real-Ip"))); ip != nil && !slices.Contains(ips, ip.String()) {
		ips = append(ips, ip.String())
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr // no port: the address alone
	}
	if ip := net.ParseIP(host); ip != nil && (len(ips) == 0 || ips[len(ips)-1] != ip.String()) {
		ips = append(ips, ip.String())
	}
	return ips
}
