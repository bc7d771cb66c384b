// WebSocket: the smallest RFC 6455 client that `kubectl exec` needs.
//
// Interface:
//   - newWebSocketHeaders(protocols) returns the headers of the GET that
//     asks the server to switch protocols (Connection: Upgrade, Upgrade:
//     websocket, Sec-WebSocket-Key, Sec-WebSocket-Version: 13,
//     Sec-WebSocket-Protocol).
//   - checkWebSocketResponse verifies the 101 answer (Sec-WebSocket-Accept,
//     the chosen subprotocol).
//   - wsConn reads and writes whole messages over the upgraded connection:
//     ReadMessage returns the next data message (answering pings, joining
//     fragments), WriteMessage sends one masked binary frame, Close sends a
//     close frame.
//
// The request travels through the ordinary HTTP client, so TLS, credentials
// and the -v request log apply to it: net/http sends a websocket upgrade over
// HTTP/1.1 and hands back the raw connection as the 101 response's Body.
// remotecommand.go speaks the Kubernetes channel protocol on top.

package kubectl

import (
	"bufio"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
)

// websocketGUID is the fixed string RFC 6455 section 1.3 appends to the key.
const websocketGUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

// WebSocket opcodes (RFC 6455 section 5.2).
const (
	opContinuation = 0x0
	opText         = 0x1
	opBinary       = 0x2
	opClose        = 0x8
	opPing         = 0x9
	opPong         = 0xA
)

// maxMessageSize bounds one reassembled message, so a broken server cannot
// make kubectl allocate without limit.
const maxMessageSize = 32 << 20

// newWebSocketHeaders returns the headers of an upgrade GET offering
// protocols in order of preference, and the key the answer must be
// derived from.
func newWebSocketHeaders(protocols []string) (http.Header, string, error) {
	nonce := make([]byte, 16)
	if _, err := rand.Read(nonce); err != nil {
		return nil, "", fmt.Errorf("build websocket key: %w", err)
	}
	key := base64.StdEncoding.EncodeToString(nonce)
	h := http.Header{}
	h.Set("Connection", "Upgrade")
	h.Set("Upgrade", "websocket")
	h.Set("Sec-WebSocket-Version", "13")
	h.Set("Sec-WebSocket-Key", key)
	h.Set("Sec-WebSocket-Protocol", strings.Join(protocols, ", "))
	return h, key, nil
}

// websocketAccept is the Sec-WebSocket-Accept value a server must answer
// to key.
func websocketAccept(key string) string {
	sum := sha1.Sum([]byte(key + websocketGUID))
	return base64.StdEncoding.EncodeToString(sum[:])
}

// errUpgradeRefused reports a server that answered the upgrade with an
// ordinary HTTP response instead of 101 Switching Protocols.
var errUpgradeRefused = errors.New("the server did not upgrade the connection to a websocket")

// checkWebSocketResponse checks a 101 answer to the request made with key
// and returns the subprotocol the server chose. It does not look at other
// status codes: the caller turns those into the server's Status error.
func checkWebSocketResponse(resp *http.Response, key string, protocols []string) (string, error) {
	if resp.StatusCode != http.StatusSwitchingProtocols {
		return "", fmt.Errorf("%w: %s", errUpgradeRefused, resp.Status)
	}
	if !strings.EqualFold(resp.Header.Get("Upgrade"), "websocket") {
		return "", fmt.Errorf("%w: Upgrade header is %q", errUpgradeRefused, resp.Header.Get("Upgrade"))
	}
	if got := resp.Header.Get("Sec-WebSocket-Accept"); got != websocketAccept(key) {
		return "", fmt.Errorf("%w: wrong Sec-WebSocket-Accept %q", errUpgradeRefused, got)
	}
	chosen := resp.Header.Get("Sec-WebSocket-Protocol")
	for _, p := range protocols {
		if p == chosen {
			return chosen, nil
		}
	}
	return "", fmt.Errorf("%w: server chose subprotocol %q, offered %v", errUpgradeRefused, chosen, protocols)
}

