// The request recorder: what the client sent, for tests to assert on.
//
// Interface:
//   - Request: method, path, query, headers, body and who the server
//     decided the caller was.
//   - (*Server).Requests, ResetRequests, DiscoveryRequests.
//   - Request.IsDiscovery: /api, /apis, /api/v1, /apis/<group>/<version>.
//
// Every request is recorded, with the identity authentication found, before
// the server decides to refuse it or to inject a fault, so a test sees even
// the requests that failed.
package testserver

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
)

// Request is one recorded HTTP request.
type Request struct {
	Method string
	Path   string
	Query  url.Values
	Header http.Header
	Body   []byte
	// User is the authenticated user name ("" when anonymous or refused).
	User string
	// Groups are the user's groups (certificate organizations).
	Groups []string
	// AuthMethod says which credential was accepted: AuthX509, AuthToken,
	// AuthBasic, or "" when none was.
	AuthMethod string
}

// The values of Request.AuthMethod.
const (
	AuthX509  = "x509"
	AuthToken = "token"
	AuthBasic = "basic"
)

// IsDiscovery reports whether the request asked for a discovery document:
// /api, /apis, /api/v1, /apis/<group> or /apis/<group>/<version> (and
// nothing below them).
func (r Request) IsDiscovery() bool {
	parts := strings.Split(strings.Trim(r.Path, "/"), "/")
	switch parts[0] {
	case "api":
		return len(parts) <= 2
	case "apis":
		return len(parts) <= 3
	}
	return false
}

// recorder keeps the requests in arrival order.
type recorder struct {
	mu   sync.Mutex
	reqs []Request
}

func (r *recorder) add(req Request) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.reqs = append(r.reqs, req)
}

// Requests returns a copy of every request received since the start or the
// last ResetRequests, oldest first.
func (s *Server) Requests() []Request {
	s.rec.mu.Lock()
	defer s.rec.mu.Unlock()
	return append([]Request(nil), s.rec.reqs...)
}

// DiscoveryRequests returns the recorded requests for which IsDiscovery
// holds.
func (s *Server) DiscoveryRequests() []Request {
	var out []Request
	for _, r := range s.Requests() {
		if r.IsDiscovery() {
			out = append(out, r)
		}
	}
	return out
}

// ResetRequests forgets the recorded requests.
func (s *Server) ResetRequests() {
	s.rec.mu.Lock()
	defer s.rec.mu.Unlock()
	s.rec.reqs = nil
}
