// Lists: a collection, filtered, paged, as JSON or as a Table.
//
// Interface:
//   - serveList: GET of a collection; ?labelSelector, ?fieldSelector,
//     ?limit and ?continue; a Table when the Accept header asks for
//     application/json;as=Table;v=v1;g=meta.k8s.io (what kubectl get
//     sends for its human-readable output).
//   - selected: the objects a request's selectors keep.
//
// Field selectors accept any dotted path ("metadata.name", "spec.nodeName",
// "status.phase"); a real server accepts only a few per resource. Talk 002,
// "labels and selectors".
package testserver

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/kubeworkbook/kubeworkbook/shared/fields"
	"github.com/kubeworkbook/kubeworkbook/shared/labels"
	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
)

// serveList answers a GET of a collection.
func (s *Server) serveList(w http.ResponseWriter, r *http.Request, t target) {
	items, rv, serr := s.selected(r, t)
	if serr != nil {
		writeStatus(w, serr)
		return
	}
	items, cont, serr := page(items, r.URL.Query())
	if serr != nil {
		writeStatus(w, serr)
		return
	}
	if tableVersion(r) != "" {
		table, serr := s.table(t.res, items, r.URL.Query().Get("includeObject"))
		if serr != nil {
			writeStatus(w, serr)
			return
		}
		table.ResourceVersion, table.Continue = rv, cont
		writeJSON(w, http.StatusOK, tableContentType(tableVersion(r)), table)
		return
	}
	writeJSON(w, http.StatusOK, contentTypeJSON, s.listObject(t.res, items, rv, cont))
}

// selected returns the collection's objects that match the request's
// labelSelector and fieldSelector, and the store's resourceVersion.
func (s *Server) selected(r *http.Request, t target) ([]map[string]any, string, *statusError) {
	q := r.URL.Query()
	lsel, err := labels.Parse(q.Get("labelSelector"))
	if err != nil {
		return nil, "", errBadRequest(fmt.Sprintf("unable to parse requirement: %v", err))
	}
	fsel, err := fields.ParseSelector(q.Get("fieldSelector"))
	if err != nil {
		return nil, "", errBadRequest(fmt.Sprintf("invalid field selector: %v", err))
	}
	all, rv := s.store.list(t.res.Group, t.res.Resource, t.namespace)
	var out []map[string]any
	for _, obj := range all {
		if lsel.Matches(labels.Set(unstructured.Labels(obj))) && fsel.Matches(objectFields(obj)) {
			out = append(out, obj)
		}
	}
	return out, rv, nil
}

// objectFields exposes an object's fields to a field selector by dotted
// path.
type objectFields map[string]any

func (o objectFields) Has(path string) bool {
	_, ok := unstructured.NestedField(o, strings.Split(path, ".")...)
	return ok
}

func (o objectFields) Get(path string) string {
	v, ok := unstructured.NestedField(o, strings.Split(path, ".")...)
	if !ok || v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

// page applies ?limit and ?continue. The continue token is the offset of
// the next item, opaque to the client as upstream's is.
func page(items []map[string]any, q map[string][]string) ([]map[string]any, string, *statusError) {
	get := func(k string) string {
		if v := q[k]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	start := 0
	if c := get("continue"); c != "" {
		raw, err := base64.RawURLEncoding.DecodeString(c)
		if err == nil {
			start, err = strconv.Atoi(string(raw))
		}
		if err != nil || start < 0 || start > len(items) {
			return nil, "", errBadRequest("continue key is not valid")
		}
	}
	items = items[start:]
	limit, _ := strconv.Atoi(get("limit"))
	if limit <= 0 || limit >= len(items) {
		return items, "", nil
	}
	next := base64.RawURLEncoding.EncodeToString([]byte(strconv.Itoa(start + limit)))
	return items[:limit], next, nil
}

// tableVersion returns the meta.k8s.io version of Table the Accept header
// asks for ("v1" or "v1beta1"), or "" when it asks for none. The first
// acceptable entry wins, as in the client's order of preference.
func tableVersion(r *http.Request) string {
	for _, rng := range strings.Split(r.Header.Get("Accept"), ",") {
		parts := strings.Split(strings.TrimSpace(rng), ";")
		params := map[string]string{}
		for _, p := range parts[1:] {
			k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
			params[k] = v
		}
		if params["as"] == "Table" && params["g"] == "meta.k8s.io" && (params["v"] == "v1" || params["v"] == "v1beta1") {
			return params["v"]
		}
		if strings.TrimSpace(parts[0]) == contentTypeJSON && len(params) == 0 {
			return ""
		}
	}
	return ""
}

func tableContentType(version string) string {
	return "application/json;as=Table;v=" + version + ";g=meta.k8s.io"
}
