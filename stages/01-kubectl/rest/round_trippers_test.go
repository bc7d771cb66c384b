package rest

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// logEntry is one klog record: the source file from its header and the
// message, continuation lines included.
type logEntry struct {
	file, msg string
}

// klogHeader matches "I1124 22:30:00.123456   12345 round_trippers.go:97] ".
var klogHeader = regexp.MustCompile(`^I\d{4} \d{2}:\d{2}:\d{2}\.\d{6} +\d+ ([\w.]+\.go):\d+\] (.*)$`)

func parseLogs(t *testing.T, out string) []logEntry {
	t.Helper()
	var entries []logEntry
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if m := klogHeader.FindStringSubmatch(line); m != nil {
			entries = append(entries, logEntry{file: m[1], msg: m[2]})
			continue
		}
		if len(entries) == 0 {
			t.Fatalf("log does not start with a klog header: %q", line)
		}
		entries[len(entries)-1].msg += "\n" + line
	}
	return entries
}

// want is one expected log entry: file and a regexp for the whole message.
type want struct{ file, re string }

// xs matches exactly n x's (Go regexps allow at most 1000 repeats).
func xs(n int) string {
	return strings.Repeat(`x{1000}`, n/1000) + fmt.Sprintf(`x{%d}`, n%1000)
}

func rt(re string) want  { return want{"round_trippers.go", re} }
func req(re string) want { return want{"request.go", re} }

func checkLogs(t *testing.T, out string, wants []want) {
	t.Helper()
	got := parseLogs(t, out)
	for i, w := range wants {
		if i >= len(got) {
			t.Fatalf("missing entry %d (%s %s); log was:\n%s", i, w.file, w.re, out)
		}
		re := regexp.MustCompile(`^(?s:` + w.re + `)$`)
		if got[i].file != w.file || !re.MatchString(got[i].msg) {
			t.Fatalf("entry %d = %s] %q\nwant    %s] %s\nlog was:\n%s", i, got[i].file, got[i].msg, w.file, w.re, out)
		}
	}
	if len(got) > len(wants) {
		t.Fatalf("%d unexpected entries after the expected ones; log was:\n%s", len(got)-len(wants), out)
	}
}

