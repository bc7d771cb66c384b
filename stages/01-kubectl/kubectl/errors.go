// Errors as the user sees them: the last line kubectl prints before exit 1.
//
// Interface:
//   - ErrorMessage(err) renders err the way upstream's cmdutil.CheckErr
//     does: a server *rest.StatusError as "Error from server (NotFound):
//     ..." (the rest package words it), a refused dial as "The connection
//     to the server ... was refused ...", a remote command's exit as
//     "command terminated with exit code N", anything else as "error: ...".
//   - ExitCode(err) is the process exit code: exec's remote code, else 1.
//   - ErrExit: exit 1 having printed everything already.
//   - addSourceToErr names the manifest file a server error came from:
//     `error when creating "nginx.yaml": ...`, inside the server's message
//     as upstream does, so the "Error from server (...)" prefix stays first.
//
// cmd/kubectl prints ErrorMessage(err) on stderr and exits with ExitCode.

package kubectl

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/kubeconfig"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/rest"
)

// ErrExit ends a command that has already told the user what went wrong:
// exit code 1, nothing more printed (upstream's cmdutil.ErrExit).
var ErrExit = errors.New("exit")

// ErrorMessage returns the text cmd/kubectl prints for err, without a
// trailing newline; "" for ErrExit. Errors joined with errors.Join are rendered one per
// line, each in its own form, as upstream prints an aggregate.
func ErrorMessage(err error) string {
	if errors.Is(err, ErrExit) {
		return ""
	}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		var lines []string
		for _, e := range joined.Unwrap() {
			if e != nil {
				lines = append(lines, ErrorMessage(e))
			}
		}
		if len(lines) > 0 {
			return strings.Join(lines, "\n")
		}
	}
	var exit CodeExitError
	if errors.As(err, &exit) {
		return exit.Error()
	}
	var status *rest.StatusError
	if errors.As(err, &status) {
		return status.Error()
	}
	if msg, ok := kubeconfig.ErrorMessage(err); ok {
		return msg // "Error in configuration: ..." as upstream
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		if strings.Contains(urlErr.Err.Error(), "connection refused") {
			host := urlErr.URL
			if u, perr := url.Parse(urlErr.URL); perr == nil {
				host = u.Host
			}
			return fmt.Sprintf("The connection to the server %s was refused - did you specify the right host or port?", host)
		}
		return fmt.Sprintf("Unable to connect to the server: %v", urlErr.Err)
	}
	msg := err.Error()
	if strings.HasPrefix(msg, "error: ") {
		return msg
	}
	return "error: " + msg
}

// ExitCode is the process exit code for err: the remote command's code
// when exec ran a command that failed (so `kubectl exec pod -- false`
// exits 1 and `-- sh -c 'exit 3'` exits 3), otherwise 1.
func ExitCode(err error) int {
	var exit interface{ ExitStatus() int }
	if errors.As(err, &exit) && exit.ExitStatus() > 0 {
		return exit.ExitStatus()
	}
	return 1
}

// addSourceToErr says which file a failed request came from. verb is
// "creating", "applying", "deleting", ...; source "" leaves err alone.
func addSourceToErr(verb, source string, err error) error {
	if source == "" || err == nil {
		return err
	}
	var se *rest.StatusError
	if errors.As(err, &se) {
		named := *se
		named.Status.Message = fmt.Sprintf("error when %s %q: %s", verb, source, se.Status.Message)
		return &named
	}
	return fmt.Errorf("error when %s %q: %w", verb, source, err)
}
