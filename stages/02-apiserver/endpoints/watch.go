// Watch: a stream of changes.
//
// Interface:
//   - (*Handler).watch: GET ?watch=true (or a legacy /watch/... path)
//     answers 200 with Content-Type application/json and
//     Transfer-Encoding chunked, then one metav1.WatchEvent JSON document
//     per line, flushed as it comes: ADDED, MODIFIED, DELETED, BOOKMARK
//     (with allowWatchBookmarks), and ERROR with a Status (410 Expired
//     when the requested revision was compacted) before the stream ends.
//   - The stream ends after timeoutSeconds, or by default after a random
//     time between MinRequestTimeout and twice that, so that a thousand
//     informers do not reconnect at once.
//
// Objects are sent with their kind and apiVersion; a client that asked
// for a Table gets a one-row Table per event (column definitions in the
// first only), one that asked for PartialObjectMetadata gets that. Talk
// 004, steps 3 and 7: controllers and kubelets watch instead of polling.
package endpoints

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"time"

	"k8s.io/klog/v2"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// watchTimeout is how long a watch stays open: the client's timeoutSeconds,
// or a random duration in [min, 2*min).
func (h *Handler) watchTimeout(seconds int64) time.Duration {
	if seconds > 0 {
		return time.Duration(seconds) * time.Second
	}
	least := h.opts.MinRequestTimeout
	return least + time.Duration(rand.Int64N(int64(least)))
}

// watch serves a watch request until the registry's watcher ends, the
// timeout passes or the client goes away.
func (h *Handler) watch(rq *request) {
	opts, err := listOptions(rq.r.URL.Query(), true, rq.name)
	if err != nil {
		writeError(rq, err)
		return
	}
	timeout := h.watchTimeout(opts.TimeoutSeconds)
	opts.TimeoutSeconds = int64((timeout + time.Second - 1) / time.Second)
	ctx, cancel := context.WithTimeout(rq.ctx, timeout)
	defer cancel()
	watcher, err := rq.store.Watch(ctx, rq.namespace, opts)
	if err != nil {
		writeError(rq, err)
		return
	}
	defer watcher.Stop()

	header := rq.w.Header()
	header.Set("Content-Type", mediaJSON)
	header.Set("Transfer-Encoding", "chunked")
	rq.w.WriteHeader(http.StatusOK)
	rq.w.Flush()
	if obs := h.opts.Observer; obs != nil {
		opened := time.Now()
		obs.WatchOpened(rq.labels)
		defer func() { obs.WatchClosed(rq.labels, time.Since(opened)) }()
	}

	enc := &eventEncoder{rq: rq, cache: &h.events}
	events := watcher.ResultChan()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-events:
			if !ok {
				return
			}
			line, err := enc.encode(ev)
			last := ev.Type == metav1.Error
			if err != nil {
				// The header is sent: the failure can only be an event.
				klog.ErrorS(err, "encode watch event", "URI", rq.r.RequestURI)
				line, _ = enc.encode(registry.Event{Type: metav1.Error, Status: ptr(apierrors.NewInternalError(err).Status())})
				last = true
			}
			if _, err := rq.w.Write(line); err != nil {
				return // the client went away
			}
			if len(events) == 0 || last {
				rq.w.Flush() // once a burst of events is written
			}
			if last {
				return
			}
		}
	}
}

// eventEncoder turns registry events into lines of the stream.
type eventEncoder struct {
	rq *request
	// cache holds the lines of plain JSON events other watchers encoded.
	cache *eventCache
	// sentHeaders is set once a Table event has carried the column
	// definitions.
	sentHeaders bool
}

// encode returns ev as one JSON line. The line may be shared with other
// watchers and must not be modified.
func (e *eventEncoder) encode(ev registry.Event) ([]byte, error) {
	if e.rq.out.as == "" && ev.Object != nil && ev.Type != metav1.Error {
		return e.cache.line(ev.Type, ev.Object, kindOf(e.rq), func() ([]byte, error) { return e.encodeNew(ev) })
	}
	return e.encodeNew(ev)
}

// encodeNew encodes ev.
func (e *eventEncoder) encodeNew(ev registry.Event) ([]byte, error) {
	obj, err := e.object(ev)
	if err != nil {
		return nil, err
	}
	raw, err := json.Marshal(obj)
	if err != nil {
		return nil, fmt.Errorf("encode %s event: %w", ev.Type, err)
	}
	line, err := json.Marshal(metav1.WatchEvent{Type: ev.Type, Object: raw})
	if err != nil {
		return nil, fmt.Errorf("encode %s event: %w", ev.Type, err)
	}
	return append(line, '\n'), nil
}

// object is what an event carries, in the negotiated view.
func (e *eventEncoder) object(ev registry.Event) (any, error) {
	if ev.Type == metav1.Error {
		s := ev.Status
		if s == nil {
			s = ptr(apierrors.NewInternalError(fmt.Errorf("watch ended with an error")).Status())
		}
		return statusBody(*s), nil
	}
	if ev.Object == nil {
		return nil, fmt.Errorf("encode %s event: no object", ev.Type)
	}
	rq := e.rq
	switch rq.out.as {
	case asPartial:
		return partialOf(rq.out, ev.Object), nil
	case asTable:
		if ev.Type == metav1.Bookmark { // a bookmark has no row, only its revision
			return &metav1.Table{
				TypeMeta:          metav1.TypeMeta{Kind: asTable, APIVersion: rq.out.apiVersion()},
				ListMeta:          metav1.ListMeta{ResourceVersion: ev.Object.GetObjectMeta().ResourceVersion},
				ColumnDefinitions: []metav1.TableColumnDefinition{}, Rows: []metav1.TableRow{},
			}, nil
		}
		t, err := tableOf(rq, []metav1.Object{ev.Object}, nil)
		if err != nil {
			return nil, err
		}
		if e.sentHeaders {
			t.ColumnDefinitions = []metav1.TableColumnDefinition{}
		}
		e.sentHeaders = true
		return t, nil
	}
	return withTypeMeta(ev.Object, kindOf(rq)), nil
}

// ptr returns a pointer to a copy of v.
func ptr[T any](v T) *T { return &v }
