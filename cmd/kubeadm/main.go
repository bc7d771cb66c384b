// Command kubeadm issues credentials for a cluster that kube-apiserver
// (stage 2) runs: one subcommand of upstream's kubeadm, under its name and
// flags.
//
//	kubeadm kubeconfig user --data-dir DIR --client-name NAME [--org GROUP]... [--out FILE]
//
// It signs a client certificate with the CA under DIR/pki (CN = the
// client name, O = each --org) and prints a kubeconfig holding it,
// pointing at the server in DIR/address. The identities of the control
// plane, as the bootstrap RBAC policy expects them:
//
//	kubeadm kubeconfig user --data-dir DIR --client-name system:node:worker-1 --org system:nodes
//	kubeadm kubeconfig user --data-dir DIR --client-name system:kube-scheduler
//	kubeadm kubeconfig user --data-dir DIR --client-name system:kube-controller-manager
//	kubeadm kubeconfig user --data-dir DIR --client-name system:kube-proxy
//	kubeadm kubeconfig user --data-dir DIR --client-name jane --org developers
//
// Everything worth reading lives in stages/02-apiserver/pki and
// stages/02-apiserver/server (UserKubeconfig).
package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/pki"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/server"
)

func main() {
	if err := newCommand(os.Stdout).Execute(); err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		os.Exit(1)
	}
}

func newCommand(stdout io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:           "kubeadm",
		Short:         "Issue credentials for the cluster kube-apiserver runs",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	kubeconfig := &cobra.Command{Use: "kubeconfig", Short: "Kubeconfig file utilities"}
	root.AddCommand(kubeconfig)

	var (
		dataDir, name, serverURL, out string
		orgs                          []string
		validity                      time.Duration
	)
	user := &cobra.Command{
		Use:   "user",
		Short: "Output a kubeconfig file for an additional user",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if dataDir == "" {
				return fmt.Errorf("--data-dir is required: the kube-apiserver --data-dir whose pki/ signs the certificate")
			}
			data, err := server.UserKubeconfig(dataDir, serverURL, pki.Identity{CommonName: name, Organizations: orgs}, validity)
			if err != nil {
				return err
			}
			if out == "" {
				_, err = stdout.Write(data)
				return err
			}
			// The file holds a private key: readable by its owner only.
			return os.WriteFile(out, data, 0o600)
		},
	}
	f := user.Flags()
	f.StringVar(&dataDir, "data-dir", "", "The kube-apiserver data directory: its pki/ CA signs the certificate and its address file names the server.")
	f.StringVar(&name, "client-name", "", "The name of the user. It will be used as the CN if client certificates are created.")
	f.StringSliceVar(&orgs, "org", nil, "The organizations of the client certificate. It will be used as the O if client certificates are created.")
	f.StringVar(&serverURL, "server", "", "The URL of the API server; empty reads DATA_DIR/address.")
	f.DurationVar(&validity, "validity-period", 365*24*time.Hour, "The validity period of the client certificate.")
	f.StringVar(&out, "out", "", "Write the kubeconfig to this file (mode 0600) instead of standard output.")
	_ = user.MarkFlagRequired("client-name")
	kubeconfig.AddCommand(user)
	return root
}
