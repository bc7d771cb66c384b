// `kubectl config`: read and switch the kubeconfig.
//
// Interface:
//   - NewCmdConfig(env) with view ([--minify] [--flatten] [--raw]
//     [-o yaml|json]), use-context NAME ("Switched to context "NAME"."),
//     get-contexts [NAME] (the CURRENT NAME CLUSTER AUTHINFO NAMESPACE
//     table, or -o name) and current-context.
//
// They use the same loading rules as every other command (--kubeconfig,
// $KUBECONFIG, ~/.kube/config); the file logic is the kubeconfig
// package's. Talk 001, "Client Interactions": where the kubeconfig comes
// from.

package kubectl

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/kubeworkbook/kubeworkbook/shared/codec"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/kubeconfig"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/printers"
)

// NewCmdConfig returns `kubectl config` and its subcommands.
func NewCmdConfig(env *Env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config SUBCOMMAND",
		Short: "Modify kubeconfig files",
		Long: "Modify kubeconfig files using subcommands like \"kubectl config use-context my-context\".\n\n" +
			"The loading order follows these rules:\n\n" +
			"  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no merging takes place.\n" +
			"  2.  If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal path delimiting rules for your system). These paths are merged. When a value is modified, it is modified in the file that defines the stanza. When a value is created, it is created in the first file that exists. If no files in the chain exist, then it creates the last file in the list.\n" +
			"  3.  Otherwise, ${HOME}/.kube/config is used and no merging takes place.",
		Run: runHelp,
	}
	cmd.AddCommand(newCmdConfigView(env), newCmdConfigUseContext(env), newCmdConfigGetContexts(env), newCmdConfigCurrentContext(env))
	return cmd
}

func newCmdConfigView(env *Env) *cobra.Command {
	var o kubeconfig.ViewOptions
	var output string
	cmd := &cobra.Command{
		Use:     "view",
		Short:   "Display merged kubeconfig settings or a specified kubeconfig file",
		Example: "  # Show merged kubeconfig settings\n  kubectl config view\n\n  # Show only the current context, with its secrets\n  kubectl config view --minify --raw",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if output != "yaml" && output != "json" {
				return fmt.Errorf("--output must be 'yaml' or 'json'")
			}
			o.Context = env.Flags.Overrides.Context
			cfg, err := env.Flags.Rules.View(o)
			if err != nil {
				return err
			}
			data, err := kubeconfig.Marshal(cfg)
			if err == nil && output == "json" {
				data, err = yamlToIndentedJSON(data)
			}
			if err != nil {
				return err
			}
			_, err = env.Streams.Out.Write(data)
			return err
		},
	}
	cmd.Flags().BoolVar(&o.Minify, "minify", false, "Remove all information not used by current-context from the output")
	cmd.Flags().BoolVar(&o.Flatten, "flatten", false, "Flatten the resulting kubeconfig file into self-contained output (useful for creating portable kubeconfig files)")
	cmd.Flags().BoolVar(&o.Raw, "raw", false, "Display raw byte data and sensitive data")
	cmd.Flags().StringVarP(&output, "output", "o", "yaml", "Output format. One of: (yaml, json).")
	return cmd
}

// yamlToIndentedJSON re-encodes config view's YAML as upstream's -o json.
func yamlToIndentedJSON(data []byte) ([]byte, error) {
	j, err := codec.ToJSON(data)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, j, "", "    "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

func newCmdConfigUseContext(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:     "use-context CONTEXT_NAME",
		Aliases: []string{"use"},
		Short:   "Set the current-context in a kubeconfig file",
		Example: "  # Use the context for the minikube cluster\n  kubectl config use-context minikube",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError(cmd, "Unexpected args: %v", args)
			}
			if _, err := env.Flags.Rules.UseContext(args[0]); err != nil {
				return err
			}
			fmt.Fprintf(env.Streams.Out, "Switched to context %q.\n", args[0])
			return nil
		},
	}
}

func newCmdConfigGetContexts(env *Env) *cobra.Command {
	var noHeaders bool
	var output string
	cmd := &cobra.Command{
		Use:     "get-contexts [(-o|--output=)name)]",
		Short:   "Describe one or many contexts",
		Example: "  # List all the contexts in your kubeconfig file\n  kubectl config get-contexts\n\n  # Describe one context in your kubeconfig file\n  kubectl config get-contexts my-context",
		RunE: func(cmd *cobra.Command, args []string) error {
			if output != "" && output != "name" {
				return fmt.Errorf("output must be one of '' or 'name': %v", output)
			}
			contexts, err := env.Flags.Rules.Contexts()
			if err != nil {
				return err
			}
			shown := contexts
			if len(args) > 0 {
				shown = nil
				for _, name := range args {
					found := false
					for _, c := range contexts {
						if c.Name == name {
							shown, found = append(shown, c), true
						}
					}
					if !found {
						return fmt.Errorf("context %v not found", name)
					}
				}
			}
			w := printers.NewTabWriter(env.Streams.Out) // kubectl's one column layout
			if output == "" && !noHeaders {
				fmt.Fprintln(w, "CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE")
			}
			for _, c := range shown {
				if output == "name" {
					fmt.Fprintln(w, c.Name)
					continue
				}
				mark := ""
				if c.Current {
					mark = "*"
				}
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", mark, c.Name, c.Cluster, c.AuthInfo, c.Namespace)
			}
			return w.Flush()
		},
	}
	cmd.Flags().BoolVar(&noHeaders, "no-headers", false, "When using the default or custom-column output format, don't print headers (default print headers).")
	cmd.Flags().StringVarP(&output, "output", "o", "", "Output format. One of: (name).")
	return cmd
}

func newCmdConfigCurrentContext(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:     "current-context",
		Short:   "Display the current-context",
		Example: "  # Display the current-context\n  kubectl config current-context",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			name, err := env.Flags.Rules.CurrentContext()
			if err != nil {
				return err
			}
			fmt.Fprintln(env.Streams.Out, name)
			return nil
		},
	}
}
