// Request logs: what kubectl -v prints about each HTTP round trip (talk 000,
// "-v 6": "GET https://…/apis?timeout=32s 200 OK in 4 milliseconds").
//
// Interface:
//   - debuggingRoundTripper: logs one request according to the klog
//     verbosity in force when the request is sent.
//   - maskValue: hides credentials in Authorization headers.
//
// What each level adds, in the default text format (upstream client-go's
// wording before v1.33):
//
//	-v 6   GET https://127.0.0.1:6443/apis?timeout=32s 200 OK in 4 milliseconds
//	-v 7   GET https://…            Request Headers: + one line per header,
//	       Response Status: 200 OK in 4 milliseconds
//	-v 8   as 7, plus Response Headers: and the bodies cut at 1024 chars
//	-v 9   curl -v -XGET  -H "Accept: …" 'https://…', HTTP Trace: lines for
//	       DNS and dial, the -v 6 line, HTTP Statistics: with the time per
//	       phase, Response Headers:, bodies cut at 10240 chars
//	-v 10  as 9 with whole bodies
//
// With SetLogFormat(LogFormatStructured) the same facts are printed as the
// key/value messages "Request" and "Response" that kubectl prints since
// v1.33. Headers are printed sorted by name (upstream prints them in map
// order, which changes from run to run).

package rest

import (
	"crypto/tls"
	"fmt"
	"net/http"
	"net/http/httptrace"
	"sort"
	"strings"
	"sync"
	"time"

	"k8s.io/klog/v2"
)

// verbosity returns the highest request-log level enabled (6 to 10), or 0
// when request logging is off.
func verbosity() int {
	for v := 10; v >= 6; v-- {
		if klog.V(klog.Level(v)).Enabled() {
			return v
		}
	}
	return 0
}

// requestInfo collects what is known about one round trip. The trace
// callbacks may run on other goroutines, hence the mutex.
type requestInfo struct {
	verb, url string
	headers   http.Header

	status   string // "200 OK"; empty when the request failed
	respHdrs http.Header

	mu               sync.Mutex
	dnsLookup        time.Duration
	dialing          time.Duration
	getConnection    time.Duration
	tlsHandshake     time.Duration
	serverProcessing time.Duration
	connReused       bool
	duration         time.Duration
}

type debuggingRoundTripper struct {
	next http.RoundTripper
}

func (rt *debuggingRoundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	level := verbosity()
	if level == 0 {
		return rt.next.RoundTrip(req)
	}
	info := &requestInfo{verb: req.Method, url: req.URL.String(), headers: req.Header}
	structured := structuredLogs()

	// Before the request.
	switch {
	case level >= 9 && structured:
		// The newline makes klog print the command as a multi-line block
		// (curlCommand=<, the command on its own line, >) that can be
		// copied whole, as upstream prints it.
		klog.InfoS("Request", "curlCommand", info.toCurl()+"\n")
	case level >= 9:
		klog.Infof("%s", info.toCurl())
	case level >= 7 && structured:
		klog.InfoS("Request", "verb", info.verb, "url", info.url, "headers", headerLines(info.headers))
	case level >= 7:
		klog.Infof("%s %s", info.verb, info.url)
		klog.Info("Request Headers:")
		logHeaderLines(info.headers)
	}

	if level >= 9 {
		req = req.WithContext(httptrace.WithClientTrace(req.Context(), info.trace(structured)))
	}
	start := time.Now()
	res, err := rt.next.RoundTrip(req)
	info.mu.Lock()
	info.duration = time.Since(start)
	info.mu.Unlock()
	if err == nil {
		info.status, info.respHdrs = res.Status, res.Header
	}

	// After the response.
	if structured {
		klog.InfoS("Response", info.responseKVs(level)...)
		return res, err
	}
	ms := info.duration.Milliseconds()
	if level == 6 || level >= 9 {
		klog.Infof("%s %s %s in %d milliseconds", info.verb, info.url, info.status, ms)
	}
	if level >= 9 {
		klog.Infof("HTTP Statistics: %s", info.statistics())
	}
	if level == 7 || level == 8 {
		klog.Infof("Response Status: %s in %d milliseconds", info.status, ms)
	}
	if level >= 8 {
		klog.Info("Response Headers:")
		logHeaderLines(info.respHdrs)
	}
	return res, err
}

// responseKVs is the key/value list of the structured "Response" message,
// with the same keys upstream uses at each level.
func (r *requestInfo) responseKVs(level int) []any {
	r.mu.Lock()
	defer r.mu.Unlock()
	var kvs []any
	if level == 6 || level >= 9 {
		kvs = append(kvs, "verb", r.verb, "url", r.url)
	}
	kvs = append(kvs, "status", r.status)
	if level >= 8 {
		kvs = append(kvs, "headers", headerLines(r.respHdrs))
	}
	kvs = append(kvs, "milliseconds", r.duration.Milliseconds())
	if level >= 9 {
		if r.connReused {
			kvs = append(kvs, "getConnectionMilliseconds", r.getConnection.Milliseconds())
		} else {
			kvs = append(kvs,
				"dnsLookupMilliseconds", r.dnsLookup.Milliseconds(),
				"dialMilliseconds", r.dialing.Milliseconds(),
				"tlsHandshakeMilliseconds", r.tlsHandshake.Milliseconds())
		}
		if r.serverProcessing != 0 {
			kvs = append(kvs, "serverProcessingMilliseconds", r.serverProcessing.Milliseconds())
		}
	}
	return kvs
}

