// `kubectl apply`: make the server's objects match the manifests,
// creating what is missing and patching what differs.
//
// Interface:
//   - NewCmdApply(env): `kubectl apply (-f FILENAME)` with -R,
//     --dry-run, --validate, -o, --server-side, --force-conflicts and
//     --field-manager.
//
// Client-side apply, upstream's default: each manifest is stored, as
// JSON, in the kubectl.kubernetes.io/last-applied-configuration
// annotation. A missing object is created ("created"); an existing one is
// patched with the three-way merge of the last applied manifest, the new
// one and the live object (mergepatch.go), so fields set by the server or
// by controllers survive and fields removed from the manifest are removed
// ("configured"); an empty patch sends nothing ("unchanged").
// --server-side sends the manifest itself as an apply patch and lets the
// server merge it ("serverside-applied"). Talk 001, "kubectl apply -f
// deployment.yaml"; talk 004, the numbered flow starts here.

package kubectl

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/kubeworkbook/kubeworkbook/shared/codec"
	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/discovery"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/rest"
)

// lastAppliedAnnotation is where apply (and create --save-config) stores
// the manifest it applied; describe hides it, as upstream does, because it
// repeats the object.
const lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration"

// applyOptions are the flags of apply.
type applyOptions struct {
	files          FilenameOptions
	write          *writeOptions
	serverSide     bool
	forceConflicts bool
}

// NewCmdApply returns `kubectl apply`.
func NewCmdApply(env *Env) *cobra.Command {
	o := &applyOptions{write: newWriteOptions("", "kubectl-client-side-apply")}
	cmd := &cobra.Command{
		Use:                   "apply (-f FILENAME | -k DIRECTORY)",
		DisableFlagsInUseLine: true,
		Short:                 "Apply a configuration to a resource by file name or stdin",
		Long: "Apply a configuration to a resource by file name or stdin. The resource name must be specified. " +
			"This resource will be created if it doesn't exist yet. To use 'apply', always create the resource " +
			"initially with either 'apply' or 'create --save-config'.\n\nJSON and YAML formats are accepted.",
		Example: "  # Apply the configuration in deployment.yaml to a Deployment\n  kubectl apply -f ./deployment.yaml\n\n" +
			"  # Apply every manifest in a directory and its subdirectories\n  kubectl apply -R -f ./manifests/",
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := requireFilenames(cmd, o.files, args); err != nil {
				return err
			}
			return o.run(cmd, env)
		},
	}
	o.files.AddFilenameFlags(cmd.Flags(), "The files that contain the configurations to apply.")
	addPrintFlags(cmd, o.write.print)
	addDryRunFlag(cmd, &o.write.dryRunFlag)
	addValidateFlag(cmd, &o.write.validateFlag)
	cmd.Flags().StringVar(&o.write.fieldManager, "field-manager", "kubectl-client-side-apply", "Name of the manager used to track field ownership.")
	cmd.Flags().BoolVar(&o.serverSide, "server-side", false, "If true, apply runs in the server instead of the client.")
	cmd.Flags().BoolVar(&o.forceConflicts, "force-conflicts", false, "If true, server-side apply will force the changes against conflicts.")
	return cmd
}

// run checks the flags only apply has, then applies every manifest
// (applyOne).
func (o *applyOptions) run(cmd *cobra.Command, env *Env) error {
	if o.forceConflicts && !o.serverSide {
		return errors.New("--force-conflicts only works with --server-side")
	}
	if o.serverSide && !cmd.Flags().Changed("field-manager") {
		o.write.fieldManager = "kubectl"
	}
	return o.write.writeManifests(cmd.Context(), env, o.files, "apply", func(ctx context.Context, m manifest) error {
		return o.applyOne(ctx, env, m)
	})
}

// applyOne applies one manifest and prints the result line.
func (o *applyOptions) applyOne(ctx context.Context, env *Env, m manifest) error {
	mapping, ns, err := env.placeManifest(ctx, m)
	if err != nil {
		return err
	}
	oc, err := o.write.client(env)
	if err != nil {
		return err
	}
	name := unstructured.Name(m.obj)
	if name == "" {
		return errors.New("the name of the object must be set: apply cannot create an object with only generateName")
	}
	if o.serverSide {
		return o.serverSideApply(ctx, env, oc, mapping, ns, m)
	}
	modified := unstructured.DeepCopyMap(m.obj)
	if err := setLastApplied(modified); err != nil {
		return err
	}
	current, err := oc.get(ctx, mapping, ns, name)
	if rest.IsNotFound(err) {
		if o.write.dryRun == dryRunClient {
			return o.print("created", modified, env)
		}
		created, err := oc.create(ctx, mapping, ns, modified)
		if err != nil {
			return addSourceToErr("creating", m.source, err)
		}
		return o.print("created", created, env)
	}
	if err != nil {
		return addSourceToErr("retrieving current configuration of", m.source, err)
	}
	original, err := lastApplied(current)
	if err != nil {
		return err
	}
	if original == nil {
		fmt.Fprintf(env.Streams.ErrOut, "Warning: resource %s/%s is missing the %s annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n",
			mapping.Resource, name, lastAppliedAnnotation)
	}
	patch := CreateThreeWayMergePatch(original, modified, current)
	if len(patch) == 0 {
		return o.print("unchanged", current, env)
	}
	if o.write.dryRun == dryRunClient {
		return o.print("configured", current, env)
	}
	body, err := json.Marshal(patch)
	if err != nil {
		return fmt.Errorf("encode patch: %w", err)
	}
	patched, err := oc.patch(ctx, mapping, ns, name, "", mediaMergePatch, body, nil)
	if err != nil {
		return addSourceToErr("applying patch to", m.source, err)
	}
	return o.print("configured", patched, env)
}

// serverSideApply sends the manifest as an apply patch.
func (o *applyOptions) serverSideApply(ctx context.Context, env *Env, oc *objectClient, mapping discovery.Mapping, ns string, m manifest) error {
	if o.write.dryRun == dryRunClient {
		return o.print("serverside-applied", m.obj, env)
	}
	body, err := codec.EncodeYAML(m.obj)
	if err != nil {
		return err
	}
	extra := url.Values{}
	if o.forceConflicts {
		extra.Set("force", strconv.FormatBool(true))
	}
	applied, err := oc.patch(ctx, mapping, ns, unstructured.Name(m.obj), "", mediaApplyPatch, body, extra)
	if err != nil {
		return addSourceToErr("applying", m.source, err)
	}
	return o.print("serverside-applied", applied, env)
}

// print writes the result with the operation that happened, suffixed for
// a dry run.
func (o *applyOptions) print(operation string, obj map[string]any, env *Env) error {
	flags := *o.write.print
	flags.Operation = operation
	p, err := resultPrinter(&flags, o.write.dryRun)
	if err != nil {
		return err
	}
	return p.PrintObj(obj, env.Streams.Out)
}

// lastApplied decodes an object's last-applied annotation; nil when it
// has none.
func lastApplied(obj map[string]any) (map[string]any, error) {
	text, ok := unstructured.Annotations(obj)[lastAppliedAnnotation]
	if !ok || text == "" {
		return nil, nil
	}
	original, err := codec.DecodeUnstructured([]byte(text))
	if err != nil {
		return nil, fmt.Errorf("decode %s annotation: %w", lastAppliedAnnotation, err)
	}
	return original, nil
}
