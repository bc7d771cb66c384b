// Subresources that are not the object itself.
//
// Interface:
//   - scale (deployments, replicasets): GET, PUT and PATCH of an
//     autoscaling/v1 Scale through Registry.Scale
//     (`kubectl scale`).
//   - binding: POST of a Binding to pods/NAME/binding, or to the bindings
//     collection, through Registry.Binding: the scheduler's write (talk 000,
//     "Scheduler"; talk 004, step 7). 201 with a Success Status.
//   - eviction: POST of a policy/v1 Eviction to pods/NAME/eviction
//     (`kubectl drain`), through Registry.Eviction.
//   - log, exec, attach, portforward, nodes/proxy: served by a kubelet,
//     which arrives in stage 5 (kubelet.go).
//   - serviceaccounts/token: a TokenRequest, answered by
//     Options.TokenRequests (kubelet.go).
//
// status and finalize are the object itself and go through update.go and
// patch.go.
package endpoints

import (
	"context"
	"fmt"
	"net/http"

	autoscalingv1 "github.com/kubeworkbook/kubeworkbook/shared/api/autoscaling/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	policyv1 "github.com/kubeworkbook/kubeworkbook/shared/api/policy/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// serveSubresource dispatches a request for a subresource other than
// status and finalize. resolve has checked the verb against the scheme.
func (h *Handler) serveSubresource(rq *request) {
	switch rq.sub {
	case "scale":
		h.scale(rq)
	case "binding":
		h.createBinding(rq)
	case "eviction":
		h.evict(rq)
	case "log":
		h.podLog(rq)
	case "exec", "attach", "portforward":
		h.podStream(rq)
	case "proxy":
		h.proxy(rq)
	case "token":
		h.tokenRequest(rq)
	default:
		writeError(rq, errNotFound())
	}
}

// scaleType is the Go type of every scale subresource.
func scaleType() *autoscalingv1.Scale { return &autoscalingv1.Scale{} }

// scale serves GET, PUT and PATCH of a Scale.
func (h *Handler) scale(rq *request) {
	ss, ok := h.reg.Scale(rq.res.Group, rq.res.Resource)
	if !ok {
		writeError(rq, errNotFound())
		return
	}
	var update func(*autoscalingv1.Scale) (*autoscalingv1.Scale, error)
	var opts registry.UpdateOptions
	switch rq.info.Verb {
	case "get":
		s, err := ss.GetScale(rq.ctx, rq.key())
		if err != nil {
			writeError(rq, err)
			return
		}
		writeObject(rq, http.StatusOK, s)
		return
	case "update":
		var directive string
		var err error
		if opts, directive, err = updateOptions(rq.r.URL.Query(), rq.sub); err != nil {
			writeError(rq, err)
			return
		}
		desired := scaleType()
		if err := h.decodeRequest(rq, kindOf(rq), desired, directive); err != nil {
			writeError(rq, err)
			return
		}
		if err := checkName(desired, rq.name); err != nil {
			writeError(rq, err)
			return
		}
		update = func(*autoscalingv1.Scale) (*autoscalingv1.Scale, error) { return desired, nil }
	case "patch":
		p, err := h.parsePatch(rq)
		if err != nil {
			writeError(rq, err)
			return
		}
		opts = registry.UpdateOptions{DryRun: p.opts.dryRun, FieldManager: p.manager, Subresource: rq.sub}
		update = func(current *autoscalingv1.Scale) (*autoscalingv1.Scale, error) {
			return patchScale(rq, p, current)
		}
	}
	out, err := ss.UpdateScale(rq.ctx, rq.key(), update, opts)
	if err != nil {
		writeError(rq, err)
		return
	}
	writeObject(rq, http.StatusOK, out)
}

// patchScale applies p to current and decodes the result.
func patchScale(rq *request, p *patchRequest, current *autoscalingv1.Scale) (*autoscalingv1.Scale, error) {
	out := scaleType()
	if err := p.applyTo(rq, current, out); err != nil {
		return nil, err
	}
	return out, nil
}

// createBinding serves POST of a Binding, to pods/NAME/binding (the name
// must be the pod's) or to the bindings collection.
func (h *Handler) createBinding(rq *request) {
	bs := h.reg.Binding()
	if bs == nil {
		writeError(rq, errNotFound())
		return
	}
	binding := &corev1.Binding{}
	want := metav1.GroupVersionKind{Version: "v1", Kind: "Binding"}
	var check nameCheck // the bindings collection takes any pod's name
	if rq.sub != "" {
		check = namedInURL(rq.name, "Binding")
	}
	opts, err := h.readCreate(rq, want, binding, check)
	if err != nil {
		writeError(rq, err)
		return
	}
	status, err := bs.Bind(rq.ctx, rq.namespace, binding, opts)
	h.writeCreatedStatus(rq, status, err)
}

// evict serves POST of an Eviction.
func (h *Handler) evict(rq *request) {
	es := h.reg.Eviction()
	if es == nil {
		writeError(rq, errNotFound())
		return
	}
	ev := &policyv1.Eviction{}
	opts, err := h.readCreate(rq, kindOf(rq), ev, namedInURL(rq.name, "Eviction"))
	if err != nil {
		writeError(rq, err)
		return
	}
	var del metav1.DeleteOptions
	if ev.DeleteOptions != nil {
		del = *ev.DeleteOptions
	}
	dryRun, errs := parseDryRun(del.DryRun)
	if len(errs) > 0 {
		writeError(rq, invalidOptions("DeleteOptions", errs))
		return
	}
	status, err := es.Evict(rq.ctx, rq.key(), del, dryRun || opts.DryRun)
	h.writeCreatedStatus(rq, status, err)
}

// namedInURL is the nameCheck of a POST to pods/NAME/binding or
// pods/NAME/eviction: the body, a kind object, must name the pod of the
// URL, or it is upstream's 400.
func namedInURL(name, kind string) nameCheck {
	return func(obj metav1.Object) error {
		if obj.GetObjectMeta().Name != name {
			return apierrors.NewBadRequest(fmt.Sprintf("name in URL does not match name in %s object", kind))
		}
		return nil
	}
}

// writeCreatedStatus answers a POST whose result is a Status (binding,
// eviction): 201 with it, or the error.
func (h *Handler) writeCreatedStatus(rq *request, status *metav1.Status, err error) {
	if err != nil {
		writeError(rq, err)
		return
	}
	if status == nil {
		status = &metav1.Status{Status: metav1.StatusSuccess, Code: http.StatusCreated}
	}
	writeStatus(rq, http.StatusCreated, status)
}

// getPod returns the pod rq names, for the kubelet subresources.
func (h *Handler) getPod(ctx context.Context, rq *request) (*corev1.Pod, error) {
	obj, err := rq.store.Get(ctx, rq.key(), registry.GetOptions{})
	if err != nil {
		return nil, err
	}
	pod, ok := obj.(*corev1.Pod)
	if !ok {
		return nil, apierrors.NewInternalError(fmt.Errorf("pods storage returned a %T", obj))
	}
	return pod, nil
}
