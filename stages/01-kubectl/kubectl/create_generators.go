// The `kubectl create <kind>` subcommands: flags in, a generator's object
// out, then the shared write path (write.go).
//
// Interface:
//   - NewCmdCreateDeployment: create deployment NAME --image=image
//     [--image=...] [--replicas=N] [--port=P] [-- COMMAND [args...]].
//   - NewCmdCreateNamespace, NewCmdCreateConfigMap, NewCmdCreateSecret
//     (generic), NewCmdCreateServiceAccount: each a generator, built into
//     its command by newGeneratorCmd; only deployment, which reads a
//     command after "--" and checks its images first, has its own.
//
// Argument checks come first and need no server: exactly one NAME, the
// required --image, and then the generated object through the built-in
// schema, which checks the name (a DNS-1123 subdomain) and every image
// reference. Talk 000, "Client side validation": arguments and image name;
// talk 001: `kubectl create deployment test-nginx --image=nginx:alpine
// --replicas=3`.

package kubectl

import (
	"errors"

	"github.com/spf13/cobra"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/schema"
)

// nameArg returns the one NAME before "--", upstream's NameFromCommandArgs.
func nameArg(cmd *cobra.Command, args []string) (string, error) {
	n := cmd.ArgsLenAtDash()
	if n == -1 {
		n = len(args)
	}
	if n != 1 {
		return "", usageError(cmd, "exactly one NAME is required, got %d", n)
	}
	return args[0], nil
}

// NewCmdCreateDeployment returns `kubectl create deployment`.
func NewCmdCreateDeployment(env *Env) *cobra.Command {
	o := newWriteOptions("created", "kubectl-create")
	p := DeploymentParams{Port: -1, Replicas: 1}
	cmd := &cobra.Command{
		Use:                   "deployment NAME --image=image -- [COMMAND] [args...]",
		DisableFlagsInUseLine: true,
		Aliases:               []string{"deploy"},
		Short:                 "Create a deployment with the specified name",
		Example: "  # Create a deployment named my-dep that runs the busybox image\n  kubectl create deployment my-dep --image=busybox\n\n" +
			"  # Create a deployment named my-dep that runs the nginx image with 3 replicas\n  kubectl create deployment my-dep --image=nginx --replicas=3\n\n" +
			"  # Create a deployment named my-dep that runs the busybox image and expose port 5701\n  kubectl create deployment my-dep --image=busybox --port=5701",
		RunE: func(cmd *cobra.Command, args []string) error {
			name, err := nameArg(cmd, args)
			if err != nil {
				return err
			}
			p.Name = name
			if dash := cmd.ArgsLenAtDash(); dash >= 0 && len(args) > dash {
				p.Command = args[dash:]
			}
			if len(p.Images) > 1 && len(p.Command) > 0 {
				return errors.New("cannot specify multiple --image options and command")
			}
			if err := o.complete(); err != nil {
				return err
			}
			p.Namespace = env.explicitNamespace()
			o.flags = fieldFlags{
				"spec.replicas":                                           "--replicas",
				"spec.template.spec.containers[*].image":                  "--image",
				"spec.template.spec.containers[*].ports[*].containerPort": "--port",
			}
			if o.directive != schema.Ignore {
				head := map[string]any{"kind": "Deployment", "metadata": map[string]any{"name": p.Name}}
				if err := validateImages(head, p.Images, func(i int) *field.Path {
					return field.NewPath("spec", "template", "spec", "containers").Index(i).Child("image")
				}, o.flags); err != nil {
					return err
				}
			}
			return o.createGenerated(cmd.Context(), env, GenerateDeployment(p))
		},
	}
	o.addFlags(cmd)
	cmd.Flags().StringSliceVar(&p.Images, "image", nil, "Image names to run. A deployment can have multiple images set for multi-container pod.")
	_ = cmd.MarkFlagRequired("image")
	int32Var(cmd.Flags(), &p.Port, "port", "", -1, "The containerPort that this deployment exposes.")
	int32Var(cmd.Flags(), &p.Replicas, "replicas", "r", 1, "Number of replicas to create. Default is 1.")
	return cmd
}

// generator is a `kubectl create <kind>` subcommand whose object comes
// from NAME and the command's own flags alone; generate is all that
// differs between them.
type generator struct {
	use, short, example string
	aliases             []string
	// generate builds the object named name; ns is the -n flag ("" without
	// it, which leaves the namespace to the server). It runs after the
	// argument check and the write flags, before any request.
	generate func(name, ns string) (metav1.Object, error)
}

