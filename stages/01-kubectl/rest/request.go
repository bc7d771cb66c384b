// Requests: the verbs every kubectl command is built from.
//
// Interface:
//   - Request{Verb, Path, Query, Body, ContentType, Accept, Headers} and
//     Response{StatusCode, Header, Body}.
//   - (*Client).Do: send, read the whole body, map non-2xx to *StatusError.
//   - (*Client).Get: Do for a GET of "path?query", returning the body.
//   - (*Client).Stream: send and hand back the open body, for watches
//     (?watch=true) and followed logs.
//   - (*Client).Upgrade: switch the connection to another protocol
//     (WebSocket, for exec), returning the 101 response.
//
// Bodies are logged here, at -v 8 and up ("Request Body:", "Response
// Body:", or "Request Body" body=... in the structured format); the
// per-request lines come from round_trippers.go.

package rest

import (
	"bytes"
	"context"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"k8s.io/klog/v2"
)

// Default media types: JSON, but accept anything so an error page from a
// proxy still arrives and can be reported.
const (
	defaultAccept      = "application/json, */*"
	defaultContentType = "application/json"
)

// Request describes one API call. Only Path is required.
type Request struct {
	// Verb is the HTTP method; empty means GET.
	Verb string
	// Path is the API path, e.g. "/apis/apps/v1/namespaces/default/deployments".
	Path string
	// Query holds the URL parameters (labelSelector, limit, watch, ...).
	Query url.Values
	// Body is sent as is; nil sends no body.
	Body []byte
	// ContentType of Body; empty means application/json when Body is set.
	ContentType string
	// Accept lists the wanted media types; empty means "application/json, */*".
	Accept string
	// Headers are extra headers; they may override the defaults above.
	Headers http.Header
}

// Response is a completed call with its whole body.
type Response struct {
	StatusCode int
	Header     http.Header
	Body       []byte
}

// Do sends r and reads the whole response. A status outside 200-299 returns
// the Response together with a *StatusError; a transport failure (refused
// connection, TLS error, timeout) returns a nil Response and the
// *url.Error from net/http, which names the verb and URL.
func (c *Client) Do(ctx context.Context, r Request) (*Response, error) {
	req, err := c.newHTTPRequest(ctx, r)
	if err != nil {
		return nil, err
	}
	logRequestBody(r.Body)
	res, err := c.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, fmt.Errorf("%s %s: read response body: %w", req.Method, req.URL, err)
	}
	logBody("Response Body", body)
	resp := &Response{StatusCode: res.StatusCode, Header: res.Header, Body: body}
	if !isSuccess(res.StatusCode) {
		return resp, newStatusError(res.StatusCode, req.Method, res.Header, body)
	}
	return resp, nil
}

