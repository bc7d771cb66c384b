// Credential decorators: round trippers that add the user's identity to
// each request before it leaves (talk 001, "Client Interactions": "bearer
// tokens are sent using HTTP Authorization header", "username and password
// sent via basic HTTP authentication").
//
// Interface:
//   - bearerAuthRoundTripper: "Authorization: Bearer <token>", the token
//     optionally re-read from a file by tokenFileSource.
//   - basicAuthRoundTripper: "Authorization: Basic base64(user:password)".
//   - userAgentRoundTripper, impersonatingRoundTripper: User-Agent and
//     Impersonate-User/Impersonate-Group headers.
//
// Every decorator leaves a header alone when the caller already set it, and
// clones the request before changing it (a RoundTripper must not modify its
// argument). Client certificates are not headers: they travel in the TLS
// handshake, see transport.go; exec plugins live in exec.go.

package rest

import (
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"k8s.io/klog/v2"
)

// Header names the API server reads for impersonation.
const (
	ImpersonateUserHeader  = "Impersonate-User"
	ImpersonateGroupHeader = "Impersonate-Group"
)

// tokenFilePeriod is how long a token read from a file is trusted before the
// file is read again; upstream client-go uses one minute.
var tokenFilePeriod = time.Minute

// now is the clock; tests replace it.
var now = time.Now

type bearerAuthRoundTripper struct {
	token  string
	source *tokenFileSource // nil unless a token file is configured
	next   http.RoundTripper
}

// newBearerAuthRoundTripper reads tokenFile immediately when no static
// token is given, so a missing file fails at New rather than mid-command.
func newBearerAuthRoundTripper(token, tokenFile string, next http.RoundTripper) (http.RoundTripper, error) {
	rt := &bearerAuthRoundTripper{token: token, next: next}
	if tokenFile == "" {
		return rt, nil
	}
	rt.source = &tokenFileSource{path: tokenFile}
	if token == "" {
		t, err := rt.source.Token()
		if err != nil {
			return nil, err
		}
		rt.token = t
	}
	return rt, nil
}

func (rt *bearerAuthRoundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Header.Get("Authorization") != "" {
		return rt.next.RoundTrip(req)
	}
	token := rt.token
	if rt.source != nil {
		if t, err := rt.source.Token(); err == nil {
			token = t
		}
	}
	req = req.Clone(req.Context())
	req.Header.Set("Authorization", "Bearer "+token)
	return rt.next.RoundTrip(req)
}

// tokenFileSource caches the content of a token file for tokenFilePeriod.
// Projected service-account tokens and similar files are rewritten by
// another process before they expire; re-reading picks up the new token
// without restarting the client.
type tokenFileSource struct {
	path string

	mu     sync.Mutex
	token  string
	readAt time.Time
}

// Token returns the cached token, reading the file when the cache is empty
// or older than tokenFilePeriod. When a re-read fails (the file is being
// rewritten, or was removed) it logs the error and keeps the last good
// token; only a first read that fails is an error.
func (s *tokenFileSource) Token() (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.token != "" && now().Sub(s.readAt) < tokenFilePeriod {
		return s.token, nil
	}
	t, err := readTokenFile(s.path)
	if err != nil {
		if s.token == "" {
			return "", err
		}
		klog.Errorf("Unable to rotate token: %v", err)
		return s.token, nil
	}
	s.token, s.readAt = t, now()
	return t, nil
}

func readTokenFile(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read token file %s: %w", path, err)
	}
	t := strings.TrimSpace(string(b))
	if t == "" {
		return "", fmt.Errorf("read empty token from file %q", path)
	}
	return t, nil
}

type basicAuthRoundTripper struct {
	username, password string
	next               http.RoundTripper
}

func (rt *basicAuthRoundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Header.Get("Authorization") != "" {
		return rt.next.RoundTrip(req)
	}
	req = req.Clone(req.Context())
	req.SetBasicAuth(rt.username, rt.password)
	return rt.next.RoundTrip(req)
}

type userAgentRoundTripper struct {
	agent string
	next  http.RoundTripper
}

func (rt *userAgentRoundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Header.Get("User-Agent") != "" {
		return rt.next.RoundTrip(req)
	}
	req = req.Clone(req.Context())
	req.Header.Set("User-Agent", rt.agent)
	return rt.next.RoundTrip(req)
}

type impersonatingRoundTripper struct {
	impersonate ImpersonationConfig
	next        http.RoundTripper
}

func (rt *impersonatingRoundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	// Impersonate-User marks the whole set: if the caller chose a user,
	// its groups are the caller's business too.
	if req.Header.Get(ImpersonateUserHeader) != "" {
		return rt.next.RoundTrip(req)
	}
	req = req.Clone(req.Context())
	req.Header.Set(ImpersonateUserHeader, rt.impersonate.UserName)
	for _, g := range rt.impersonate.Groups {
		req.Header.Add(ImpersonateGroupHeader, g)
	}
	return rt.next.RoundTrip(req)
}
