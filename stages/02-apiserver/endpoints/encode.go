// Encoding: objects, lists and errors to response bodies.
//
// Interface:
//   - writeObject(rq, code, obj): one object in the negotiated format,
//     with its kind and apiVersion set (as a Table or
//     PartialObjectMetadata when asked).
//   - writeList(rq, list): a {Kind}List with apiVersion and
//     metadata.resourceVersion/continue/remainingItemCount; items carry no
//     kind, as upstream's do. In JSON the items are copied from
//     registry.List.Raw when the watch cache encoded them (listJSON).
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
	"fmt"
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
		header := metav1.TypeMeta{Kind: rq.res.ListKind, APIVersion: rq.res.GroupVersion().String()}
		if rq.out.mediaType == mediaJSON {
			data, err := listJSON(header, meta, list)
			writeEncoded(rq, http.StatusOK, rq.out.contentType(), data, err)
			return
		}
		items := make([]metav1.Object, 0, len(list.Items))
		for _, item := range list.Items {
			items = append(items, withTypeMeta(item, metav1.GroupVersionKind{}))
		}
		body = &listBody{TypeMeta: header, ListMeta: meta, Items: items}
	}
	writeBody(rq, http.StatusOK, rq.out.contentType(), body)
}

// listJSON returns the JSON of list as a {Kind}List, byte for byte what
// json.Marshal gives for its listBody, without encoding the items again
// when the storage kept their encodings: item i is list.Raw[i] when
// present (the watch cache's), registry.EncodeItem(list.Items[i])
// otherwise. A Raw of the wrong length is ignored as if absent.
//
// The header is the listBody's own encoding with no items, which ends in
// `"items":[]}`; the items go between those brackets.
func listJSON(header metav1.TypeMeta, meta metav1.ListMeta, list *registry.List) ([]byte, error) {
	head, err := json.Marshal(&listBody{TypeMeta: header, ListMeta: meta, Items: []metav1.Object{}})
	if err != nil {
		return nil, fmt.Errorf("encode list: %w", err)
	}
	raw := list.Raw
	if len(raw) != len(list.Items) {
		raw = nil
	}
	items := make([][]byte, len(list.Items))
	size := len(head) + len(items) + 1 // commas and the newline writeEncoded adds
	for i, item := range list.Items {
		if raw != nil && raw[i] != nil {
			items[i] = raw[i]
		} else if items[i], err = registry.EncodeItem(item); err != nil {
			return nil, fmt.Errorf("encode list item %q: %w", item.GetObjectMeta().Name, err)
		}
		size += len(items[i])
	}
	out := make([]byte, 0, size)
	out = append(out, head[:len(head)-len("]}")]...)
	for i, item := range items {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, item...)
	}
	return append(out, "]}"...), nil
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
	writeEncoded(rq, code, contentType, data, err)
}

// writeEncoded writes data, already encoded in rq.out's media type, with
// status code; JSON gets a final newline, as json.Encoder writes. When
// encErr is not nil the encoding failed and a 500 is written instead.
func writeEncoded(rq *request, code int, contentType string, data []byte, encErr error) {
	if encErr != nil {
		klog.ErrorS(encErr, "encode response", "URI", rq.r.RequestURI)
		data, _ = json.Marshal(apierrors.NewInternalError(encErr).Status())
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
