// Discovery handler: /api, /apis and the documents below them, encoded once
// from shared/scheme and served from memory.
//
// Interface:
//   - Options and New(opts): build every document.
//   - (*Handler).Patterns: the http.ServeMux patterns to mount it at.
//   - (*Handler).ServeHTTP: GET and HEAD of those paths; 404 Status for a
//     group or version the table does not have, 405 for other methods.
//
// The documents themselves (APIVersions, APIGroupList, APIResourceList,
// APIGroupDiscoveryList) are built by shared/scheme/discovery.go; which of
// the two forms /api and /apis answer with is decided in negotiate.go. The
// resource paths below a group-version (/apis/apps/v1/deployments) belong
// to stages/02-apiserver/endpoints.
package discovery

import (
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

// Media types of the answers. The aggregated one is written exactly as
// upstream writes it (the JSON type followed by g, v and as), since
// clients compare its parameters to tell the two forms apart.
const (
	ContentTypeJSON       = "application/json"
	ContentTypeAggregated = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"
)

// Options configure a Handler.
type Options struct {
	// ExternalAddress is the "host:port" clients reach the server at,
	// reported in /api's serverAddressByClientCIDRs. Empty means the Host
	// the request was sent to.
	ExternalAddress string
}

// Handler serves the discovery documents. It is immutable after New and
// safe for concurrent use.
type Handler struct {
	opts Options
	// coreVersions are the core group's versions ("v1"), the only paths
	// below /api that are discovery rather than resources.
	coreVersions []string
	// groupList is /apis; groups is /apis/{group} by group name;
	// resources is /api/v1 and /apis/{group}/{version} by group-version
	// ("v1", "apps/v1").
	groupList document
	groups    map[string]document
	resources map[string]document
	// aggregatedCore and aggregatedGroups are /api and /apis in the
	// aggregated form.
	aggregatedCore, aggregatedGroups document
}

// document is one encoded answer and its entity tag.
type document struct {
	body []byte
	// etag is the quoted upper-case hex SHA-512 of the JSON, as upstream
	// computes it for aggregated discovery.
	etag string
}

// encode marshals v and tags it. The body ends in a newline, as
// upstream's JSON encoder writes it; the tag is computed without it.
func encode(v any) document {
	data, err := json.Marshal(v)
	if err != nil {
		// The documents are plain structs of strings and slices.
		panic(fmt.Sprintf("encode discovery document: %v", err))
	}
	sum := sha512.Sum512(data)
	return document{body: append(data, '\n'), etag: strconv.Quote(strings.ToUpper(hex.EncodeToString(sum[:])))}
}

// New encodes every discovery document of shared/scheme.
func New(opts Options) *Handler {
	h := &Handler{
		opts:             opts,
		coreVersions:     scheme.APIVersions("").Versions,
		groupList:        encode(scheme.APIGroupList()),
		groups:           map[string]document{},
		resources:        map[string]document{},
		aggregatedCore:   encode(scheme.AggregatedDiscovery(true)),
		aggregatedGroups: encode(scheme.AggregatedDiscovery(false)),
	}
	for _, gv := range scheme.Groups() {
		if g, ok := scheme.APIGroup(gv.Group); ok {
			h.groups[gv.Group] = encode(g)
		}
		if list, ok := scheme.APIResourceList(gv.String()); ok {
			h.resources[gv.String()] = encode(list)
		}
	}
	return h
}

// Patterns returns the http.ServeMux patterns the handler answers:
// "/api", "/api/v1", "/apis", "/apis/{group}" and "/apis/{group}/{version}".
// They are more specific than a "/api/" or "/apis/" subtree, so the
// resource handler can be mounted there beside them.
func (h *Handler) Patterns() []string {
	patterns := []string{"/api", "/apis", "/apis/{group}", "/apis/{group}/{version}"}
	for _, v := range h.coreVersions {
		patterns = append(patterns, "/api/"+v)
	}
	return patterns
}

// ServeHTTP answers one discovery request.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !readOnly(w, r) {
		return
	}
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	switch {
	case len(parts) == 1 && (parts[0] == "api" || parts[0] == "apis"):
		h.serveRoot(w, r, parts[0] == "api")
	case len(parts) == 2 && parts[0] == "apis":
		h.serveDocument(w, h.groups, parts[1])
	case len(parts) == 2 && parts[0] == "api", len(parts) == 3 && parts[0] == "apis":
		h.serveDocument(w, h.resources, strings.Join(parts[1:], "/"))
	default:
		writeStatus(w, notFound())
	}
}