// Talk 000, "-v 6": each verbosity adds its lines, in the upstream wording.
func TestRequestLogs(t *testing.T) {
	body := strings.Repeat("x", 12000)
	srv := newAPIServer(t, serverOptions{handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Audit-Id", "1234")
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, body)
	})})
	const (
		url = `https://127\.0\.0\.1:\d+/apis\?timeout=32s`
		ua  = `User-Agent: [^\n"]+`
		ms  = `\d+`
	)
	textRespHeaders := []want{rt(`Response Headers:`), rt(`    Audit-Id: 1234`), rt(`    Content-Type: application/json`), rt(`    Date: .+`)}
	curl := `curl -v -XGET  -H "Accept: application/json, \*/\*" -H "Authorization: Bearer <masked>" -H "` + ua + `" '` + url + `'`
	structHeaders := `headers=<\n\tAudit-Id: 1234\n\tContent-Type: application/json\n\tDate: [^\n]+\n >`

	tests := []struct {
		name   string
		level  int
		format LogFormat
		want   []want
	}{
		{name: "v5 is silent", level: 5, format: LogFormatText},
		{name: "v6 one line per request", level: 6, format: LogFormatText, want: []want{
			rt(`GET ` + url + ` 200 OK in ` + ms + ` milliseconds`)}},
		{name: "v7 adds request headers", level: 7, format: LogFormatText, want: []want{
			rt(`GET ` + url), rt(`Request Headers:`),
			rt(`    Accept: application/json, \*/\*`), rt(`    Authorization: Bearer <masked>`), rt(`    ` + ua),
			rt(`Response Status: 200 OK in ` + ms + ` milliseconds`)}},
		{name: "v8 adds response headers and a 1024-char body", level: 8, format: LogFormatText, want: append(append([]want{
			rt(`GET ` + url), rt(`Request Headers:`),
			rt(`    Accept: application/json, \*/\*`), rt(`    Authorization: Bearer <masked>`), rt(`    ` + ua),
			rt(`Response Status: 200 OK in ` + ms + ` milliseconds`)}, textRespHeaders...),
			req(`Response Body: `+xs(1024)+` \[truncated 10976 chars\]`))},
		{name: "v9 adds curl, trace and timing split", level: 9, format: LogFormatText, want: append(append([]want{
			rt(curl),
			rt(`HTTP Trace: Dial to tcp:127\.0\.0\.1:\d+ succeed`),
			rt(`GET ` + url + ` 200 OK in ` + ms + ` milliseconds`),
			rt(`HTTP Statistics: DNSLookup 0 ms Dial \d+ ms TLSHandshake \d+ ms ServerProcessing \d+ ms Duration \d+ ms`)},
			textRespHeaders...),
			req(`Response Body: `+xs(10240)+` \[truncated 1760 chars\]`))},
		{name: "v10 prints whole bodies", level: 10, format: LogFormatText, want: append(append([]want{
			rt(curl),
			rt(`HTTP Trace: Dial to tcp:127\.0\.0\.1:\d+ succeed`),
			rt(`GET ` + url + ` 200 OK in ` + ms + ` milliseconds`),
			rt(`HTTP Statistics: .+`)},
			textRespHeaders...),
			req(`Response Body: `+xs(12000)+``))},
		{name: "structured v6", level: 6, format: LogFormatStructured, want: []want{
			rt(`"Response" verb="GET" url="` + url + `" status="200 OK" milliseconds=` + ms)}},
		{name: "structured v7", level: 7, format: LogFormatStructured, want: []want{
			rt(`"Request" verb="GET" url="` + url + `" headers=<\n\tAccept: application/json, \*/\*\n\tAuthorization: Bearer <masked>\n\t` + ua + `\n >`),
			rt(`"Response" status="200 OK" milliseconds=` + ms)}},
		// Upstream's structured logs print a request body for every
		// request, an empty one too (checked against kubectl v1.37.2).
		{name: "structured v8", level: 8, format: LogFormatStructured, want: []want{
			req(`"Request Body" body=""`),
			rt(`"Request" verb="GET" url="` + url + `" headers=<.+ >`),
			rt(`"Response" status="200 OK" ` + structHeaders + ` milliseconds=` + ms),
			req(`"Response Body" body="` + xs(1024) + ` \[truncated 10976 chars\]"`)}},
		// The curl command is a multi-line value: klog prints it as a block,
		// on a line of its own, ready to copy.
		{name: "structured v9", level: 9, format: LogFormatStructured, want: []want{
			req(`"Request Body" body=""`),
			rt(`"Request" curlCommand=<\n\t` + curl + `\n >`),
			rt(`"HTTP Trace: Dial succeed" network="tcp" address="127\.0\.0\.1:\d+"`),
			rt(`"Response" verb="GET" url="` + url + `" status="200 OK" ` + structHeaders +
				` milliseconds=\d+ dnsLookupMilliseconds=0 dialMilliseconds=\d+ tlsHandshakeMilliseconds=\d+ serverProcessingMilliseconds=\d+`),
			req(`"Response Body" body="` + xs(10240) + ` \[truncated 1760 chars\]"`)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			logs := captureLogs(t, tc.level, tc.format)
			cfg := srv.config()
			cfg.BearerToken = "secret-token"
			c, err := New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.Get(context.Background(), "/apis?timeout=32s"); err != nil {
				t.Fatal(err)
			}
			out := logs.String()
			if strings.Contains(out, "secret-token") {
				t.Fatalf("the token leaked into the log:\n%s", out)
			}
			if len(tc.want) == 0 {
				if out != "" {
					t.Fatalf("want no output, got:\n%s", out)
				}
				return
			}
			checkLogs(t, out, tc.want)
		})
	}
}

// A request body is logged at -v 8 before the request, in both formats.
func TestRequestBodyLogs(t *testing.T) {
	srv := newAPIServer(t, serverOptions{handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusCreated)
	})})
	tests := []struct {
		name   string
		format LogFormat
		want   []want
	}{
		{name: "text", format: LogFormatText, want: []want{
			req(`Request Body: \{"kind":"ConfigMap"\}`),
			rt(`POST .+`), rt(`Request Headers:`), rt(`    .+`), rt(`    .+`), rt(`    .+`),
			rt(`Response Status: 201 Created in \d+ milliseconds`), rt(`Response Headers:`), rt(`    .+`), rt(`    .+`),
			req(`Response Body: `)}},
		{name: "structured", format: LogFormatStructured, want: []want{
			req(`"Request Body" body="\{\\"kind\\":\\"ConfigMap\\"\}"`),
			rt(`"Request" verb="POST" .+`),
			rt(`"Response" status="201 Created" .+`),
			req(`"Response Body" body=""`)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			logs := captureLogs(t, 8, tc.format)
			c, _ := New(srv.config())
			if _, err := c.Do(context.Background(), Request{Verb: "POST", Path: "/api/v1/namespaces/default/configmaps",
				Body: []byte(`{"kind":"ConfigMap"}`)}); err != nil {
				t.Fatal(err)
			}
			checkLogs(t, logs.String(), tc.want)
		})
	}
}

