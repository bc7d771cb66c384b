// Spec: the generated documents, built once at startup and served as bytes.
//
// Interface:
//   - New(resources, version) generates every document.
//   - (*Spec).V3Index, V3(groupVersionPath) and V2 return the bytes served
//     at /openapi/v3, /openapi/v3/<groupVersionPath> and /openapi/v2.
//
// Generation walks the Go types once per dialect; marshaling happens once
// too, so serving a document is copying bytes. Each document's hash is the
// hex SHA-512 of its bytes, as upstream computes it: it is both the
// document's ETag and the ?hash= of its URL in the index.
package openapi

import (
	"crypto/sha512"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
)

// Spec holds the documents describing one set of resources. It is
// read-only after New and safe for concurrent use.
type Spec struct {
	// built is when the documents were generated: their Last-Modified.
	built time.Time
	v2    document
	index document
	// v3 holds each group-version's document by its path below
	// /openapi/v3 ("api/v1", "apis/apps/v1").
	v3 map[string]document
}

// document is a marshaled document and its hash.
type document struct {
	data []byte
	hash string // upper-case hex SHA-512 of data
}

func newDocument(v any) document {
	data, err := json.Marshal(v)
	if err != nil {
		// Every value marshaled here is built of strings, maps and
		// slices: failing is a bug in this package.
		panic(fmt.Sprintf("openapi: marshal document: %v", err))
	}
	return document{data: data, hash: hash(data)}
}

// hash is upstream's document hash: the upper-case hex SHA-512 of data.
func hash(data []byte) string {
	return fmt.Sprintf("%X", sha512.Sum512(data))
}

// New generates the OpenAPI documents of resources (normally
// scheme.All()): one v3 document per group-version they are served in,
// the v3 index, and the v2 document. version is the Kubernetes version the
// server reports ("v1.37.2"); it becomes each document's info.version.
//
// New panics if a type reachable from the resources writes its own JSON
// without an entry in this package's specialSchemas, or if two types map
// to one definition name: mistakes in this package that the first start
// reveals.
func New(resources []*scheme.Resource, version string) *Spec {
	c := newCatalog(resources)
	s := &Spec{built: time.Now(), v3: map[string]document{}}
	g := newGenerator(openAPI3, c.kinds)
	idx := v3Index{Paths: map[string]v3IndexEntry{}}
	for _, gv := range c.groupVersions {
		p := groupVersionPath(gv)
		d := newDocument(c.v3Document(gv, version, g))
		s.v3[p] = d
		idx.Paths[p] = v3IndexEntry{ServerRelativeURL: serverRelativeURL(p, d.hash)}
	}
	s.index = newDocument(idx)
	s.v2 = newDocument(c.v2Document(version, newGenerator(swagger2, c.kinds)))
	return s
}

// V3Index returns the document served at /openapi/v3: each group-version's
// path with the URL of its document, hash included. The bytes are shared
// and must not be modified.
func (s *Spec) V3Index() []byte { return s.index.data }

// V3 returns the OpenAPI v3 document of a group-version, found by its path
// below /openapi/v3 without a leading slash ("api/v1", "apis/apps/v1"),
// as the index's keys spell it. ok is false for a group-version not
// served. The bytes are shared and must not be modified.
func (s *Spec) V3(groupVersionPath string) (data []byte, ok bool) {
	d, ok := s.v3[groupVersionPath]
	return d.data, ok
}

// V2 returns the Swagger 2.0 document served at /openapi/v2. The bytes are
// shared and must not be modified.
func (s *Spec) V2() []byte { return s.v2.data }

// groupVersionPaths lists the paths V3 answers for, sorted.
func (s *Spec) groupVersionPaths() []string {
	return slices.Sorted(maps.Keys(s.v3))
}
