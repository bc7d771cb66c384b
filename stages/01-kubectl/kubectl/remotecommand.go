// Remote command: the Kubernetes channel protocol that exec speaks over a
// websocket.
//
// Interface:
//   - execProtocols are the subprotocols offered, newest first:
//     v5.channel.k8s.io, then v4.channel.k8s.io.
//   - streamChannels pumps stdin to the server and the server's stdout and
//     stderr to the local writers until the server closes, then turns the
//     error channel's Status into nil, a CodeExitError, or an error.
//   - CodeExitError carries a remote command's non-zero exit code, which
//     cmd/kubectl uses as its own exit code.
//
// Every websocket message starts with one byte naming its channel: 0 stdin,
// 1 stdout, 2 stderr, 3 error (a JSON metav1.Status when the command ends),
// 4 terminal resize. v5 adds 255: "close channel N" (here, end of stdin).

package kubectl

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// The exec subprotocols, newest first.
const (
	protocolV5 = "v5.channel.k8s.io"
	protocolV4 = "v4.channel.k8s.io"
)

var execProtocols = []string{protocolV5, protocolV4}

// The channel numbers.
const (
	channelStdin  = 0
	channelStdout = 1
	channelStderr = 2
	channelError  = 3
	channelClose  = 255 // v5 only
)

// CodeExitError is returned when the remote command ran and exited with a
// non-zero code (upstream's exec.CodeExitError).
type CodeExitError struct {
	Code int
}

func (e CodeExitError) Error() string {
	return fmt.Sprintf("command terminated with exit code %d", e.Code)
}

// ExitStatus returns the remote exit code.
func (e CodeExitError) ExitStatus() int { return e.Code }

// streamChannels runs one exec session on conn. stdin may be nil (no -i).
// It returns when the server closes the connection.
func streamChannels(conn *wsConn, protocol string, stdin io.Reader, stdout, stderr io.Writer) error {
	if stdin != nil {
		go pumpStdin(conn, protocol, stdin)
	}
	var statusJSON []byte
	for {
		msg, err := conn.ReadMessage()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("read exec stream: %w", err)
		}
		if len(msg) == 0 {
			continue
		}
		data := msg[1:]
		switch msg[0] {
		case channelStdout:
			if _, err := stdout.Write(data); err != nil {
				return fmt.Errorf("write stdout: %w", err)
			}
		case channelStderr:
			if _, err := stderr.Write(data); err != nil {
				return fmt.Errorf("write stderr: %w", err)
			}
		case channelError:
			statusJSON = append(statusJSON, data...)
		}
	}
	return execStatusError(statusJSON)
}

// pumpStdin copies stdin into channel 0 and, on v5, announces its end.
// Its errors end only the copy: the server still decides when the
// session is over.
func pumpStdin(conn *wsConn, protocol string, stdin io.Reader) {
	buf := make([]byte, 32*1024)
	for {
		n, err := stdin.Read(buf)
		if n > 0 {
			msg := append([]byte{channelStdin}, buf[:n]...)
			if conn.WriteMessage(msg) != nil {
				return
			}
		}
		if err != nil {
			break
		}
	}
	if protocol == protocolV5 {
		_ = conn.WriteMessage([]byte{channelClose, channelStdin})
	}
}

// execStatusError interprets the error channel: nothing or a Success
// Status means the command exited 0; NonZeroExitCode carries the code in
// a cause named ExitCode.
func execStatusError(data []byte) error {
	if len(data) == 0 {
		return nil
	}
	var s metav1.Status
	if err := json.Unmarshal(data, &s); err != nil {
		return fmt.Errorf("decode exec status %q: %w", data, err)
	}
	if s.Status == metav1.StatusSuccess {
		return nil
	}
	if s.Reason == "NonZeroExitCode" && s.Details != nil {
		for _, c := range s.Details.Causes {
			if c.Type == "ExitCode" {
				code, err := strconv.Atoi(c.Message)
				if err != nil {
					return fmt.Errorf("exec status: exit code %q is not a number", c.Message)
				}
				return CodeExitError{Code: code}
			}
		}
	}
	return errors.New(s.Message)
}