// newGeneratorCmd returns g as a command with the write flags: exactly
// one NAME, the flags parsed (writeOptions.complete), then generate's
// object through the shared write path. Callers register their own flags
// on the command returned.
func newGeneratorCmd(env *Env, g generator) *cobra.Command {
	o := newWriteOptions("created", "kubectl-create")
	cmd := &cobra.Command{
		Use:                   g.use,
		DisableFlagsInUseLine: true,
		Aliases:               g.aliases,
		Short:                 g.short,
		Example:               g.example,
		RunE: func(cmd *cobra.Command, args []string) error {
			name, err := nameArg(cmd, args)
			if err != nil {
				return err
			}
			if err := o.complete(); err != nil {
				return err
			}
			obj, err := g.generate(name, env.explicitNamespace())
			if err != nil {
				return err
			}
			return o.createGenerated(cmd.Context(), env, obj)
		},
	}
	o.addFlags(cmd)
	return cmd
}

// NewCmdCreateNamespace returns `kubectl create namespace`.
func NewCmdCreateNamespace(env *Env) *cobra.Command {
	return newGeneratorCmd(env, generator{
		use:     "namespace NAME [--dry-run=server|client|none]",
		aliases: []string{"ns"},
		short:   "Create a namespace with the specified name",
		example: "  # Create a new namespace named my-namespace\n  kubectl create namespace my-namespace",
		generate: func(name, _ string) (metav1.Object, error) {
			return &corev1.Namespace{
				TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Namespace"},
				ObjectMeta: metav1.ObjectMeta{Name: name},
			}, nil
		},
	})
}

// NewCmdCreateServiceAccount returns `kubectl create serviceaccount`.
func NewCmdCreateServiceAccount(env *Env) *cobra.Command {
	return newGeneratorCmd(env, generator{
		use:     "serviceaccount NAME [--dry-run=server|client|none]",
		aliases: []string{"sa"},
		short:   "Create a service account with the specified name",
		example: "  # Create a new service account named my-service-account\n  kubectl create serviceaccount my-service-account",
		generate: func(name, ns string) (metav1.Object, error) {
			return &corev1.ServiceAccount{
				TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "ServiceAccount"},
				ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: ns},
			}, nil
		},
	})
}

// NewCmdCreateConfigMap returns `kubectl create configmap`.
func NewCmdCreateConfigMap(env *Env) *cobra.Command {
	var src DataSources
	cmd := newGeneratorCmd(env, generator{
		use:     "configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none]",
		aliases: []string{"cm"},
		short:   "Create a config map from a local file, directory or literal value",
		example: "  # Create a new config map named nginx based on the file nginx.conf\n  kubectl create configmap nginx --from-file=nginx.conf\n\n" +
			"  # Create a new config map named my-config with key1=config1 and key2=config2\n  kubectl create configmap my-config --from-literal=key1=config1 --from-literal=key2=config2",
		generate: func(name, ns string) (metav1.Object, error) {
			data, err := src.Collect("ConfigMap", name)
			if err != nil {
				return nil, err
			}
			return GenerateConfigMap(name, ns, data), nil
		},
	})
	addDataSourceFlags(cmd, &src)
	return cmd
}

// NewCmdCreateSecret returns `kubectl create secret` with its generic
// subcommand.
func NewCmdCreateSecret(env *Env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "secret (generic) [flags]",
		Short: "Create a secret using a specified subcommand",
		Run:   runHelp,
	}
	var src DataSources
	var secretType string
	generic := newGeneratorCmd(env, generator{
		use:     "generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none]",
		short:   "Create a secret from a local file, directory, or literal value",
		example: "  # Create a new secret named my-secret with key1=supersecret and key2=topsecret\n  kubectl create secret generic my-secret --from-literal=key1=supersecret --from-literal=key2=topsecret",
		generate: func(name, ns string) (metav1.Object, error) {
			data, err := src.Collect("Secret", name)
			if err != nil {
				return nil, err
			}
			return GenerateSecret(name, ns, corev1.SecretType(secretType), data), nil
		},
	})
	addDataSourceFlags(generic, &src)
	generic.Flags().StringVar(&secretType, "type", "", "The type of secret to create")
	cmd.AddCommand(generic)
	return cmd
}

// addDataSourceFlags registers --from-literal, --from-file and
// --from-env-file.
func addDataSourceFlags(cmd *cobra.Command, src *DataSources) {
	cmd.Flags().StringArrayVar(&src.Files, "from-file", nil, "Key file can be specified using its file path, in which case file basename will be used as key, or optionally with a key and file path, in which case the given key will be used.  Specifying a directory will iterate each named file in the directory whose basename is a valid key.")
	cmd.Flags().StringArrayVar(&src.Literals, "from-literal", nil, "Specify a key and literal value to insert (i.e. mykey=somevalue)")
	cmd.Flags().StringSliceVar(&src.EnvFiles, "from-env-file", nil, "Specify the path to a file to read lines of key=val pairs to create.")
}