// wsConn is one client side of a websocket. Reads happen on one goroutine;
// writes may come from several and are serialised by mu.
type wsConn struct {
	rw io.ReadWriteCloser
	r  *bufio.Reader
	mu sync.Mutex // guards writes to rw
}

func newWSConn(rw io.ReadWriteCloser) *wsConn {
	return &wsConn{rw: rw, r: bufio.NewReader(rw)}
}

// ReadMessage returns the next complete text or binary message. It
// answers pings on the way and returns io.EOF when the server closes.
func (c *wsConn) ReadMessage() ([]byte, error) {
	var msg []byte
	for {
		fin, op, payload, err := c.readFrame()
		if err != nil {
			return nil, err
		}
		switch op {
		case opPing:
			if err := c.writeFrame(opPong, payload); err != nil {
				return nil, err
			}
			continue
		case opPong:
			continue
		case opClose:
			_ = c.writeFrame(opClose, payload)
			return nil, io.EOF
		case opText, opBinary, opContinuation:
			msg = append(msg, payload...)
			if len(msg) > maxMessageSize {
				return nil, fmt.Errorf("websocket message larger than %d bytes", maxMessageSize)
			}
			if fin {
				return msg, nil
			}
		default:
			return nil, fmt.Errorf("websocket: unknown opcode %#x", op)
		}
	}
}

// readFrame reads one frame. Server frames must not be masked (RFC 6455
// section 5.1), but a masked one is unmasked rather than refused.
func (c *wsConn) readFrame() (fin bool, op byte, payload []byte, err error) {
	var head [2]byte
	if _, err = io.ReadFull(c.r, head[:]); err != nil {
		return false, 0, nil, err
	}
	fin = head[0]&0x80 != 0
	op = head[0] & 0x0F
	masked := head[1]&0x80 != 0
	n := uint64(head[1] & 0x7F)
	switch n {
	case 126:
		var ext [2]byte
		if _, err = io.ReadFull(c.r, ext[:]); err != nil {
			return false, 0, nil, err
		}
		n = uint64(binary.BigEndian.Uint16(ext[:]))
	case 127:
		var ext [8]byte
		if _, err = io.ReadFull(c.r, ext[:]); err != nil {
			return false, 0, nil, err
		}
		n = binary.BigEndian.Uint64(ext[:])
	}
	if n > maxMessageSize {
		return false, 0, nil, fmt.Errorf("websocket frame of %d bytes is too large", n)
	}
	var mask [4]byte
	if masked {
		if _, err = io.ReadFull(c.r, mask[:]); err != nil {
			return false, 0, nil, err
		}
	}
	payload = make([]byte, n)
	if _, err = io.ReadFull(c.r, payload); err != nil {
		return false, 0, nil, err
	}
	if masked {
		for i := range payload {
			payload[i] ^= mask[i%4]
		}
	}
	return fin, op, payload, nil
}

// WriteMessage sends data as one binary frame.
func (c *wsConn) WriteMessage(data []byte) error {
	return c.writeFrame(opBinary, data)
}

// writeFrame sends one final frame, masked with a fresh key as every
// client frame must be.
func (c *wsConn) writeFrame(op byte, payload []byte) error {
	frame := []byte{0x80 | op}
	switch n := len(payload); {
	case n < 126:
		frame = append(frame, 0x80|byte(n))
	case n <= 0xFFFF:
		frame = append(frame, 0x80|126)
		frame = binary.BigEndian.AppendUint16(frame, uint16(n))
	default:
		frame = append(frame, 0x80|127)
		frame = binary.BigEndian.AppendUint64(frame, uint64(n))
	}
	var mask [4]byte
	if _, err := rand.Read(mask[:]); err != nil {
		return fmt.Errorf("websocket mask: %w", err)
	}
	frame = append(frame, mask[:]...)
	start := len(frame)
	frame = append(frame, payload...)
	for i := range payload {
		frame[start+i] ^= mask[i%4]
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	_, err := c.rw.Write(frame)
	return err
}

// Close sends a normal-closure frame and closes the connection.
func (c *wsConn) Close() error {
	_ = c.writeFrame(opClose, []byte{0x03, 0xE8}) // 1000: normal closure
	return c.rw.Close()
}
