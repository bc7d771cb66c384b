// Streams: where a command reads its input and writes its output.
//
// Interface:
//   - IOStreams{In, Out, ErrOut} is handed to every command at construction,
//     so tests capture output in buffers instead of the process's os.Stdout.
//   - OSStreams() returns the process's standard streams for cmd/kubectl.
//
// Upstream kubectl passes the same triple (genericiooptions.IOStreams) to
// every NewCmd... constructor.

package kubectl

import (
	"io"
	"os"
)

// IOStreams are the three standard streams of one kubectl invocation.
// Out receives results (tables, YAML, "deployment.apps/nginx created");
// ErrOut receives warnings and -v request logs; In feeds `-f -` and exec.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
}

// OSStreams returns os.Stdin, os.Stdout and os.Stderr.
func OSStreams() IOStreams {
	return IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr}
}
