// Forbidden: the 403 a denied request receives, in upstream's words.
//
// Interface:
//   - ForbiddenMessage(attrs): `User "jane" cannot list resource "pods" in
//     API group "" in the namespace "default"` and its cluster-scope and
//     non-resource variants.
//   - Forbidden(attrs, reason): the StatusError (reason Forbidden, details
//     naming group, resource and name).
//   - WriteStatus(w, err): send a StatusError as the response.
package authorization

import (
	"fmt"
	"net/http"
	"strings"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
)

// sanitizer escapes what a browser would read as HTML, as upstream does
// before putting user-controlled names in a message.
var sanitizer = strings.NewReplacer(`&`, "&amp;", `<`, "&lt;", `>`, "&gt;")

// ForbiddenMessage says who could not do what, upstream's sentence:
//
//	User "jane" cannot list resource "pods" in API group "" in the namespace "default"
//	User "jane" cannot list resource "nodes" in API group "" at the cluster scope
//	User "jane" cannot get path "/metrics"
//
// A subresource is written after its resource: "pods/log".
func ForbiddenMessage(a authorizer.Attributes) string {
	if !a.ResourceRequest {
		return fmt.Sprintf("User %q cannot %s path %q", a.User.Name, a.Verb, a.Path)
	}
	resource := a.Resource
	if a.Subresource != "" {
		resource += "/" + a.Subresource
	}
	if a.Namespace != "" {
		return fmt.Sprintf("User %q cannot %s resource %q in API group %q in the namespace %q",
			a.User.Name, a.Verb, resource, a.APIGroup, a.Namespace)
	}
	return fmt.Sprintf("User %q cannot %s resource %q in API group %q at the cluster scope",
		a.User.Name, a.Verb, resource, a.APIGroup)
}

// Forbidden returns the 403 for a, with reason (if any) after the message:
//
//	pods "web-0" is forbidden: User "system:node:worker-2" cannot get resource "pods" in API group "" in the namespace "default": no relationship found between node 'worker-2' and this object
//
// A non-resource request has no resource to name: "forbidden: User ...".
func Forbidden(a authorizer.Attributes, reason string) *apierrors.StatusError {
	msg := sanitizer.Replace(ForbiddenMessage(a))
	if reason != "" {
		msg += ": " + reason
	}
	gr := metav1.GroupResource{Group: a.APIGroup, Resource: a.Resource}
	if gr.Resource != "" {
		return apierrors.NewForbidden(gr, a.Name, fmt.Errorf("%s", msg))
	}
	return &apierrors.StatusError{ErrStatus: metav1.Status{
		Status: metav1.StatusFailure, Code: http.StatusForbidden, Reason: metav1.StatusReasonForbidden,
		Message: "forbidden: " + msg, Details: &metav1.StatusDetails{Name: a.Name},
	}}
}

// WriteStatus sends err's Status as the response (apierrors.WriteStatus).
func WriteStatus(w http.ResponseWriter, err *apierrors.StatusError) {
	apierrors.WriteStatus(w, err.Status())
}
