// `kubectl logs`: a container's output, read from the pod's log
// subresource.
//
// Interface:
//   - NewCmdLogs(env): `kubectl logs [-f] [-p] (POD | TYPE/NAME)
//     [-c CONTAINER]` with --tail, --since, --since-time, --timestamps,
//     --limit-bytes. It sends GET /api/v1/namespaces/NS/pods/NAME/log with
//     container, follow, tailLines, sinceSeconds, sinceTime, previous,
//     timestamps and limitBytes as query parameters, and copies the body
//     to stdout (streaming it with -f).
//
// Talk 002, "Ghost demo": `kubectl logs ghost-xxx`. The server side (the
// kubelet serving the file) arrives in stage 5; the request is final now.

package kubectl

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/rest"
)

// logsOptions are the flags of logs.
type logsOptions struct {
	container  string
	follow     bool
	previous   bool
	timestamps bool
	tail       int64
	since      time.Duration
	sinceTime  string
	limitBytes int64
}

// logsUsage is the command line the usage errors quote.
const logsUsage = "logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]"

// NewCmdLogs returns `kubectl logs`.
func NewCmdLogs(env *Env) *cobra.Command {
	o := &logsOptions{tail: -1}
	cmd := &cobra.Command{
		Use:   logsUsage,
		Short: "Print the logs for a container in a pod",
		Example: "  # Return snapshot logs from pod ghost with only one container\n  kubectl logs ghost\n\n" +
			"  # Begin streaming the logs of the ruby container in pod web-1\n  kubectl logs -f -c ruby web-1\n\n" +
			"  # Display only the most recent 20 lines of output in pod nginx\n  kubectl logs --tail=20 nginx",
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd, env, args)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.container, "container", "c", "", "Print the logs of this container")
	f.BoolVarP(&o.follow, "follow", "f", false, "Specify if the logs should be streamed.")
	f.BoolVarP(&o.previous, "previous", "p", false, "If true, print the logs for the previous instance of the container in a pod if it exists.")
	f.BoolVar(&o.timestamps, "timestamps", false, "Include timestamps on each line in the log output")
	f.Int64Var(&o.tail, "tail", -1, "Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.")
	f.DurationVar(&o.since, "since", 0, "Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used.")
	f.StringVar(&o.sinceTime, "since-time", "", "Only return logs after a specific date (RFC3339). Defaults to all logs. Only one of since-time / since may be used.")
	f.Int64Var(&o.limitBytes, "limit-bytes", 0, "Maximum bytes of logs to return. Defaults to no limit.")
	return cmd
}

// validate checks the flags before any request, with upstream's messages.
func (o *logsOptions) validate(cmd *cobra.Command, args []string) error {
	switch {
	case len(args) == 0 || len(args) > 2:
		return usageError(cmd, "expected '%s'.\nPOD or TYPE/NAME is a required argument for the logs command", logsUsage)
	case len(args) == 2 && o.container == "":
		o.container = args[1] // the old `kubectl logs POD CONTAINER` form
	case len(args) == 2:
		return fmt.Errorf("only one of -c or an inline [CONTAINER] arg is allowed")
	}
	if o.since != 0 && o.sinceTime != "" {
		return fmt.Errorf("at most one of `sinceTime` or `sinceSeconds` may be specified")
	}
	if o.sinceTime != "" {
		if _, err := time.Parse(time.RFC3339, o.sinceTime); err != nil {
			return fmt.Errorf("--since-time must be an RFC3339 timestamp: %w", err)
		}
	}
	if o.limitBytes < 0 {
		return fmt.Errorf("--limit-bytes must be greater than 0")
	}
	if o.tail < -1 {
		return fmt.Errorf("--tail must be greater than or equal to -1")
	}
	return nil
}

// query builds the log request's parameters (upstream's PodLogOptions).
func (o *logsOptions) query(container string) url.Values {
	q := url.Values{"container": {container}}
	if o.follow {
		q.Set("follow", "true")
	}
	if o.previous {
		q.Set("previous", "true")
	}
	if o.timestamps {
		q.Set("timestamps", "true")
	}
	if o.tail >= 0 {
		q.Set("tailLines", strconv.FormatInt(o.tail, 10))
	}
	if o.since > 0 {
		// The server counts whole seconds; round up so "--since=500ms" still
		// means "the last second", as upstream does.
		q.Set("sinceSeconds", strconv.FormatInt(int64((o.since+time.Second-1)/time.Second), 10))
	}
	if o.sinceTime != "" {
		q.Set("sinceTime", o.sinceTime)
	}
	if o.limitBytes > 0 {
		q.Set("limitBytes", strconv.FormatInt(o.limitBytes, 10))
	}
	return q
}

func (o *logsOptions) run(cmd *cobra.Command, env *Env, args []string) error {
	if err := o.validate(cmd, args); err != nil {
		return err
	}
	ctx := cmd.Context()
	pod, err := env.podFor(ctx, args[0])
	if err != nil {
		return err
	}
	container := o.container
	if container == "" {
		if container, err = env.defaultContainer(pod); err != nil {
			return err
		}
	} else if !hasContainer(pod, container) {
		return fmt.Errorf("container %s is not valid for pod %s out of: %s", container, pod.Name, allContainerNames(pod))
	}
	client, err := env.RESTClient()
	if err != nil {
		return err
	}
	body, err := client.Stream(ctx, rest.Request{
		Verb:  http.MethodGet,
		Path:  "/api/v1/namespaces/" + pod.Namespace + "/pods/" + pod.Name + "/log",
		Query: o.query(container),
	})
	if err != nil {
		return err
	}
	defer body.Close()
	if _, err := io.Copy(env.Streams.Out, body); err != nil {
		return fmt.Errorf("read logs of %s/%s: %w", pod.Name, container, err)
	}
	return nil
}
