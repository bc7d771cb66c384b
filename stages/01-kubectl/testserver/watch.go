// Watches: ?watch=true streams one JSON event per line until the client
// goes away, the timeout passes or the server closes.
//
// Interface:
//   - serveWatch: GET of a collection with ?watch=true; honours
//     ?resourceVersion (events after it; "" or "0" starts with the current
//     objects as ADDED), ?timeoutSeconds, ?labelSelector and
//     ?fieldSelector. With the Table Accept header each event carries a
//     one-row Table, as "kubectl get -w" asks.
//
// Talk 001, "informers": controllers and "kubectl get -w" learn of changes
// this way instead of polling.
package testserver

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/fields"
	"github.com/kubeworkbook/kubeworkbook/shared/labels"
	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
)

// defaultWatchTimeout ends a watch the client gave no timeout for, so a
// forgotten watch cannot outlive its test by much.
const defaultWatchTimeout = 30 * time.Second

func (s *Server) serveWatch(w http.ResponseWriter, r *http.Request, t target) {
	q := r.URL.Query()
	lsel, err := labels.Parse(q.Get("labelSelector"))
	if err != nil {
		writeStatus(w, errBadRequest(fmt.Sprintf("unable to parse requirement: %v", err)))
		return
	}
	fsel, err := fields.ParseSelector(q.Get("fieldSelector"))
	if err != nil {
		writeStatus(w, errBadRequest(fmt.Sprintf("invalid field selector: %v", err)))
		return
	}
	timeout := defaultWatchTimeout
	if secs, err := strconv.Atoi(q.Get("timeoutSeconds")); err == nil && secs > 0 {
		timeout = time.Duration(secs) * time.Second
	}
	table := tableVersion(r)

	watcher, stop := s.store.watch(t.res.Group, t.res.Resource, t.namespace, q.Get("resourceVersion"))
	defer stop()
	contentType := contentTypeJSON
	if table != "" {
		contentType = tableContentType(table)
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Transfer-Encoding", "chunked")
	w.WriteHeader(http.StatusOK)
	flusher, _ := w.(http.Flusher)
	if flusher != nil {
		flusher.Flush()
	}

	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	enc := json.NewEncoder(w)
	for {
		select {
		case <-r.Context().Done():
			return
		case <-deadline.C:
			return
		case ev := <-watcher.ch:
			if t.name != "" && ev.key.name != t.name {
				continue
			}
			if !lsel.Matches(labels.Set(unstructured.Labels(ev.obj))) || !fsel.Matches(objectFields(ev.obj)) {
				continue
			}
			obj := unstructured.DeepCopyMap(ev.obj)
			s.withTypeMeta(obj, t.res)
			var payload any = obj
			if table != "" {
				tbl, serr := s.table(t.res, []map[string]any{obj}, q.Get("includeObject"))
				if serr != nil {
					return
				}
				payload = tbl
			}
			raw, err := json.Marshal(payload)
			if err != nil {
				return
			}
			if err := enc.Encode(metav1.WatchEvent{Type: ev.typ, Object: raw}); err != nil {
				return // the client went away
			}
			if flusher != nil {
				flusher.Flush()
			}
		}
	}
}
