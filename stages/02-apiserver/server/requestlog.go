// Request log: at -v 4, one line per request saying who sent it and what
// the chain decided (issue 5, "Making the chain visible").
//
// Interface:
//   - logUnauthenticated: the authentication filter's LogFunc; the line of
//     a request refused with 401.
//   - logDecision: the authorization filter's Recorder; the line of every
//     request that got that far, allowed or not.
//
// A request is logged once: a 401 by the first, everything else by the
// second, which also names the authenticator that recognised the user
// and, for an impersonated request, who asked. (A refused impersonation
// is logged by the impersonation filter itself.) The lines read:
//
//	"Request" user="viewer" groups=["system:authenticated"] authenticator="x509" verb="create" resource="configmaps" namespace="default" decision="forbid" authorizer="" reason=""
//	"Request" user="system:anonymous" groups=["system:unauthenticated"] authenticator="anonymous" verb="get" path="/healthz" decision="allow" authorizer="RBAC" reason="RBAC: allowed by ClusterRoleBinding \"system:public-info-viewer\" ..."
//	"Unauthenticated request" verb="GET" path="/api/v1/pods" reason="invalid bearer token"
package server

import (
	"net/http"

	"k8s.io/klog/v2"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/audit"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
)

// requestLogLevel is the -v level of the per-request lines.
const requestLogLevel = 4

var (
	_ authentication.LogFunc = logUnauthenticated
	_ authorization.Recorder = logDecision
)

// logUnauthenticated logs a request authentication refused; a success
// is left for logDecision, so that each request gets one line.
func logUnauthenticated(r *http.Request, resp *authentication.Response, err error) {
	if resp != nil {
		return
	}
	if err != nil {
		// A credential that failed is an error, in upstream's words.
		klog.ErrorS(err, "Unable to authenticate the request", "verb", r.Method, "path", r.URL.Path)
		return
	}
	klog.V(requestLogLevel).InfoS("Unauthenticated request", "verb", r.Method, "path", r.URL.Path,
		"reason", "no credentials, and anonymous requests are disabled")
}

// logDecision logs the user, the request and the authorization verdict.
func logDecision(r *http.Request, a authorizer.Attributes, v authorizer.Verdict) {
	// The audit event records the decision and its reason, as upstream's
	// authorization.k8s.io/decision and /reason annotations.
	for k, val := range authorization.AuditAnnotations(v) {
		audit.AddAnnotation(r.Context(), k, val)
	}
	logger := klog.V(requestLogLevel)
	if !logger.Enabled() {
		return
	}
	kv := []any{"user", a.User.Name, "groups", a.User.Groups}
	if resp, ok := authentication.ResponseFrom(r.Context()); ok {
		kv = append(kv, "authenticator", resp.Authenticator)
		if resp.User.Name != a.User.Name {
			kv = append(kv, "impersonatedBy", resp.User.Name)
		}
	}
	kv = append(kv, "verb", a.Verb)
	if a.ResourceRequest {
		resource := a.Resource
		if a.Subresource != "" {
			resource += "/" + a.Subresource
		}
		if a.APIGroup != "" {
			resource += "." + a.APIGroup
		}
		kv = append(kv, "resource", resource)
		if a.Namespace != "" {
			kv = append(kv, "namespace", a.Namespace)
		}
		if a.Name != "" {
			kv = append(kv, "name", a.Name)
		}
	} else {
		kv = append(kv, "path", a.Path)
	}
	decision := authorization.DecisionForbid
	if v.Decision == authorizer.DecisionAllow {
		decision = authorization.DecisionAllow
	}
	kv = append(kv, "decision", decision, "authorizer", v.Authorizer, "reason", v.Reason)
	if v.Err != nil {
		kv = append(kv, "err", v.Err)
	}
	logger.InfoS("Request", kv...)
}
