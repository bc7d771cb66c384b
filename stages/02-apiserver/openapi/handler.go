// Handler: serving the documents over HTTP, with the caching headers
// clients rely on.
//
// Interface:
//   - (*Spec).ServeHTTP answers GET and HEAD for /openapi/v2, /openapi/v3
//     and /openapi/v3/<group-version path>; mount it at those three
//     patterns.
//
// What a client sees, as upstream serves it:
//
//	/openapi/v3                      the index; ETag "<hash of the index>"
//	/openapi/v3/apis/apps/v1         the document; ETag "<hash>", Vary: Accept
//	/openapi/v3/apis/apps/v1?hash=H  H current: Cache-Control: public, immutable,
//	                                 Expires a year ahead; H stale: 301 to the
//	                                 current ?hash= URL
//	/openapi/v2                      the Swagger document; ETag, Vary: Accept
//
// A request whose If-None-Match names the current ETag gets 304 Not
// Modified (http.ServeContent does it). Only JSON is served: an Accept
// header that allows neither application/json nor a wildcard gets 406 Not
// Acceptable, which is what upstream answers for a type it cannot produce.
// Upstream also offers protobuf; a client asking for protobuf only (the
// v2 fetch of client-go) gets 406 and carries on without the document.
package openapi

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

var _ http.Handler = (*Spec)(nil)

// Cache headers of a document fetched by its hash: the URL names one
// version of the document forever.
const immutable = "public, immutable"

// ServeHTTP serves the documents of s. Any other path below the patterns
// gets 404, a method other than GET or HEAD 405.
func (s *Spec) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, fmt.Sprintf("method %s not allowed on %s: use GET", r.Method, r.URL.Path), http.StatusMethodNotAllowed)
		return
	}
	switch p := r.URL.Path; {
	case p == "/openapi/v2":
		s.serveNegotiated(w, r, s.v2)
	case p == "/openapi/v3":
		// The index is JSON only, and not negotiated, as upstream.
		s.serve(w, r, s.index)
	case strings.HasPrefix(p, "/openapi/v3/"):
		s.serveGroupVersion(w, r, strings.TrimPrefix(p, "/openapi/v3/"))
	default:
		http.NotFound(w, r)
	}
}

// serveGroupVersion serves one group-version's v3 document, honoring
// ?hash=.
func (s *Spec) serveGroupVersion(w http.ResponseWriter, r *http.Request, gvPath string) {
	d, ok := s.v3[gvPath]
	if !ok {
		http.Error(w, fmt.Sprintf("no openapi v3 document for %q: see /openapi/v3 for the group-versions served", gvPath), http.StatusNotFound)
		return
	}
	if h := r.URL.Query().Get("hash"); h != "" {
		if h != d.hash {
			// A client holding an old index: send it to the document as
			// it is now, under its own immutable URL.
			http.Redirect(w, r, serverRelativeURL(gvPath, d.hash), http.StatusMovedPermanently)
			return
		}
		w.Header().Set("Cache-Control", immutable)
		w.Header().Set("Expires", time.Now().AddDate(1, 0, 0).UTC().Format(http.TimeFormat))
	}
	s.serveNegotiated(w, r, d)
}

// serveNegotiated serves d if the request accepts JSON, else 406.
func (s *Spec) serveNegotiated(w http.ResponseWriter, r *http.Request, d document) {
	// The answer depends on Accept: caches must key on it.
	w.Header().Add("Vary", "Accept")
	if !acceptsJSON(r.Header.Get("Accept")) {
		http.Error(w, fmt.Sprintf("cannot serve %q: only application/json is supported", r.Header.Get("Accept")), http.StatusNotAcceptable)
		return
	}
	s.serve(w, r, d)
}

// serve writes d as JSON with its ETag; http.ServeContent answers
// If-None-Match (304), HEAD and ranges.
func (s *Spec) serve(w http.ResponseWriter, r *http.Request, d document) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("ETag", strconv.Quote(d.hash))
	http.ServeContent(w, r, "", s.built, bytes.NewReader(d.data))
}

// acceptsJSON reports whether an Accept header allows application/json: a
// missing header does, as does application/json, application/* or */*
// with a quality above zero. Media type parameters other than q are
// ignored.
func acceptsJSON(accept string) bool {
	if strings.TrimSpace(accept) == "" {
		return true
	}
	for clause := range strings.SplitSeq(accept, ",") {
		mediaRange, params, _ := strings.Cut(clause, ";")
		if quality(params) == 0 {
			continue
		}
		typ, sub, _ := strings.Cut(strings.ToLower(strings.TrimSpace(mediaRange)), "/")
		if (typ == "*" || typ == "application") && (sub == "*" || sub == "json") {
			return true
		}
	}
	return false
}

// quality returns the q parameter of a media range's parameters, 1 when
// absent or unreadable.
func quality(params string) float64 {
	for p := range strings.SplitSeq(params, ";") {
		k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
		if strings.EqualFold(k, "q") {
			if q, err := strconv.ParseFloat(v, 64); err == nil {
				return q
			}
		}
	}
	return 1
}
