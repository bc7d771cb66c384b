// Command kube-apiserver is the stage-2 API server: REST over embedded
// etcd, with discovery, OpenAPI, health and metrics, behind
// authentication and authorization.
//
//	kube-apiserver --data-dir DIR [--secure-port 0] [--etcd-servers URL,...] [-v 2]
//	               [--authorization-mode Node,RBAC] [--token-auth-file FILE] [--anonymous-auth=false]
//
// Everything worth reading lives in stages/02-apiserver/server; this main
// binds the flags to a server.Config, runs the server until SIGINT or
// SIGTERM, and exits 1 with the error.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
	"k8s.io/klog/v2"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/server"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := newCommand().ExecuteContext(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		stop()
		os.Exit(1)
	}
}

func newCommand() *cobra.Command {
	cfg := server.NewConfig()
	cmd := &cobra.Command{
		Use:   "kube-apiserver",
		Short: "The Kubernetes API server, over embedded etcd",
		Long: "The Kubernetes API server validates and configures data for the API objects " +
			"and is the one place every other component reads and writes them.",
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return server.Run(cmd.Context(), cfg)
		},
	}
	cfg.AddFlags(cmd.Flags())
	var klogFlags flag.FlagSet
	klog.InitFlags(&klogFlags)
	for _, name := range []string{"v", "vmodule"} {
		cmd.Flags().AddGoFlag(klogFlags.Lookup(name)) // -v 2 as well as --v=2
	}
	return cmd
}