// serveRoot answers /api (core) or /apis in the form the Accept header
// asks for. Both forms live at one URL, so both say Vary: Accept: a cache
// in between must not hand one client's form to the other.
func (h *Handler) serveRoot(w http.ResponseWriter, r *http.Request, core bool) {
	w.Header().Set("Vary", "Accept")
	switch negotiate(r.Header.Get("Accept")) {
	case formatAggregated:
		d := h.aggregatedGroups
		if core {
			d = h.aggregatedCore
		}
		serveTagged(w, r, d)
	case formatLegacy:
		if !core {
			writeJSON(w, http.StatusOK, ContentTypeJSON, h.groupList.body)
			return
		}
		addr := h.opts.ExternalAddress
		if addr == "" {
			addr = r.Host
		}
		writeJSON(w, http.StatusOK, ContentTypeJSON, encode(scheme.APIVersions(addr)).body)
	default:
		writeStatus(w, apierrors.NewNotAcceptable(r.Header.Get("Accept"), []string{ContentTypeJSON}).Status())
	}
}

// serveDocument answers a group or group-version document, or 404 when
// the table has no such key.
func (h *Handler) serveDocument(w http.ResponseWriter, docs map[string]document, key string) {
	d, ok := docs[key]
	if !ok {
		writeStatus(w, notFound())
		return
	}
	writeJSON(w, http.StatusOK, ContentTypeJSON, d.body)
}

// serveTagged writes an aggregated document with its ETag, or 304 Not
// Modified when the client's If-None-Match already names it.
func serveTagged(w http.ResponseWriter, r *http.Request, d document) {
	w.Header().Set("ETag", d.etag)
	w.Header().Set("Cache-Control", "public")
	if r.Header.Get("If-None-Match") == d.etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	writeJSON(w, http.StatusOK, ContentTypeAggregated, d.body)
}

// readOnly reports whether r is a GET or HEAD, and answers anything else
// with 405 Method Not Allowed: discovery documents cannot be written.
func readOnly(w http.ResponseWriter, r *http.Request) bool {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return true
	}
	w.Header().Set("Allow", "GET, HEAD")
	writeStatus(w, genericStatus(http.StatusMethodNotAllowed, metav1.StatusReasonMethodNotAllowed,
		"the server does not allow this method on the requested resource"))
	return false
}

// notFound is upstream's answer to a path no handler knows below /api
// and /apis: a Status with empty details.
func notFound() metav1.Status {
	return genericStatus(http.StatusNotFound, metav1.StatusReasonNotFound, "the server could not find the requested resource")
}

// genericStatus is a failure Status that names no object, as upstream's
// NewGenericServerResponse builds it.
func genericStatus(code int, reason metav1.StatusReason, message string) metav1.Status {
	return metav1.Status{
		TypeMeta: metav1.TypeMeta{Kind: "Status", APIVersion: "v1"},
		Status:   metav1.StatusFailure, Message: message, Reason: reason,
		Details: &metav1.StatusDetails{}, Code: int32(code),
	}
}

// writeStatus sends a failure Status with its code.
func writeStatus(w http.ResponseWriter, s metav1.Status) {
	writeJSON(w, int(s.Code), ContentTypeJSON, encode(s).body)
}

func writeJSON(w http.ResponseWriter, code int, contentType string, body []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(code)
	_, _ = w.Write(body) // the client went away: nothing left to tell it
}
