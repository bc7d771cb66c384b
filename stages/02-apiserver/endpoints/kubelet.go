// Kubelet subresources: what the API server would proxy to a node.
//
// Interface:
//   - podLog (pods/NAME/log): checks the container parameter as upstream
//     (400 naming the choices); a pod not yet on a node has no log, which
//     upstream answers with an empty 200; otherwise 503 until stage 5.
//   - podStream (exec, attach, portforward): 400 `pod x does not have a
//     host assigned` for an unscheduled pod, as upstream; otherwise 503
//     until stage 5.
//   - proxy (nodes/NAME/proxy/...): 503 until stage 5.
//   - tokenRequest (serviceaccounts/NAME/token): the TokenRequest the
//     kubelet posts for a pod's projected token volume, and `kubectl
//     create token`; Options.TokenRequests issues the token (201), and a
//     server without one answers 501.
//   - TokenRequestFunc: the signature of Options.TokenRequests.
//
// Each answer says which stage adds the missing piece, so a student who
// runs `kubectl logs` in stage 2 learns why it cannot work yet instead of
// meeting a bare 404.
package endpoints

import (
	"context"
	"fmt"
	"net/http"

	authenticationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authentication/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// errNoKubelet is the 503 for a subresource a kubelet serves.
func errNoKubelet(resource, name, sub, node string) error {
	return apierrors.NewServiceUnavailable(fmt.Sprintf(
		"%s %q: %s is served by the kubelet on node %q, and kubelets arrive in stage 5 (stages/05-kubelet); this server cannot reach one yet",
		resource, name, sub, node))
}

// podLog serves GET pods/NAME/log.
func (h *Handler) podLog(rq *request) {
	pod, err := h.getPod(rq.ctx, rq)
	if err != nil {
		writeError(rq, err)
		return
	}
	if _, err := validateContainer(rq.r.URL.Query().Get("container"), pod); err != nil {
		writeError(rq, err)
		return
	}
	if pod.Spec.NodeName == "" {
		// Upstream streams from an empty location: no log yet.
		rq.w.Header().Set("Content-Type", "text/plain")
		rq.w.WriteHeader(http.StatusOK)
		return
	}
	writeError(rq, errNoKubelet("pods", pod.Name, "log", pod.Spec.NodeName))
}

// podStream serves exec, attach and portforward.
func (h *Handler) podStream(rq *request) {
	pod, err := h.getPod(rq.ctx, rq)
	if err != nil {
		writeError(rq, err)
		return
	}
	if rq.sub != "portforward" {
		if _, err := validateContainer(rq.r.URL.Query().Get("container"), pod); err != nil {
			writeError(rq, err)
			return
		}
	}
	if pod.Spec.NodeName == "" {
		writeError(rq, apierrors.NewBadRequest(fmt.Sprintf("pod %s does not have a host assigned", pod.Name)))
		return
	}
	if phase := pod.Status.Phase; rq.sub != "portforward" && (phase == corev1.PodSucceeded || phase == corev1.PodFailed) {
		writeError(rq, apierrors.NewBadRequest(fmt.Sprintf("cannot %s into a container in a completed pod; current phase is %s", rq.sub, phase)))
		return
	}
	writeError(rq, errNoKubelet("pods", pod.Name, rq.sub, pod.Spec.NodeName))
}

// validateContainer is upstream's: no container parameter is fine for a
// pod with one container; otherwise it must name one of the pod's.
func validateContainer(container string, pod *corev1.Pod) (string, error) {
	var names []string
	for _, list := range [][]corev1.Container{pod.Spec.InitContainers, pod.Spec.Containers} {
		for _, c := range list {
			names = append(names, c.Name)
		}
	}
	if container == "" {
		switch len(pod.Spec.Containers) {
		case 1:
			return pod.Spec.Containers[0].Name, nil
		case 0:
			return "", apierrors.NewBadRequest(fmt.Sprintf("a container name must be specified for pod %s", pod.Name))
		}
		return "", apierrors.NewBadRequest(fmt.Sprintf("a container name must be specified for pod %s, choose one of: %s", pod.Name, names))
	}
	for _, n := range names {
		if n == container {
			return container, nil
		}
	}
	return "", apierrors.NewBadRequest(fmt.Sprintf("container %s is not valid for pod %s", container, pod.Name))
}

// proxy serves nodes/NAME/proxy/...: the node must exist (404 as
// upstream), and then its kubelet is what is missing.
func (h *Handler) proxy(rq *request) {
	if _, err := rq.store.Get(rq.ctx, rq.key(), registry.GetOptions{}); err != nil {
		writeError(rq, err)
		return
	}
	writeError(rq, errNoKubelet(rq.res.Resource, rq.name, "proxy", rq.name))
}

// TokenRequestFunc issues a token for the service account name in
// namespace, as tr's spec asks (audiences, lifetime, bound object). On
// success tr holds the answer: its defaulted spec, metadata and
// status.token with status.expirationTimestamp. Errors are
// *apierrors.StatusError for the client (404 for a missing service
// account, 422 for a bad spec). The server's is serviceaccount's
// (*Issuer).CreateToken over its registry.
type TokenRequestFunc func(ctx context.Context, namespace, name string, tr *authenticationv1.TokenRequest) error

// tokenRequest serves POST serviceaccounts/NAME/token: the body is a
// TokenRequest (JSON, YAML or protobuf) whose name, when given, must be
// the service account's; the answer is 201 with the issued token.
func (h *Handler) tokenRequest(rq *request) {
	if h.opts.TokenRequests == nil {
		h.noTokenRequests(rq)
		return
	}
	tr := &authenticationv1.TokenRequest{}
	if _, err := h.readCreate(rq, kindOf(rq), tr, tokenRequestName(rq.name)); err != nil {
		writeError(rq, err)
		return
	}
	if err := h.opts.TokenRequests(rq.ctx, rq.namespace, rq.name, tr); err != nil {
		writeError(rq, err)
		return
	}
	writeObject(rq, http.StatusCreated, tr)
}

// tokenRequestName is upstream's check of a TokenRequest's name: empty,
// or the service account's (422 otherwise).
func tokenRequestName(name string) nameCheck {
	return func(obj metav1.Object) error {
		if got := obj.GetObjectMeta().Name; got != "" && got != name {
			gk := metav1.GroupKind{Group: authenticationv1.GroupName, Kind: "TokenRequest"}
			return apierrors.NewInvalid(gk, name, field.ErrorList{
				field.Invalid(field.NewPath("metadata", "name"), got, "must match the service account name if specified")})
		}
		return nil
	}
}

// noTokenRequests answers for a server that cannot sign tokens: the
// service account must exist (404 first, as upstream checks), and then
// the signing key is what is missing.
func (h *Handler) noTokenRequests(rq *request) {
	if _, err := rq.store.Get(rq.ctx, rq.key(), registry.GetOptions{}); err != nil {
		writeError(rq, err)
		return
	}
	writeError(rq, &apierrors.StatusError{ErrStatus: metav1.Status{
		Status: metav1.StatusFailure, Code: http.StatusNotImplemented,
		Message: fmt.Sprintf("serviceaccounts %q: token requests are not served: this API server was started without a service-account signing key, so it cannot issue tokens", rq.name),
		Details: &metav1.StatusDetails{Name: rq.name, Kind: "serviceaccounts"},
	}})
}
