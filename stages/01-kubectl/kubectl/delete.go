// `kubectl delete`: remove objects by name, by selector, from files, or
// all of a kind.
//
// Interface:
//   - NewCmdDelete(env): `kubectl delete ([-f FILENAME] | TYPE [(NAME |
//     -l label | --all)])` with --grace-period, --now, --force,
//     --cascade=background|foreground|orphan (the propagationPolicy of the
//     DeleteOptions body), --ignore-not-found, --wait, --dry-run, -o name.
//   - deletedLine is upstream's result line: `deployment.apps "nginx"
//     deleted from default namespace`, `namespace "x" deleted`, with
//     " (dry run)" or " (server dry run)" appended.
//
// Talk 002, "Ghost demo": `kubectl delete deploy ghost`. The garbage
// collector that removes the ReplicaSets and pods (cascade) arrives in
// stage 3.

package kubectl

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/labels"
	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/discovery"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/rest"
)

// deleteOptions are the flags of delete.
type deleteOptions struct {
	files          FilenameOptions
	labelSelector  string
	fieldSelector  string
	all            bool
	allNamespaces  bool
	ignoreNotFound bool
	gracePeriod    int
	now            bool
	force          bool
	cascade        string
	wait           bool
	timeout        time.Duration
	output         string
	dryRunFlag     string

	dryRun dryRunStrategy
}

// NewCmdDelete returns `kubectl delete`.
func NewCmdDelete(env *Env) *cobra.Command {
	o := &deleteOptions{gracePeriod: -1, cascade: "background", wait: true}
	cmd := &cobra.Command{
		Use:                   "delete ([-f FILENAME] | TYPE [(NAME | -l label | --all)])",
		DisableFlagsInUseLine: true,
		Short:                 "Delete resources by file names, stdin, resources and names, or by resources and label selector",
		Example: "  # Delete the ghost deployment\n  kubectl delete deploy ghost\n\n" +
			"  # Delete pods and services with label name=myLabel\n  kubectl delete pods,services -l name=myLabel\n\n" +
			"  # Delete a pod using the type and name specified in pod.json\n  kubectl delete -f ./pod.json",
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd, env, args)
		},
	}
	f := cmd.Flags()
	o.files.AddFilenameFlags(f, "containing the resource to delete.")
	addLabelSelectorFlag(f, &o.labelSelector)
	addFieldSelectorFlag(f, &o.fieldSelector)
	f.BoolVar(&o.all, "all", false, "Delete all resources, in the namespace of the specified resource types.")
	addAllNamespacesFlag(f, &o.allNamespaces)
	f.BoolVar(&o.ignoreNotFound, "ignore-not-found", false, "Treat \"resource not found\" as a successful delete. Defaults to \"true\" when --all is specified.")
	f.IntVar(&o.gracePeriod, "grace-period", -1, "Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).")
	f.BoolVar(&o.now, "now", false, "If true, resources are signaled for immediate shutdown (same as --grace-period=1).")
	f.BoolVar(&o.force, "force", false, "If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.")
	f.StringVar(&o.cascade, "cascade", "background", `Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.`)
	f.Lookup("cascade").NoOptDefVal = "background"
	f.BoolVar(&o.wait, "wait", true, "If true, wait for resources to be gone before returning. This waits for finalizers.")
	f.DurationVar(&o.timeout, "timeout", 0, "The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object")
	f.StringVarP(&o.output, "output", "o", "", "Output mode. Use \"-o name\" for shorter output (resource/name).")
	addDryRunFlag(cmd, &o.dryRunFlag)
	return cmd
}

// complete checks the flags, with upstream's messages, before any request.
func (o *deleteOptions) complete(env *Env, args []string) (metav1.DeleteOptions, error) {
	var opts metav1.DeleteOptions
	var err error
	if o.dryRun, err = completeDryRun(o.dryRunFlag); err != nil {
		return opts, err
	}
	switch {
	case o.all && o.labelSelector != "":
		return opts, errors.New("cannot set --all and --selector at the same time")
	case o.all && o.fieldSelector != "":
		return opts, errors.New("cannot set --all and --field-selector at the same time")
	case o.output != "" && o.output != "name":
		return opts, fmt.Errorf("unexpected -o output mode: %v. We only support '-o name'", o.output)
	case len(o.files.Filenames) == 0 && len(args) == 0:
		return opts, errors.New("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'")
	}
	if o.labelSelector != "" {
		if _, err := labels.Parse(o.labelSelector); err != nil {
			return opts, fmt.Errorf("unable to parse %q: %w", o.labelSelector, err)
		}
	}
	// --cascade maps to the body's propagationPolicy; the booleans are
	// upstream's deprecated spellings.
	var policy metav1.DeletionPropagation
	switch strings.ToLower(o.cascade) {
	case "background", "true":
		policy = metav1.DeletePropagationBackground
	case "foreground":
		policy = metav1.DeletePropagationForeground
	case "orphan", "false":
		policy = metav1.DeletePropagationOrphan
	default:
		return opts, fmt.Errorf(`invalid cascade value (%v). Must be "background", "foreground", or "orphan"`, o.cascade)
	}
	opts.PropagationPolicy = &policy
	if o.now {
		if o.gracePeriod != -1 {
			return opts, errors.New("--now and --grace-period cannot be specified together")
		}
		o.gracePeriod = 1
	}
	if o.force && o.gracePeriod < 0 {
		o.gracePeriod = 0
	}
	if o.gracePeriod == 0 && !o.force {
		// Upstream keeps the old meaning of --grace-period=0 without
		// --force from losing data: it becomes 1.
		o.gracePeriod = 1
	}
	if o.force {
		fmt.Fprintln(env.Streams.ErrOut, "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.")
	}
	if o.gracePeriod >= 0 {
		g := int64(o.gracePeriod)
		opts.GracePeriodSeconds = &g
	}
	if o.all {
		o.ignoreNotFound = true
	}
	return opts, nil
}

