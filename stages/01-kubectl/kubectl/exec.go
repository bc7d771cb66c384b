// `kubectl exec`: run a command in a container, its streams carried over a
// websocket.
//
// Interface:
//   - NewCmdExec(env): `kubectl exec (POD | TYPE/NAME) [-c CONTAINER]
//     [-i] [-t] -- COMMAND [args...]`.
//   - execURL builds the request: GET /api/v1/namespaces/NS/pods/NAME/exec
//     with command (repeated), container, stdin, stdout, stderr and tty.
//
// The request asks to switch to the v5.channel.k8s.io websocket protocol
// (websocket.go, remotecommand.go). Upstream kubectl sends the same GET
// (RFC 6455 allows no other method for an upgrade) and falls back to a
// SPDY POST only for servers that refuse websockets; this one does not
// speak SPDY. Talk 002, "Ghost demo": `kubectl exec -it ghost-xxx bash`,
// which since kubectl 1.24 must be written `kubectl exec -it ghost-xxx --
// bash`. The server side arrives with the kubelet in stage 5.

package kubectl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"

	"github.com/spf13/cobra"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/rest"
)

// execOptions are the flags of exec.
type execOptions struct {
	container string
	stdin     bool
	tty       bool
	quiet     bool
}

// NewCmdExec returns `kubectl exec`.
func NewCmdExec(env *Env) *cobra.Command {
	o := &execOptions{}
	cmd := &cobra.Command{
		Use:   "exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]",
		Short: "Execute a command in a container",
		Example: "  # Get output from running the 'date' command from pod ghost, using the first container by default\n  kubectl exec ghost -- date\n\n" +
			"  # Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod web-1\n  kubectl exec web-1 -c ruby-container -i -t -- bash -il",
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd, env, args)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.container, "container", "c", "", "Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen")
	f.BoolVarP(&o.stdin, "stdin", "i", false, "Pass stdin to the container")
	f.BoolVarP(&o.tty, "tty", "t", false, "Stdin is a TTY")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "Only print output from the remote session")
	return cmd
}

// splitExecArgs separates the pod from the command at "--". The old form
// without "--" is refused with upstream's message.
func splitExecArgs(cmd *cobra.Command, args []string) (pod string, command []string, err error) {
	dash := cmd.ArgsLenAtDash()
	switch {
	case len(args) == 0:
		return "", nil, fmt.Errorf("pod or type/name must be specified")
	case dash == -1 && len(args) > 1:
		return "", nil, fmt.Errorf("exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead")
	case dash > 1:
		return "", nil, fmt.Errorf("exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead")
	case dash == -1 || len(args) == dash:
		return "", nil, fmt.Errorf("you must specify at least one command for the container")
	}
	return args[0], args[dash:], nil
}

// execURL returns the path and query of the exec request.
func execURL(pod *corev1.Pod, container string, command []string, stdin, tty bool) (string, url.Values) {
	q := url.Values{
		"container": {container},
		"command":   command,
		"stdout":    {"true"},
		"stderr":    {strconv.FormatBool(!tty)}, // a terminal merges stderr into stdout
	}
	if stdin {
		q.Set("stdin", "true")
	}
	if tty {
		q.Set("tty", "true")
	}
	return "/api/v1/namespaces/" + pod.Namespace + "/pods/" + pod.Name + "/exec", q
}

func (o *execOptions) run(cmd *cobra.Command, env *Env, args []string) error {
	podArg, command, err := splitExecArgs(cmd, args)
	if err != nil {
		return err
	}
	if o.tty && (!o.stdin || !isTerminal(env.Streams.In)) {
		// Without a terminal on our side there is nothing to make raw;
		// upstream says so and carries on without one.
		if !o.quiet {
			fmt.Fprintln(env.Streams.ErrOut, "Unable to use a TTY - input is not a terminal or the right kind of file")
		}
		o.tty = false
	}
	ctx := cmd.Context()
	pod, err := env.podFor(ctx, podArg)
	if err != nil {
		return err
	}
	if pod.Status.Phase == corev1.PodSucceeded || pod.Status.Phase == corev1.PodFailed {
		return fmt.Errorf("cannot exec into a container in a completed pod; current phase is %s", pod.Status.Phase)
	}
	container := o.container
	if container == "" {
		if container, err = env.defaultContainer(pod); err != nil {
			return err
		}
	} else if !hasContainer(pod, container) {
		return fmt.Errorf("container %s not found in pod %s", container, pod.Name)
	}
	client, err := env.RESTClient()
	if err != nil {
		return err
	}
	path, query := execURL(pod, container, command, o.stdin, o.tty)
	var stdin io.Reader
	if o.stdin {
		stdin = env.Streams.In
	}
	return execStream(ctx, client, path, query, stdin, env.Streams.Out, env.Streams.ErrOut)
}

// execStream opens the websocket and runs the session.
// The request goes through the rest client, so TLS, credentials and the
// -v request log apply to it as to any other.
func execStream(ctx context.Context, client *rest.Client, path string, query url.Values, stdin io.Reader, stdout, stderr io.Writer) error {
	headers, key, err := newWebSocketHeaders(execProtocols)
	if err != nil {
		return err
	}
	resp, err := client.Upgrade(ctx, rest.Request{Verb: http.MethodGet, Path: path, Query: query, Headers: headers})
	if err != nil {
		return err
	}
	protocol, err := checkWebSocketResponse(resp, key, execProtocols)
	if err != nil {
		resp.Body.Close()
		return err
	}
	rw, ok := resp.Body.(io.ReadWriteCloser)
	if !ok {
		resp.Body.Close()
		return errors.New("exec: the upgraded connection is not writable")
	}
	conn := newWSConn(rw)
	defer conn.Close()
	return streamChannels(conn, protocol, stdin, stdout, stderr)
}

// isTerminal reports whether r is a character device (a terminal).
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
