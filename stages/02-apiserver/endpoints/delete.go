// Delete and deletecollection.
//
// Interface:
//   - (*Handler).delete: DELETE of one object. DeleteOptions come from the
//     query (gracePeriodSeconds, propagationPolicy, dryRun) and from the
//     body, which kubectl and client-go send and which wins where both
//     say something. Answers 200 with the object when it is only marked
//     (deletionTimestamp: finalizers, a graceful pod delete; 202 instead
//     for the deprecated orphanDependents=false, as upstream) or when the
//     resource returns deleted objects (pods, namespaces, service
//     accounts, as upstream); otherwise with a Success Status naming it.
//   - (*Handler).deleteCollection: DELETE of a collection, with list
//     options from the query; answers the deleted objects as a list.
//   - deleteOptions parses and validates the options (422 DeleteOptions is
//     invalid).
package endpoints

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// returnsDeletedObject lists the resources whose delete answers with the
// deleted object rather than a Status: upstream's stores with
// ReturnDeletedObject set. Others answer `"status": "Success"`.
var returnsDeletedObject = map[metav1.GroupResource]bool{
	{Resource: "pods"}: true, {Resource: "namespaces"}: true, {Resource: "serviceaccounts"}: true,
}

// delete serves DELETE of one object.
func (h *Handler) delete(rq *request) {
	opts, dryRun, err := h.deleteOptions(rq)
	if err != nil {
		writeError(rq, err)
		return
	}
	if h.opts.Admission != nil {
		// The plugins judge the object as it is now. Upstream asks them
		// inside the registry's delete; asking first leaves a moment in
		// which the object may change, which only matters to a plugin
		// that reads more than its name and namespace.
		current, err := rq.store.Get(rq.ctx, rq.key(), registry.GetOptions{})
		if err == nil {
			err = h.admitDelete(rq, current, dryRun)
		}
		if err != nil {
			writeError(rq, err)
			return
		}
	}
	obj, deleted, err := rq.store.Delete(rq.ctx, rq.key(), opts.DeleteOptions, dryRun)
	if err != nil {
		writeError(rq, err)
		return
	}
	if !deleted {
		// Upstream answers 202 only to the deprecated
		// orphanDependents=false, and 200 to everything else, though the
		// object is still there.
		code := http.StatusOK
		if o := opts.OrphanDependents; o != nil && !*o {
			code = http.StatusAccepted
		}
		writeObject(rq, code, obj)
		return
	}
	if returnsDeletedObject[rq.groupResource()] {
		writeObject(rq, http.StatusOK, obj)
		return
	}
	meta := obj.GetObjectMeta()
	writeStatus(rq, http.StatusOK, &metav1.Status{
		Status: metav1.StatusSuccess,
		// Kind holds the resource, as upstream fills it.
		Details: &metav1.StatusDetails{Name: meta.Name, Group: rq.res.Group, Kind: rq.res.Resource, UID: meta.UID},
	})
}

// deleteCollection serves DELETE of a collection.
func (h *Handler) deleteCollection(rq *request) {
	listOpts, err := listOptions(rq.r.URL.Query(), false, "")
	if err != nil {
		writeError(rq, err)
		return
	}
	opts, dryRun, err := h.deleteOptions(rq)
	if err != nil {
		writeError(rq, err)
		return
	}
	list, err := rq.store.DeleteCollection(rq.ctx, rq.namespace, listOpts, opts.DeleteOptions, dryRun)
	if err != nil {
		writeError(rq, err)
		return
	}
	writeList(rq, list)
}

// deleteBody is the body of a delete: DeleteOptions, plus the deprecated
// orphanDependents older clients still send.
type deleteBody struct {
	metav1.DeleteOptions `json:",inline"`
	OrphanDependents     *bool `json:"orphanDependents,omitempty"`
}

// deleteOptions reads rq's DeleteOptions from its query and body and
// reports whether it is a dry run. A deprecated orphanDependents becomes
// the propagationPolicy it stands for.
func (h *Handler) deleteOptions(rq *request) (deleteBody, bool, error) {
	var opts deleteBody
	q := rq.r.URL.Query()
	if s := q.Get("gracePeriodSeconds"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return opts, false, apierrors.NewBadRequest(fmt.Sprintf("gracePeriodSeconds: invalid value %q: must be an integer", s))
		}
		opts.GracePeriodSeconds = &n
	}
	if s := q.Get("propagationPolicy"); s != "" {
		opts.PropagationPolicy = ptr(metav1.DeletionPropagation(s))
	}
	if _, ok := q["orphanDependents"]; ok {
		opts.OrphanDependents = ptr(queryBool(q, "orphanDependents"))
	}
	opts.DryRun = q["dryRun"]

	body, err := readBody(rq, h.opts.MaxRequestBodyBytes)
	if err != nil {
		return opts, false, err
	}
	want := metav1.GroupVersionKind{Group: metaGroup, Version: "v1", Kind: "DeleteOptions"}
	if isProtobuf(rq.r.Header.Get("Content-Type")) && len(body) > 0 {
		// The deprecated orphanDependents is not a field of our
		// DeleteOptions, so a protobuf body's is skipped.
		if err := decodeProtobufAnyGroup(body, want, &opts.DeleteOptions); err != nil {
			return opts, false, err
		}
	} else if len(bytes.TrimSpace(body)) > 0 {
		data, _, err := bodyJSON(body, rq.r.Header.Get("Content-Type"), want, false)
		if err != nil {
			return opts, false, err
		}
		// Fields the body sets replace the query's; kind and apiVersion
		// may name any group's DeleteOptions, as upstream accepts.
		if err := json.Unmarshal(data, &opts); err != nil {
			return opts, false, cannotHandle(want, want, err)
		}
	}
	// The deprecated orphanDependents and propagationPolicy say the same
	// thing two ways; upstream refuses a request that uses both.
	var bothSet field.ErrorList
	if opts.PropagationPolicy != nil && opts.OrphanDependents != nil {
		bothSet = append(bothSet, field.Invalid(field.NewPath("propagationPolicy"), string(*opts.PropagationPolicy),
			"orphanDependents and deletionPropagation cannot be both set"))
	}
	if opts.PropagationPolicy == nil && opts.OrphanDependents != nil {
		policy := metav1.DeletePropagationBackground
		if *opts.OrphanDependents {
			policy = metav1.DeletePropagationOrphan
		}
		opts.PropagationPolicy = &policy
	}
	dryRun, errs := parseDryRun(opts.DryRun)
	errs = append(errs, bothSet...)
	if p := opts.PropagationPolicy; p != nil {
		switch *p {
		case metav1.DeletePropagationOrphan, metav1.DeletePropagationBackground, metav1.DeletePropagationForeground:
		default:
			errs = append(errs, field.NotSupported(field.NewPath("propagationPolicy"), *p, []metav1.DeletionPropagation{
				metav1.DeletePropagationForeground, metav1.DeletePropagationBackground, metav1.DeletePropagationOrphan}))
		}
	}
	if len(errs) > 0 {
		return opts, false, invalidOptions("DeleteOptions", errs)
	}
	opts.TypeMeta = metav1.TypeMeta{}
	return opts, dryRun, nil
}