// A second request on a kept-alive connection has no dial or handshake.
func TestRequestLogsReusedConnection(t *testing.T) {
	srv := newAPIServer(t, serverOptions{})
	c, _ := New(srv.config())
	if _, err := c.Get(context.Background(), "/api"); err != nil {
		t.Fatal(err)
	}
	logs := captureLogs(t, 9, LogFormatText)
	if _, err := c.Get(context.Background(), "/apis"); err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`HTTP Statistics: GetConnection \d+ ms ServerProcessing \d+ ms Duration \d+ ms`).MatchString(logs.String()) {
		t.Errorf("no reused-connection statistics:\n%s", logs)
	}
}

// A request that never got a response still logs its line, with an empty
// status, as upstream does.
func TestRequestLogsFailedRequest(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	logs := captureLogs(t, 6, LogFormatText)
	c, _ := New(&Config{Host: "https://" + addr, TLSClientConfig: TLSClientConfig{Insecure: true}})
	if _, err := c.Get(context.Background(), "/api"); err == nil {
		t.Fatal("request to a closed port succeeded")
	}
	checkLogs(t, logs.String(), []want{rt(`GET https://` + regexp.QuoteMeta(addr) + `/api  in \d+ milliseconds`)})
}

// With a host name, -v 9 also shows the DNS lookup.
func TestRequestLogsDNSLookup(t *testing.T) {
	if _, err := net.LookupHost("localhost"); err != nil {
		t.Skip("localhost does not resolve here")
	}
	srv := newAPIServer(t, serverOptions{names: []string{"localhost"}})
	cfg := srv.config()
	cfg.Host = strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)
	logs := captureLogs(t, 9, LogFormatText)
	c, _ := New(cfg)
	if _, err := c.Get(context.Background(), "/api"); err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`HTTP Trace: DNS Lookup for localhost resolved to \[.*127\.0\.0\.1.*\]`).MatchString(logs.String()) {
		t.Errorf("no DNS trace line:\n%s", logs)
	}
}

func TestMaskValue(t *testing.T) {
	tests := []struct{ name, key, value, want string }{
		{"bearer", "Authorization", "Bearer abc", "Bearer <masked>"},
		{"basic", "authorization", "Basic YWRtaW46cw==", "Basic <masked>"},
		{"scheme only", "Authorization", "Bearer", "Bearer"},
		{"unknown scheme hides all", "Authorization", "Token abc", "<masked>"},
		{"other headers untouched", "Accept", "application/json", "application/json"},
		{"empty", "Authorization", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := maskValue(tc.key, tc.value); got != tc.want {
				t.Errorf("maskValue(%q, %q) = %q, want %q", tc.key, tc.value, got, tc.want)
			}
		})
	}
}

func TestTruncateBody(t *testing.T) {
	tests := []struct {
		name  string
		level int
		size  int
		want  string
	}{
		{"v8 short", 8, 1024, strings.Repeat("a", 1024)},
		{"v8 long", 8, 1030, strings.Repeat("a", 1024) + " [truncated 6 chars]"},
		{"v9 long", 9, 10250, strings.Repeat("a", 10240) + " [truncated 10 chars]"},
		{"v10 whole", 10, 20000, strings.Repeat("a", 20000)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := truncateBody(tc.level, strings.Repeat("a", tc.size)); got != tc.want {
				t.Errorf("len(got) = %d, suffix %q", len(got), got[max(0, len(got)-25):])
			}
		})
	}
}

// Binary bodies (protobuf) are hex-dumped rather than printed raw.
func TestBinaryBodyIsHexDumped(t *testing.T) {
	logs := captureLogs(t, 8, LogFormatText)
	logBody("Response Body", []byte{0x6b, 0x38, 0x73, 0x00, 0x01})
	checkLogs(t, logs.String(), []want{req(`Response Body:\n00000000  6b 38 73 00 01 .+\|k8s\.\.\|\n?`)})
}
