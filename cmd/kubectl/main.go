// Command kubectl is the stage-1 client: the talks' kubectl, rebuilt.
//
// Everything worth reading lives in stages/01-kubectl/kubectl; this main
// only builds the root command, runs it, and turns an error into the last
// line on stderr and the exit code.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/kubectl"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cmd := kubectl.NewKubectlCommand(kubectl.OSStreams())
	if err := cmd.ExecuteContext(ctx); err != nil {
		if msg := kubectl.ErrorMessage(err); msg != "" {
			fmt.Fprintln(os.Stderr, msg)
		}
		stop()
		os.Exit(kubectl.ExitCode(err))
	}
}
