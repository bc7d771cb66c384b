// List: reading a collection.
//
// Interface:
//   - (*Handler).list: GET of a collection, in a namespace or across all
//     of them, with labelSelector, fieldSelector, limit/continue and
//     resourceVersion/resourceVersionMatch parsed by options.go and
//     applied by the registry; the answer is a {Kind}List, a Table or a
//     PartialObjectMetadataList (encode.go).
//
// Talk 004, step 3 ("fetch objects"): an informer starts with a list, then
// watches from the list's resourceVersion (watch.go).
package endpoints

// list serves GET of a collection. A fieldSelector on metadata.name stays
// a selector: the name RequestInfo reports for it is not a path name.
func (h *Handler) list(rq *request) {
	opts, err := listOptions(rq.r.URL.Query(), false, "")
	if err != nil {
		writeError(rq, err)
		return
	}
	list, err := rq.store.List(rq.ctx, rq.namespace, opts)
	if err != nil {
		writeError(rq, err)
		return
	}
	writeList(rq, list)
}