// statistics is the text of the -v 9 "HTTP Statistics:" line. A reused
// connection had no DNS, dial or handshake, only the wait for the pool.
func (r *requestInfo) statistics() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var s string
	if r.connReused {
		s = fmt.Sprintf("GetConnection %d ms", r.getConnection.Milliseconds())
	} else {
		s = fmt.Sprintf("DNSLookup %d ms Dial %d ms TLSHandshake %d ms",
			r.dnsLookup.Milliseconds(), r.dialing.Milliseconds(), r.tlsHandshake.Milliseconds())
	}
	if r.serverProcessing != 0 {
		s += fmt.Sprintf(" ServerProcessing %d ms", r.serverProcessing.Milliseconds())
	}
	return s + fmt.Sprintf(" Duration %d ms", r.duration.Milliseconds())
}

// trace measures the phases of the round trip with net/http/httptrace.
// Server processing is the time from the last byte written to the first
// byte read.
func (r *requestInfo) trace(structured bool) *httptrace.ClientTrace {
	var dnsStart, dialStart, tlsStart, getConn, wrote time.Time
	var host string
	return &httptrace.ClientTrace{
		DNSStart: func(i httptrace.DNSStartInfo) {
			r.mu.Lock()
			defer r.mu.Unlock()
			dnsStart, host = time.Now(), i.Host
		},
		DNSDone: func(i httptrace.DNSDoneInfo) {
			r.mu.Lock()
			defer r.mu.Unlock()
			r.dnsLookup = time.Since(dnsStart)
			if structured {
				klog.InfoS("HTTP Trace: DNS Lookup resolved", "host", host, "address", i.Addrs)
			} else {
				klog.Infof("HTTP Trace: DNS Lookup for %s resolved to %v", host, i.Addrs)
			}
		},
		ConnectStart: func(network, addr string) {
			r.mu.Lock()
			defer r.mu.Unlock()
			dialStart = time.Now()
		},
		ConnectDone: func(network, addr string, err error) {
			r.mu.Lock()
			defer r.mu.Unlock()
			r.dialing = time.Since(dialStart)
			switch {
			case structured && err != nil:
				klog.InfoS("HTTP Trace: Dial failed", "network", network, "address", addr, "err", err)
			case structured:
				klog.InfoS("HTTP Trace: Dial succeed", "network", network, "address", addr)
			case err != nil:
				klog.Infof("HTTP Trace: Dial to %s:%s failed: %v", network, addr, err)
			default:
				klog.Infof("HTTP Trace: Dial to %s:%s succeed", network, addr)
			}
		},
		TLSHandshakeStart: func() {
			r.mu.Lock()
			defer r.mu.Unlock()
			tlsStart = time.Now()
		},
		TLSHandshakeDone: func(tls.ConnectionState, error) {
			r.mu.Lock()
			defer r.mu.Unlock()
			r.tlsHandshake = time.Since(tlsStart)
		},
		GetConn: func(string) {
			r.mu.Lock()
			defer r.mu.Unlock()
			getConn = time.Now()
		},
		GotConn: func(i httptrace.GotConnInfo) {
			r.mu.Lock()
			defer r.mu.Unlock()
			r.getConnection, r.connReused = time.Since(getConn), i.Reused
		},
		WroteRequest: func(httptrace.WroteRequestInfo) {
			r.mu.Lock()
			defer r.mu.Unlock()
			wrote = time.Now()
		},
		GotFirstResponseByte: func() {
			r.mu.Lock()
			defer r.mu.Unlock()
			r.serverProcessing = time.Since(wrote)
		},
	}
}

// toCurl renders the request as a shell command a student can paste. The
// body is left out, as upstream does. The two spaces after -X<verb> are
// upstream's too: every header starts with its own space.
func (r *requestInfo) toCurl() string {
	var headers string
	for _, kv := range sortedHeaders(r.headers) {
		headers += fmt.Sprintf(" -H %q", kv[0]+": "+kv[1])
	}
	return fmt.Sprintf("curl -v -X%s %s '%s'", r.verb, headers, r.url)
}

// sortedHeaders flattens h into masked [name, value] pairs, by name.
func sortedHeaders(h http.Header) [][2]string {
	names := make([]string, 0, len(h))
	for k := range h {
		names = append(names, k)
	}
	sort.Strings(names)
	var out [][2]string
	for _, k := range names {
		for _, v := range h[k] {
			out = append(out, [2]string{k, maskValue(k, v)})
		}
	}
	return out
}

// logHeaderLines prints one indented line per header value (text format).
func logHeaderLines(h http.Header) {
	for _, kv := range sortedHeaders(h) {
		klog.Infof("    %s: %s", kv[0], kv[1])
	}
}

// headerLines is the multi-line value of the structured "headers" key;
// klog prints it as an indented block.
func headerLines(h http.Header) string {
	var b strings.Builder
	for _, kv := range sortedHeaders(h) {
		b.WriteString(kv[0] + ": " + kv[1] + "\n")
	}
	return b.String()
}

// knownAuthTypes keep their scheme word visible when masked, so the log
// still tells which kind of credential was sent.
var knownAuthTypes = map[string]bool{"bearer": true, "basic": true, "negotiate": true}

// maskValue hides the credential in an Authorization header value:
// "Bearer abc" becomes "Bearer <masked>", an unknown scheme "<masked>".
// Other headers are returned unchanged.
func maskValue(key, value string) string {
	if !strings.EqualFold(key, "Authorization") || value == "" {
		return value
	}
	authType, _, hasCredential := strings.Cut(value, " ")
	if !knownAuthTypes[strings.ToLower(authType)] {
		return "<masked>"
	}
	if hasCredential {
		return authType + " <masked>"
	}
	return authType
}
