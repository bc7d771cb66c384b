// Tables: the server side of `kubectl get`.
//
// Interface:
//   - tableOf(rq, objs, listMeta) builds the meta.k8s.io Table of objs with
//     shared/scheme's columns (scheme.TableFor), every column included as
//     upstream sends them, and each row's object embedded as the
//     includeObject query parameter says (None, Metadata — the default —
//     or Object).
//
// The columns themselves live once, in shared/scheme; this file only picks
// the options from the request. Talk 002, "kubectl get": the table a user
// reads is computed here, not in kubectl.
package endpoints

import (
	"encoding/json"
	"fmt"
	"reflect"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

// tableOf returns the Table of objs. listMeta, when not nil, is the list's
// metadata (resourceVersion, continue) and goes on the Table. An unknown
// includeObject is a 400 as upstream.
func tableOf(rq *request, objs []metav1.Object, listMeta *metav1.ListMeta) (*metav1.Table, error) {
	policy := metav1.IncludeObjectPolicy(rq.r.URL.Query().Get("includeObject"))
	switch policy {
	case "", metav1.IncludeMetadata, metav1.IncludeObject, metav1.IncludeNone:
	default:
		return nil, apierrors.NewBadRequest(fmt.Sprintf("unrecognized includeObject value: %q", policy))
	}
	res := tableResource(rq, objs)
	// Typed objects get their header first, so an embedded Object reads
	// like the object a GET returns.
	typed := make([]metav1.Object, len(objs))
	for i, obj := range objs {
		typed[i] = withTypeMeta(obj, kindOf(rq))
	}
	t, err := scheme.TableFor(res, typed, scheme.TableOptions{Wide: true, IncludeObject: policy, Now: rq.now()})
	if err != nil {
		return nil, fmt.Errorf("convert to table: %w", err)
	}
	if listMeta != nil {
		t.ListMeta = *listMeta
	} else if len(objs) == 1 {
		t.ResourceVersion = objs[0].GetObjectMeta().ResourceVersion
	}
	if rq.out.version != "v1" {
		if err := retagTable(t, rq.out.apiVersion(), policy); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// tableResource returns the scheme entry whose columns print objs: the
// request's resource, or, for a subresource of another kind (a Scale), an
// entry with the default NAME / CREATED AT columns for that kind.
func tableResource(rq *request, objs []metav1.Object) *scheme.Resource {
	if len(objs) == 0 || reflect.TypeOf(objs[0]) == reflect.TypeOf(rq.res.New()) {
		return rq.res
	}
	gvk := kindOf(rq)
	elem := reflect.TypeOf(objs[0]).Elem()
	return &scheme.Resource{
		Group: gvk.Group, Version: gvk.Version, Kind: gvk.Kind, Resource: rq.res.Resource,
		New: func() metav1.Object { return reflect.New(elem).Interface().(metav1.Object) },
	}
}

// retagTable moves a Table, and the PartialObjectMetadata its rows embed,
// to apiVersion (meta.k8s.io/v1beta1, which older clients ask for).
func retagTable(t *metav1.Table, apiVersion string, policy metav1.IncludeObjectPolicy) error {
	t.APIVersion = apiVersion
	if policy != "" && policy != metav1.IncludeMetadata {
		return nil
	}
	for i := range t.Rows {
		var p metav1.PartialObjectMetadata
		if err := json.Unmarshal(t.Rows[i].Object.Raw, &p); err != nil {
			return fmt.Errorf("convert to table: %w", err)
		}
		p.APIVersion = apiVersion
		raw, err := json.Marshal(p)
		if err != nil {
			return fmt.Errorf("convert to table: %w", err)
		}
		t.Rows[i].Object.Raw = raw
	}
	return nil
}
