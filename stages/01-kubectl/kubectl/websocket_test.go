package kubectl

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// fakeExecServer answers a websocket upgrade the way an API server answers
// GET .../pods/NAME/exec: it picks the first offered protocol it knows,
// echoes stdin upper-cased on stdout, writes "warn" on stderr, and ends with
// the error channel's Status. It is the server half of websocket.go, kept
// here because the real one arrives with the kubelet in stage 5.
type fakeExecServer struct {
	status string // JSON written on channel 3 before closing
}

func (f fakeExecServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("Sec-WebSocket-Key")
	protocol := ""
	for _, p := range strings.Split(r.Header.Get("Sec-WebSocket-Protocol"), ",") {
		if p = strings.TrimSpace(p); p == protocolV5 {
			protocol = p
		}
	}
	if key == "" || protocol == "" {
		http.Error(w, "not a websocket exec request", http.StatusBadRequest)
		return
	}
	conn, rw, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	rw.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n")
	rw.WriteString("Sec-WebSocket-Accept: " + websocketAccept(key) + "\r\nSec-WebSocket-Protocol: " + protocol + "\r\n\r\n")
	rw.Flush()
	ws := &wsConn{rw: conn, r: rw.Reader}
	var input bytes.Buffer
	for {
		msg, err := ws.ReadMessage()
		if err != nil || len(msg) == 0 || msg[0] == channelClose {
			break
		}
		input.Write(msg[1:])
	}
	ws.WriteMessage(append([]byte{channelStdout}, bytes.ToUpper(input.Bytes())...))
	ws.WriteMessage(append([]byte{channelStderr}, "warn"...))
	ws.WriteMessage(append([]byte{channelError}, f.status...))
	ws.writeFrame(opClose, nil)
}

// upgradeRequest builds a websocket upgrade GET for url.
func upgradeRequest(t *testing.T, url string) (*http.Request, string) {
	t.Helper()
	h, key, err := newWebSocketHeaders(execProtocols)
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header = h
	return req, key
}

// Talk 002, "Ghost demo": `kubectl exec -it ghost-xxx bash` streams stdin
// and stdout over one upgraded connection and ends with the exit status.
func TestWebSocketExecSession(t *testing.T) {
	tests := []struct {
		name     string
		status   string
		wantCode int // 0: no error
	}{
		{"success", `{"metadata":{},"status":"Success"}`, 0},
		{"non-zero exit", `{"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code: error executing command [false], exit code 3","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}`, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(fakeExecServer{status: tc.status})
			defer srv.Close()
			req, key := upgradeRequest(t, srv.URL+"/api/v1/namespaces/default/pods/ghost/exec?command=cat")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			protocol, err := checkWebSocketResponse(resp, key, execProtocols)
			if err != nil {
				t.Fatal(err)
			}
			if protocol != protocolV5 {
				t.Fatalf("protocol = %q, want %q", protocol, protocolV5)
			}
			var stdout, stderr bytes.Buffer
			err = streamChannels(newWSConn(resp.Body.(io.ReadWriteCloser)), protocol, strings.NewReader("hello"), &stdout, &stderr)
			if stdout.String() != "HELLO" || stderr.String() != "warn" {
				t.Errorf("stdout %q stderr %q, want HELLO and warn", stdout.String(), stderr.String())
			}
			var exit CodeExitError
			switch {
			case tc.wantCode == 0 && err != nil:
				t.Errorf("unexpected error %v", err)
			case tc.wantCode != 0 && (!errors.As(err, &exit) || exit.Code != tc.wantCode):
				t.Errorf("error = %v, want exit code %d", err, tc.wantCode)
			}
		})
	}
}

// A server that does not speak websockets answers with a plain HTTP error;
// the client must say so instead of reading garbage frames.
func TestWebSocketUpgradeRefused(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "no", http.StatusBadRequest)
	}))
	defer srv.Close()
	req, key := upgradeRequest(t, srv.URL)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := checkWebSocketResponse(resp, key, execProtocols); !errors.Is(err, errUpgradeRefused) {
		t.Errorf("error = %v, want errUpgradeRefused", err)
	}
}

// Frames longer than 125 and 65535 bytes use the 16- and 64-bit length
// forms; a round trip through a pipe proves both directions agree.
func TestWebSocketFrameLengths(t *testing.T) {
	for _, n := range []int{0, 125, 126, 65535, 65536} {
		client, server := net.Pipe()
		payload := bytes.Repeat([]byte{'x'}, n)
		go func() {
			newWSConn(client).WriteMessage(payload)
		}()
		got, err := (&wsConn{rw: server, r: bufio.NewReader(server)}).ReadMessage()
		if err != nil || !bytes.Equal(got, payload) {
			t.Errorf("length %d: got %d bytes, err %v", n, len(got), err)
		}
		client.Close()
		server.Close()
	}
}

// RFC 6455 section 1.3 gives this key and answer as its example.
func TestWebSocketAccept(t *testing.T) {
	if got := websocketAccept("dGhlIHNhbXBsZSBub25jZQ=="); got != "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=" {
		t.Errorf("accept = %q", got)
	}
}