// Get fetches pathAndQuery ("/apis?timeout=32s") and returns the body. A
// non-2xx status is a *StatusError. The discovery cache is built on this
// call.
func (c *Client) Get(ctx context.Context, pathAndQuery string) ([]byte, error) {
	u, err := url.Parse(pathAndQuery)
	if err != nil {
		return nil, fmt.Errorf("get %q: %w", pathAndQuery, err)
	}
	resp, err := c.Do(ctx, Request{Verb: http.MethodGet, Path: u.Path, Query: u.Query()})
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

// Stream sends r and returns the response body unread, for responses that
// do not end on their own (watch events, kubectl logs -f). The caller must
// close it; cancelling ctx ends the stream. Config.Timeout does not apply.
// A non-2xx status is read, closed and returned as a *StatusError.
func (c *Client) Stream(ctx context.Context, r Request) (io.ReadCloser, error) {
	req, err := c.newHTTPRequest(ctx, r)
	if err != nil {
		return nil, err
	}
	logRequestBody(r.Body)
	res, err := c.stream.Do(req)
	if err != nil {
		return nil, err
	}
	if !isSuccess(res.StatusCode) {
		defer res.Body.Close()
		body, _ := io.ReadAll(io.LimitReader(res.Body, 1<<20))
		logBody("Response Body", body)
		return nil, newStatusError(res.StatusCode, req.Method, res.Header, body)
	}
	return res.Body, nil
}

// Upgrade sends r, which must ask to switch protocols (the caller sets
// the Connection: Upgrade and Upgrade: websocket headers), and returns the
// 101 Switching Protocols response. Its Body is the raw connection, an
// io.ReadWriteCloser the caller must close. TLS, credentials and -v logs
// apply as to any request; Config.Timeout does not. Any other status is
// read, closed and returned as a *StatusError.
func (c *Client) Upgrade(ctx context.Context, r Request) (*http.Response, error) {
	req, err := c.newHTTPRequest(ctx, r)
	if err != nil {
		return nil, err
	}
	res, err := c.stream.Do(req)
	if err != nil {
		return nil, err
	}
	if res.StatusCode != http.StatusSwitchingProtocols {
		defer res.Body.Close()
		body, _ := io.ReadAll(io.LimitReader(res.Body, 1<<20))
		logBody("Response Body", body)
		return nil, newStatusError(res.StatusCode, req.Method, res.Header, body)
	}
	return res, nil
}

func isSuccess(code int) bool { return code >= 200 && code <= 299 }

// newHTTPRequest resolves r against the server URL and sets the default
// headers. The body is a bytes.Reader, so it can be replayed when an exec
// plugin's credentials are refreshed after a 401.
func (c *Client) newHTTPRequest(ctx context.Context, r Request) (*http.Request, error) {
	verb := r.Verb
	if verb == "" {
		verb = http.MethodGet
	}
	if !strings.HasPrefix(r.Path, "/") {
		return nil, fmt.Errorf("%s %q: path must start with /", verb, r.Path)
	}
	u := *c.base
	u.Path = c.base.Path + r.Path
	u.RawQuery = r.Query.Encode()

	var body io.Reader
	if r.Body != nil {
		body = bytes.NewReader(r.Body)
	}
	req, err := http.NewRequestWithContext(ctx, verb, u.String(), body)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", verb, u.String(), err)
	}
	accept := r.Accept
	if accept == "" {
		accept = defaultAccept
	}
	req.Header.Set("Accept", accept)
	if r.Body != nil {
		ct := r.ContentType
		if ct == "" {
			ct = defaultContentType
		}
		req.Header.Set("Content-Type", ct)
	}
	for k, vs := range r.Headers {
		req.Header.Del(k)
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	return req, nil
}

// logRequestBody logs a request's body at -v 8 and up. Upstream's
// structured logs print one for every request, "" when there is none
// (body=""); its text logs, as client-go wrote them before v1.33, only
// the bodies there are.
func logRequestBody(body []byte) {
	if body == nil && !structuredLogs() {
		return
	}
	logBody("Request Body", body)
}

// logBody logs a body at -v 8 and up; response bodies are always logged,
// empty ones too, as upstream does. A byte below '\n' marks a binary body
// (protobuf), printed as a hex dump instead.
func logBody(prefix string, body []byte) {
	level := verbosity()
	if level < 8 {
		return
	}
	binary := bytes.IndexFunc(body, func(r rune) bool { return r < 0x0a }) != -1
	text := string(body)
	if binary {
		text = hex.Dump(body)
	}
	text = truncateBody(level, text)
	switch {
	case structuredLogs():
		klog.InfoS(prefix, "body", text)
	case binary:
		klog.Infof("%s:\n%s", prefix, text)
	default:
		klog.Infof("%s: %s", prefix, text)
	}
}

// truncateBody cuts body to 1024 characters at -v 8 and 10240 at -v 9,
// saying how much was left out; -v 10 keeps everything.
func truncateBody(level int, body string) string {
	limit := 1024
	switch {
	case level >= 10:
		return body
	case level == 9:
		limit = 10240
	}
	if len(body) <= limit {
		return body
	}
	return body[:limit] + fmt.Sprintf(" [truncated %d chars]", len(body)-limit)
}
