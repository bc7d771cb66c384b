// `kubectl create`: make new objects, from files or from flags.
//
// Interface:
//   - NewCmdCreate(env): `kubectl create -f FILENAME` (files, directories,
//     "-" for stdin, multi-document YAML, JSON, -R) and the generator
//     subcommands of create_generators.go (deployment, namespace,
//     configmap, secret generic, serviceaccount).
//
// Every manifest is read and validated before the first POST, so one bad
// file in a directory stops them all; requests then go one per object,
// and a failed one does not stop the rest (upstream's ContinueOnError).
// Talk 000, "Client side validation": "Manifest (kubectl create -f)";
// talk 001: `kubectl apply -f deployment.yaml` takes the same road.

package kubectl

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
)

// createOptions are the flags of `kubectl create -f`.
type createOptions struct {
	files FilenameOptions
	write *writeOptions
}

// NewCmdCreate returns `kubectl create` with its subcommands.
func NewCmdCreate(env *Env) *cobra.Command {
	o := &createOptions{write: newWriteOptions("created", "kubectl-create")}
	cmd := &cobra.Command{
		Use:   "create -f FILENAME",
		Short: "Create a resource from a file or from stdin",
		Long: "Create a resource from a file or from stdin.\n\n" +
			"JSON and YAML formats are accepted.",
		Example: "  # Create a pod using the data in pod.json\n  kubectl create -f ./pod.json\n\n" +
			"  # Create a pod based on the JSON passed into stdin\n  cat pod.json | kubectl create -f -",
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := requireFilenames(cmd, o.files, args); err != nil {
				return err
			}
			return o.write.writeManifests(cmd.Context(), env, o.files, "create", func(ctx context.Context, m manifest) error {
				return o.createOne(ctx, env, m)
			})
		},
	}
	o.files.AddFilenameFlags(cmd.Flags(), "Filename, directory, or URL to files to use to create the resource")
	o.write.addFlags(cmd)
	cmd.AddCommand(
		NewCmdCreateDeployment(env),
		NewCmdCreateNamespace(env),
		NewCmdCreateConfigMap(env),
		NewCmdCreateSecret(env),
		NewCmdCreateServiceAccount(env),
	)
	return cmd
}

// createOne creates one manifest, or prints it for a client dry run. A
// dry run still maps the kind and checks the namespace, as upstream
// does, so `--dry-run=client` fails for a kind the server does not serve.
func (o *createOptions) createOne(ctx context.Context, env *Env, m manifest) error {
	// 1. Where it goes: the REST mapping and the namespace.
	mapping, ns, err := env.placeManifest(ctx, m)
	if err != nil {
		return err
	}
	// 2. --save-config stores the manifest in its own annotation.
	if o.write.saveConfig {
		if err := setLastApplied(m.obj); err != nil {
			return err
		}
	}
	// 3. Print (client dry run) or POST and print the server's answer.
	if o.write.dryRun == dryRunClient {
		return o.write.printer.PrintObj(m.obj, env.Streams.Out)
	}
	client, err := o.write.client(env)
	if err != nil {
		return err
	}
	created, err := client.create(ctx, mapping, ns, m.obj)
	if err != nil {
		return addSourceToErr("creating", m.source, err)
	}
	return o.write.printer.PrintObj(created, env.Streams.Out)
}

// usageError is upstream's UsageErrorf: the message and a pointer to -h.
func usageError(cmd *cobra.Command, format string, a ...any) error {
	return fmt.Errorf("%s\nSee '%s -h' for help and examples", fmt.Sprintf(format, a...), cmd.CommandPath())
}
