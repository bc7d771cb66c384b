// Encoding: objects, lists and errors to response bodies.
//
// Interface:
//   - writeObject(rq, code, obj): one object in the negotiated format,
//     with its kind and apiVersion set (as a Table or
//     PartialObjectMetadata when asked).
//   - writeList(rq, list): a {Kind}List with apiVersion and
//     metadata.resourceVersion/continue/remainingItemCount; items carry no
//     kind, as upstream's do.
//   - writeStatus(rq, code, status): a Status that is a result (a delete's,
//     a binding's).
//   - writeError(rq, err): every failure is a metav1.Status whose code is
//     the HTTP status (apierrors.StatusFor).
//   - withTypeMeta(obj, gvk): a shallow copy of obj with its header set.
//
// Objects from the registry may be shared with its watch cache, so this
// file never writes to them: the header goes on a copy.
package endpoints

import (
	"encoding/json"
	"errors"
	"net/http"
	"reflect"

	"k8s.io/klog/v2"
	"sigs.k8s.io/yaml"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// listBody is the JSON shape of every {Kind}List: encoding/json writes
// each item by its dynamic type, so one struct serves every kind.
type listBody struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata"`
	Items           []metav1.Object `json:"items"`
}

// withTypeMeta returns a shallow copy of obj whose kind and apiVersion are
// gvk's (empty gvk clears them). obj itself is left alone.
func withTypeMeta(obj metav1.Object, gvk metav1.GroupVersionKind) metav1.Object {
	v := reflect.ValueOf(obj)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return obj
	}
	cp := reflect.New(v.Elem().Type())
	cp.Elem().Set(v.Elem())
	out := cp.Interface().(metav1.Object)
	out.GetObjectKind().SetGroupVersionKind(gvk)
	return out
}

// kindOf returns the kind of the objects rq reads and writes: the
// subresource's (Scale) or the resource's.
func kindOf(rq *request) metav1.GroupVersionKind {
	if rq.sub != "" {
		if s, ok := rq.res.Subresource(rq.sub); ok {
			return s.GroupVersionKind(rq.res)
		}
	}
	return rq.res.GroupVersionKind()
}

// writeObject writes obj with status code, as rq.out asks: the object
// itself, a one-row Table, or its PartialObjectMetadata.
func writeObject(rq *request, code int, obj metav1.Object) {
	body, err := viewOf(rq, obj)
	if err != nil {
		writeError(rq, err)
		return
	}
	writeBody(rq, code, rq.out.contentType(), body)
}

// viewOf returns what a response carries for obj under rq.out.
func viewOf(rq *request, obj metav1.Object) (any, error) {
	if obj == nil {
		return nil, errors.New("encode response: the registry returned no object")
	}
	switch rq.out.as {
	case asTable:
		return tableOf(rq, []metav1.Object{obj}, nil)
	case asPartial:
		return partialOf(rq.out, obj), nil
	}
	return withTypeMeta(obj, kindOf(rq)), nil
}

// writeStatus writes a Status that is the result of a request (a
// delete's or a binding's), not an error. Like upstream, it is never
// turned into a Table.
func writeStatus(rq *request, code int, s *metav1.Status) {
	writeBody(rq, code, rq.out.statusContentType(), statusBody(*s))
}

// writeList writes list as a {Kind}List, a Table, or a
// PartialObjectMetadataList.
func writeList(rq *request, list *registry.List) {
	meta := metav1.ListMeta{ResourceVersion: list.ResourceVersion, Continue: list.Continue, RemainingItemCount: list.RemainingItemCount}
	var body any
	switch rq.out.as {
	case asTable:
		t, err := tableOf(rq, list.Items, &meta)
		if err != nil {
			writeError(rq, err)
			return
		}
		body = t
	case asPartialList:
		pl := &metav1.PartialObjectMetadataList{
			TypeMeta: metav1.TypeMeta{Kind: asPartialList, APIVersion: rq.out.apiVersion()},
			ListMeta: meta, Items: make([]metav1.PartialObjectMetadata, 0, len(list.Items)),
		}
		for _, item := range list.Items {
			pl.Items = append(pl.Items, *partialOf(rq.out, item))
		}
		body = pl
	default:
		items := make([]metav1.Object, 0, len(list.Items))
		for _, item := range list.Items {
			items = append(items, withTypeMeta(item, metav1.GroupVersionKind{}))
		}
		gv := rq.res.GroupVersion()
		body = &listBody{TypeMeta: metav1.TypeMeta{Kind: rq.res.ListKind, APIVersion: gv.String()}, ListMeta: meta, Items: items}
	}
	writeBody(rq, http.StatusOK, rq.out.contentType(), body)
}

// partialOf returns obj's metadata as a PartialObjectMetadata of the
// negotiated meta.k8s.io version.
func partialOf(out output, obj metav1.Object) *metav1.PartialObjectMetadata {
	return &metav1.PartialObjectMetadata{
		TypeMeta:   metav1.TypeMeta{Kind: asPartial, APIVersion: out.apiVersion()},
		ObjectMeta: *obj.GetObjectMeta(),
	}
}

// statusOf returns the Status err is answered with: its own when it is
// an *apierrors.StatusError (the patch package's errors are too), a 413
// for a body over the limit, otherwise a 500.
func statusOf(err error) metav1.Status {
	var se *apierrors.StatusError
	var tooLarge *http.MaxBytesError
	if !errors.As(err, &se) && errors.As(err, &tooLarge) {
		return apierrors.NewRequestEntityTooLarge(tooLarge.Limit).Status()
	}
	return apierrors.StatusFor(err)
}

// statusBody fills the parts of a Status every response has.
func statusBody(s metav1.Status) metav1.Status {
	s.Kind, s.APIVersion = "Status", "v1"
	if s.Status == "" {
		s.Status = metav1.StatusFailure
	}
	return s
}

// writeError answers err as a Status; a 500 is also logged, since the
// client's copy of the message may be all anyone sees.
func writeError(rq *request, err error) {
	s := statusOf(err)
	code := int(s.Code)
	if code == 0 {
		code = http.StatusInternalServerError
		s.Code = int32(code)
	}
	if code >= http.StatusInternalServerError {
		klog.ErrorS(err, "request failed", "verb", rq.info.Verb, "URI", rq.r.RequestURI)
	}
	writeBody(rq, code, rq.out.statusContentType(), s)
}

// statusContentType is how a Status is written: YAML if the client asked
// for YAML, JSON otherwise (a Status is never a Table).
func (o output) statusContentType() string {
	if o.mediaType == mediaYAML {
		return mediaYAML
	}
	return mediaJSON
}

// writeBody encodes v as contentType's media type and writes it. An
// encoding failure before anything was written becomes a 500.
func writeBody(rq *request, code int, contentType string, v any) {
	data, err := json.Marshal(v)
	if err == nil && rq.out.mediaType == mediaYAML {
		data, err = yaml.JSONToYAML(data)
	}
	if err != nil {
		klog.ErrorS(err, "encode response", "URI", rq.r.RequestURI)
		data, _ = json.Marshal(apierrors.NewInternalError(err).Status())
		code, contentType = http.StatusInternalServerError, mediaJSON
	} else if rq.out.mediaType != mediaYAML {
		data = append(data, '\n')
	}
	h := rq.w.Header()
	h.Set("Content-Type", contentType)
	h.Set("X-Content-Type-Options", "nosniff")
	rq.w.WriteHeader(code)
	if rq.r.Method != http.MethodHead {
		_, _ = rq.w.Write(data)
	}
}
