// `kubectl scale`: set the replica count through the scale subresource.
//
// Interface:
//   - NewCmdScale(env): `kubectl scale [--resource-version=version]
//     [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE
//     NAME | TYPE -l label | TYPE --all)`.
//
// Without preconditions the change is one merge PATCH of
// {"spec":{"replicas":N}} to .../NAME/scale, as upstream sends it; with
// --current-replicas or --resource-version the Scale is read first,
// checked, and written back with PUT, so the server refuses it if someone
// else changed it in between. The answer is "deployment.apps/nginx
// scaled". The controllers that act on it arrive in stage 3.

package kubectl

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/spf13/cobra"

	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/rest"
)

// scaleOptions are the flags of scale.
type scaleOptions struct {
	write           *writeOptions
	files           FilenameOptions
	replicas        int32
	currentReplicas int32
	resourceVersion string
	labelSelector   string
	all             bool
}

// NewCmdScale returns `kubectl scale`.
func NewCmdScale(env *Env) *cobra.Command {
	// Upstream's scale names no field manager; neither does this one.
	o := &scaleOptions{write: newWriteOptions("scaled", ""), replicas: -1, currentReplicas: -1}
	cmd := &cobra.Command{
		Use:                   "scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)",
		DisableFlagsInUseLine: true,
		Short:                 "Set a new size for a deployment, replica set, replication controller, or stateful set",
		Example: "  # Scale a deployment named nginx to 3\n  kubectl scale --replicas=3 deployment/nginx\n\n" +
			"  # If the deployment named mysql's current size is 2, scale mysql to 3\n  kubectl scale --current-replicas=2 --replicas=3 deployment/mysql",
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd, env, args)
		},
	}
	addPrintFlags(cmd, o.write.print)
	addDryRunFlag(cmd, &o.write.dryRunFlag)
	o.files.AddFilenameFlags(cmd.Flags(), "Filename, directory, or URL to files identifying the resource to set a new size")
	f := cmd.Flags()
	int32Var(f, &o.replicas, "replicas", "", -1, "The new desired number of replicas. Required.")
	_ = cmd.MarkFlagRequired("replicas")
	int32Var(f, &o.currentReplicas, "current-replicas", "", -1, "Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition.")
	f.StringVar(&o.resourceVersion, "resource-version", "", "Precondition for resource version. Requires that the current resource version match this value in order to scale.")
	addLabelSelectorFlag(f, &o.labelSelector)
	f.BoolVar(&o.all, "all", false, "Select all resources in the namespace of the specified resource types")
	return cmd
}

// scaleTarget is one object to scale.
type scaleTarget struct {
	describedObject
	namespace string
}

func (o *scaleOptions) run(cmd *cobra.Command, env *Env, args []string) error {
	if o.replicas < 0 {
		return errors.New("The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0")
	}
	if err := o.write.complete(); err != nil {
		return err
	}
	ctx := cmd.Context()
	targets, err := o.targets(ctx, env, args)
	if err != nil {
		return err
	}
	oc, err := o.write.client(env)
	if err != nil {
		return err
	}
	var errs []error
	for _, t := range targets {
		if o.write.dryRun != dryRunClient {
			if err := o.scale(ctx, oc, t); err != nil {
				errs = append(errs, err)
				continue
			}
		}
		errs = append(errs, o.write.printer.PrintObj(t.obj, env.Streams.Out))
	}
	return errors.Join(errs...)
}

// targets reads the objects to scale, as describe does.
func (o *scaleOptions) targets(ctx context.Context, env *Env, args []string) ([]scaleTarget, error) {
	if len(args) == 0 && len(o.files.Filenames) == 0 {
		return nil, errors.New("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'")
	}
	if len(args) > 0 && len(o.files.Filenames) == 0 && !o.all && o.labelSelector == "" {
		if ts, err := env.resourceTargets(ctx, args); err == nil {
			for _, t := range ts {
				if len(t.names) == 0 {
					return nil, errors.New("resource(s) were provided, but no name was specified")
				}
			}
		}
	}
	d := &describeOptions{files: o.files, labelSelector: o.labelSelector}
	objects, err := d.objects(ctx, env, args)
	if err != nil {
		return nil, err
	}
	out := make([]scaleTarget, len(objects))
	for i, obj := range objects {
		out[i] = scaleTarget{describedObject: obj, namespace: unstructured.Namespace(obj.obj)}
	}
	return out, nil
}

// scale changes one object's replicas: a merge PATCH, or read, check and
// PUT when a precondition was given.
func (o *scaleOptions) scale(ctx context.Context, oc *objectClient, t scaleTarget) error {
	name := unstructured.Name(t.obj)
	if o.currentReplicas < 0 && o.resourceVersion == "" {
		patch := []byte(fmt.Sprintf(`{"spec":{"replicas":%d}}`, o.replicas))
		_, err := oc.patch(ctx, t.mapping, t.namespace, name, "scale", mediaMergePatch, patch, nil)
		return err
	}
	scale, err := oc.do(ctx, rest.Request{Verb: http.MethodGet, Path: resourcePath(t.mapping, t.namespace, name, "scale")})
	if err != nil {
		return err
	}
	if current, _ := unstructured.NestedInt64(scale, "spec", "replicas"); o.currentReplicas >= 0 && current != int64(o.currentReplicas) {
		return fmt.Errorf("Expected replicas to be %d, was %d", o.currentReplicas, current)
	}
	if rv, _ := unstructured.NestedString(scale, "metadata", "resourceVersion"); o.resourceVersion != "" && rv != o.resourceVersion {
		return fmt.Errorf("Expected resource version to be %s, was %s", o.resourceVersion, rv)
	}
	unstructured.SetNestedField(scale, int64(o.replicas), "spec", "replicas")
	_, err = oc.update(ctx, t.mapping, t.namespace, name, "scale", scale)
	return err
}