// deleteTarget is one object to delete.
type deleteTarget struct {
	mapping   discovery.Mapping
	namespace string
	name      string
	source    string // the file it was named in, if any
}

func (o *deleteOptions) run(cmd *cobra.Command, env *Env, args []string) error {
	opts, err := o.complete(env, args)
	if err != nil {
		return err
	}
	ctx := cmd.Context()
	targets, err := o.targets(ctx, env, args)
	if err != nil {
		return err
	}
	if len(targets) == 0 {
		fmt.Fprintln(env.Streams.Out, "No resources found")
		return nil
	}
	oc, err := env.objects()
	if err != nil {
		return err
	}
	oc.dryRun = o.dryRun == dryRunServer
	var errs []error
	var deleted []deleteTarget
	for _, t := range targets {
		if o.dryRun != dryRunClient {
			if _, err := oc.delete(ctx, t.mapping, t.namespace, t.name, opts); err != nil {
				if !(o.ignoreNotFound && rest.IsNotFound(err)) {
					errs = append(errs, addSourceToErr("deleting", t.source, err))
				}
				continue
			}
		}
		fmt.Fprintln(env.Streams.Out, o.deletedLine(t))
		deleted = append(deleted, t)
	}
	if o.wait && o.dryRun == dryRunNone {
		errs = append(errs, o.waitForDeletion(ctx, oc, deleted))
	}
	return errors.Join(errs...)
}

// deletedLine is the result line for one deleted object.
func (o *deleteOptions) deletedLine(t deleteTarget) string {
	kind := strings.ToLower(t.mapping.Kind)
	if t.mapping.Group != "" {
		kind += "." + t.mapping.Group
	}
	if o.output == "name" {
		return kind + "/" + t.name
	}
	operation := "deleted"
	if o.gracePeriod == 0 {
		operation = "force deleted"
	}
	line := fmt.Sprintf("%s %q %s", kind, t.name, operation)
	if t.namespace != "" {
		line += " from " + t.namespace + " namespace"
	}
	switch o.dryRun {
	case dryRunClient:
		line += " (dry run)"
	case dryRunServer:
		line += " (server dry run)"
	}
	return line
}

// targets lists what to delete: objects from files, named objects, or
// every object a selector (or --all) matches.
func (o *deleteOptions) targets(ctx context.Context, env *Env, args []string) ([]deleteTarget, error) {
	ns, explicit, err := env.Namespace()
	if err != nil {
		return nil, err
	}
	if len(o.files.Filenames) > 0 {
		if len(args) > 0 {
			return nil, errors.New("when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well")
		}
		manifests, err := env.readManifests(o.files, "delete")
		if err != nil {
			return nil, err
		}
		var out []deleteTarget
		for _, m := range manifests {
			mapping, err := env.mapManifest(ctx, m)
			if err != nil {
				return nil, err
			}
			objNS, err := objectNamespace(m.obj, mapping, ns, explicit)
			if err != nil {
				return nil, err
			}
			out = append(out, deleteTarget{mapping: mapping, namespace: objNS, name: unstructured.Name(m.obj), source: m.source})
		}
		return out, nil
	}
	resources, err := env.resourceTargets(ctx, args)
	if err != nil {
		return nil, err
	}
	if o.allNamespaces {
		ns = ""
	}
	oc, err := env.objects()
	if err != nil {
		return nil, err
	}
	var out []deleteTarget
	for _, r := range resources {
		scope := ""
		if r.mapping.Namespaced {
			scope = ns
		}
		if len(r.names) > 0 {
			for _, name := range r.names {
				out = append(out, deleteTarget{mapping: r.mapping, namespace: scope, name: name})
			}
			continue
		}
		if !o.all && o.labelSelector == "" && o.fieldSelector == "" {
			return nil, errors.New("resource(s) were provided, but no name was specified")
		}
		items, err := listItems(ctx, oc, r.mapping, scope, listOptions(o.labelSelector, o.fieldSelector))
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			out = append(out, deleteTarget{mapping: r.mapping, namespace: unstructured.Namespace(it), name: unstructured.Name(it)})
		}
	}
	return out, nil
}

// waitForDeletion polls each deleted object until the server no longer
// has it (finalizers and graceful termination can keep it for a while),
// or --timeout passes.
func (o *deleteOptions) waitForDeletion(ctx context.Context, oc *objectClient, deleted []deleteTarget) error {
	timeout := o.timeout
	if timeout == 0 {
		timeout = 7 * 24 * time.Hour // upstream's "effectively forever"
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	for _, t := range deleted {
		for {
			_, err := oc.get(ctx, t.mapping, t.namespace, t.name)
			if rest.IsNotFound(err) {
				break
			}
			if err != nil && ctx.Err() == nil {
				return err
			}
			select {
			case <-ctx.Done():
				return fmt.Errorf("timed out waiting for the condition on %s/%s", t.mapping.Resource, t.name)
			case <-time.After(500 * time.Millisecond):
			}
		}
	}
	return nil
}
