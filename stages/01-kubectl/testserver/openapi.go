// OpenAPI v3: the schemas the client validates manifests against.
//
// Interface:
//   - GET /openapi/v3: the index, one entry per group version,
//     {"paths":{"apis/apps/v1":{"serverRelativeURL":"/openapi/v3/apis/apps/v1?hash=…"}}}.
//   - GET /openapi/v3/apis/<group>/<version>?hash=…: the document; an old
//     hash is redirected to the current one, as upstream does.
//   - (*Server).SetOpenAPI(gv, doc): replace a document, changing its hash.
//
// Documents are stages/01-kubectl/schema's built-in v1.37 components with
// paths derived from shared/scheme (openapi_paths.go), built once per
// group version. The hash is the upper-case hex SHA-512 of the document,
// as upstream's.
package testserver

import (
	"crypto/sha512"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/schema"
)

// SetOpenAPI replaces the OpenAPI v3 document of groupVersion ("apps/v1")
// from now on; a nil doc restores the built-in one.
func (s *Server) SetOpenAPI(groupVersion string, doc []byte) {
	s.api.mu.Lock()
	defer s.api.mu.Unlock()
	if s.api.openapi == nil {
		s.api.openapi = map[string][]byte{}
	}
	if doc == nil {
		delete(s.api.openapi, groupVersion)
		return
	}
	s.api.openapi[groupVersion] = doc
}

// openAPIDocs returns the documents the server serves, by index path
// ("apis/apps/v1"): one per served group version that has one.
func (s *Server) openAPIDocs() map[string][]byte {
	docs := map[string][]byte{}
	for _, v := range s.api.groupVersions() {
		gv := v.String()
		s.api.mu.RLock()
		doc, ok := s.api.openapi[gv]
		s.api.mu.RUnlock()
		if !ok {
			var err error
			if doc, err = builtinDocument(v); err != nil {
				continue // no schema for this group version: not listed, as for a CRD without one
			}
		}
		docs[schema.OpenAPIPath(gv)] = doc
	}
	return docs
}

// builtDocs caches builtinDocument's results by group version: they depend
// only on the built-in schema and shared/scheme, which never change while
// the process runs.
var builtDocs sync.Map // group version string → []byte

// builtinDocument returns gv's document: the built-in components with the
// paths of the scheme's resources in gv. It fails (matching
// schema.ErrNoSchema) for a group version without a built-in schema.
func builtinDocument(gv metav1.GroupVersion) ([]byte, error) {
	if doc, ok := builtDocs.Load(gv.String()); ok {
		return doc.([]byte), nil
	}
	builtin, err := schema.Builtin(gv.String())
	if err != nil {
		return nil, err
	}
	var resources []*scheme.Resource
	for _, r := range scheme.All() {
		if r.GroupVersion() == gv {
			resources = append(resources, r)
		}
	}
	doc, err := openAPIDocument(builtin, resources)
	if err != nil {
		return nil, err
	}
	builtDocs.Store(gv.String(), doc)
	return doc, nil
}

// serveOpenAPI answers /openapi/v3 and the documents below it.
func (s *Server) serveOpenAPI(w http.ResponseWriter, r *http.Request) {
	if s.opts.noOpenAPI {
		writeStatus(w, errPathNotFound())
		return
	}
	if r.Method != http.MethodGet {
		writeStatus(w, errMethodNotAllowed())
		return
	}
	docs := s.openAPIDocs()
	if r.URL.Path == "/openapi/v3" {
		type entry struct {
			ServerRelativeURL string `json:"serverRelativeURL"`
		}
		index := struct {
			Paths map[string]entry `json:"paths"`
		}{Paths: map[string]entry{}}
		keys := make([]string, 0, len(docs))
		for k := range docs {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			index.Paths[k] = entry{ServerRelativeURL: "/openapi/v3/" + k + "?hash=" + openAPIHash(docs[k])}
		}
		writeJSON(w, http.StatusOK, "application/json", index)
		return
	}

	key := strings.TrimPrefix(r.URL.Path, "/openapi/v3/")
	doc, ok := docs[key]
	if !ok {
		writeStatus(w, errPathNotFound())
		return
	}
	hash := openAPIHash(doc)
	switch got := r.URL.Query().Get("hash"); {
	case got == "":
		w.Header().Set("Cache-Control", "no-cache, private")
	case got != hash:
		http.Redirect(w, r, "/openapi/v3/"+key+"?hash="+hash, http.StatusMovedPermanently)
		return
	default:
		// The URL names the content, so the content can never change.
		w.Header().Set("Cache-Control", "public, immutable")
	}
	w.Header().Set("Etag", `"`+hash+`"`)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	w.Write(doc)
}

// openAPIHash is upstream's content hash: SHA-512 in upper-case hex.
func openAPIHash(doc []byte) string {
	return fmt.Sprintf("%X", sha512.Sum512(doc))
}
