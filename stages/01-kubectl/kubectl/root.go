// The command tree: `kubectl` and its subcommands.
//
// Interface:
//   - NewKubectlCommand(streams) builds the root cobra command with the
//     global flags (configflags.go), -v/--v and --vmodule (klog, through
//     the rest package), --log-format, and every subcommand. cmd/kubectl
//     executes it; tests execute it in-process with buffers as streams.
//   - Each subcommand lives in its own file (create.go, get.go, ...) and
//     receives the one *Env that loads kubeconfig, client, discovery and
//     schema on first use (env.go).
//
// Talk 000, "kubectl": every step of the talk starts from one of these
// commands; its "-v 6" step is the -v flag registered here.

package kubectl

import (
	goflag "flag"
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"k8s.io/klog/v2"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/rest"
)

// NewKubectlCommand returns the root command. The returned command owns a
// fresh Env, so two roots built in one process (as tests do) share no
// cached client, mapper or namespace.
func NewKubectlCommand(streams IOStreams) *cobra.Command {
	env := NewEnv(streams)
	cmd := &cobra.Command{
		Use:   "kubectl",
		Short: "kubectl controls the Kubernetes cluster manager.",
		Long: "kubectl controls the Kubernetes cluster manager.\n\n" +
			"This is the kubeworkbook rebuild (stage 1): each command checks its input on the\n" +
			"client, discovers the API through an on-disk cache, and sends the same requests\n" +
			"as the upstream kubectl.",
		// cmd/kubectl prints the error itself, in kubectl's "error: ..." form.
		SilenceErrors: true,
		SilenceUsage:  true,
		Run:           runHelp,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			return setUpLogging(env)
		},
	}
	cmd.SetIn(streams.In)
	cmd.SetOut(streams.Out)
	cmd.SetErr(streams.ErrOut)
	cmd.SetFlagErrorFunc(flagError)

	flags := cmd.PersistentFlags()
	env.Flags.AddFlags(flags)
	resetVerbosity()
	rest.AddFlags(flags)
	flags.StringVar(&env.LogFormat, "log-format", string(rest.LogFormatText), `Format of the request logs -v 6 and up print: "text" (the sentences of talk 000, "GET https://... 200 OK in 4 milliseconds") or "structured" (key/value, as kubectl prints since v1.33).`)

	cmd.AddCommand(
		NewCmdCreate(env),
		NewCmdExpose(env),
		NewCmdRun(env),
		NewCmdGet(env),
		NewCmdEdit(env),
		NewCmdDelete(env),
		NewCmdApply(env),
		NewCmdDescribe(env),
		NewCmdScale(env),
		NewCmdLogs(env),
		NewCmdExec(env),
		NewCmdAPIResources(env),
		NewCmdAPIVersions(env),
		NewCmdConfig(env),
		NewCmdVersion(env),
	)
	return cmd
}

// runHelp prints the help of a command that needs a subcommand, as
// upstream does for a bare `kubectl` or `kubectl config`.
func runHelp(cmd *cobra.Command, args []string) {
	_ = cmd.Help()
}

// resetVerbosity sets klog's -v back to 0. klog keeps its level in a
// package variable, so a root built after another (in tests) would
// otherwise inherit the earlier -v.
func resetVerbosity() {
	var fs goflag.FlagSet
	klog.InitFlags(&fs)
	_ = fs.Set("v", "0")
	_ = fs.Set("vmodule", "")
}

// setUpLogging applies --log-format and sends klog's lines to the
// command's error stream: os.Stderr for the binary, a buffer in tests.
func setUpLogging(env *Env) error {
	format, err := rest.ParseLogFormat(env.LogFormat)
	if err != nil {
		return err
	}
	rest.SetLogFormat(format)
	if f, ok := env.Streams.ErrOut.(*os.File); ok && f == os.Stderr {
		klog.LogToStderr(true)
		return nil
	}
	klog.LogToStderr(false)
	klog.SetOutput(env.Streams.ErrOut)
	return nil
}

// flagError adds upstream's usage hint to a flag parsing error (the hint
// of usageError, for a wrong argument, points at -h instead).
func flagError(cmd *cobra.Command, err error) error {
	return fmt.Errorf("%w\nSee '%s --help' for usage.", err, cmd.CommandPath())
}
