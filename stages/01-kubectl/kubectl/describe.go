// `kubectl describe`: one object in prose, with the objects around it
// (its events, its pods, its ReplicaSets) fetched alongside.
//
// Interface:
//   - NewCmdDescribe(env): `kubectl describe (-f FILENAME | TYPE
//     [NAME_PREFIX | -l label] | TYPE/NAME)`, with -A, --show-events and
//     --chunk-size.
//   - describeObject picks the describer: Pod, Deployment, ReplicaSet,
//     Node, Service, ConfigMap, Secret and Namespace have their own
//     (describe_*.go); every other kind gets the generic one
//     (describe_generic.go).
//
// As upstream, a NAME that matches no object is tried as a prefix
// ("kubectl describe pods nginx" describes nginx-7c5d8b-x and its
// siblings). Talk 002, "Ghost demo", and talk 000's pod status step are
// easiest followed with describe.

package kubectl

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/fields"
	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/discovery"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/rest"
)

// describeOptions are the flags of describe.
type describeOptions struct {
	files         FilenameOptions
	labelSelector string
	allNamespaces bool
	showEvents    bool
	chunkSize     int64
}

// NewCmdDescribe returns `kubectl describe`.
func NewCmdDescribe(env *Env) *cobra.Command {
	o := &describeOptions{showEvents: true, chunkSize: 500}
	cmd := &cobra.Command{
		Use:                   "describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME)",
		DisableFlagsInUseLine: true,
		Short:                 "Show details of a specific resource or group of resources",
		Example: "  # Describe a node\n  kubectl describe nodes kubernetes-node-emt8.c.myproject.internal\n\n" +
			"  # Describe a pod\n  kubectl describe pods/nginx\n\n" +
			"  # Describe all pods whose name starts with ghost\n  kubectl describe pods ghost",
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd, env, args)
		},
	}
	f := cmd.Flags()
	o.files.AddFilenameFlags(f, "Filename, directory, or URL to files containing the resource to describe")
	addLabelSelectorFlag(f, &o.labelSelector)
	addAllNamespacesFlag(f, &o.allNamespaces)
	f.BoolVar(&o.showEvents, "show-events", true, "If true, display events related to the described object.")
	f.Int64Var(&o.chunkSize, "chunk-size", 500, "Return large lists in chunks rather than all at once. Pass 0 to disable.")
	return cmd
}

// describedObject is an object to describe with the mapping it came from.
type describedObject struct {
	mapping discovery.Mapping
	obj     map[string]any
}

func (o *describeOptions) run(cmd *cobra.Command, env *Env, args []string) error {
	ctx := cmd.Context()
	objects, err := o.objects(ctx, env, args)
	if err != nil && len(objects) == 0 {
		return err
	}
	if len(objects) == 0 {
		// Nothing matched and nothing failed: say so on stderr, as
		// upstream does (for cluster-scoped kinds too, in its words).
		if o.allNamespaces {
			fmt.Fprintln(env.Streams.ErrOut, "No resources found")
			return nil
		}
		ns, _, err := env.Namespace()
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Streams.ErrOut, "No resources found in %s namespace.\n", ns)
		return nil
	}
	d := &describer{env: env, ctx: ctx, showEvents: o.showEvents, limit: o.chunkSize, now: time.Now()}
	var errs []error
	for i, obj := range objects {
		if i > 0 {
			fmt.Fprint(env.Streams.Out, "\n\n")
		}
		errs = append(errs, d.describe(obj))
	}
	return errors.Join(append(errs, err)...)
}

// objects fetches what the arguments name.
func (o *describeOptions) objects(ctx context.Context, env *Env, args []string) ([]describedObject, error) {
	var targets []resourceTarget
	var err error
	if len(o.files.Filenames) > 0 {
		get := &getOptions{files: o.files}
		targets, err = get.targets(ctx, env, args)
	} else {
		if len(args) == 0 {
			return nil, errors.New(`You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.`)
		}
		targets, err = env.resourceTargets(ctx, args)
	}
	if err != nil {
		return nil, err
	}
	ns, _, err := env.Namespace()
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
	var out []describedObject
	var errs []error
	for _, t := range targets {
		if len(t.names) == 0 {
			items, err := listItems(ctx, oc, t.mapping, ns, listOptions(o.labelSelector, ""))
			errs = append(errs, err)
			for _, it := range items {
				out = append(out, describedObject{t.mapping, it})
			}
			continue
		}
		for _, name := range t.names {
			obj, err := oc.get(ctx, t.mapping, ns, name)
			if err == nil {
				out = append(out, describedObject{t.mapping, obj})
				continue
			}
			if !rest.IsNotFound(err) {
				errs = append(errs, err)
				continue
			}
			matches, lerr := listItems(ctx, oc, t.mapping, ns, nil)
			found := false
			for _, it := range matches {
				if strings.HasPrefix(unstructured.Name(it), name) {
					out = append(out, describedObject{t.mapping, it})
					found = true
				}
			}
			if !found || lerr != nil {
				errs = append(errs, err)
			}
		}
	}
	return out, errors.Join(errs...)
}

// listItems lists a collection and returns its items, each with the
// list's kind filled in.
func listItems(ctx context.Context, oc *objectClient, m discovery.Mapping, ns string, q url.Values) ([]map[string]any, error) {
	list, err := oc.list(ctx, m, ns, q)
	if err != nil {
		return nil, err
	}
	raw, _ := unstructured.NestedSlice(list, "items")
	out := make([]map[string]any, 0, len(raw))
	for _, r := range raw {
		if item, ok := r.(map[string]any); ok {
			item["apiVersion"] = m.GroupVersionResource().GroupVersion().String()
			item["kind"] = m.Kind
			out = append(out, item)
		}
	}
	return out, nil
}

// describer describes objects of one invocation.
type describer struct {
	env        *Env
	ctx        context.Context
	showEvents bool
	limit      int64
	now        time.Time
}

// describe writes one object with the describer for its kind.
func (d *describer) describe(o describedObject) error {
	w := newPrefixWriter(d.env.Streams.Out)
	defer w.Flush()
	gk := o.mapping.GroupVersionKind().GroupKind().String()
	switch gk {
	case "Pod":
		var pod corev1.Pod
		if err := convert(o.obj, &pod); err != nil {
			return err
		}
		describePod(w, &pod, d.events(o), d.now)
	case "Deployment.apps":
		return d.deployment(w, o)
	case "ReplicaSet.apps":
		return d.replicaSet(w, o)
	case "Node":
		return d.node(w, o)
	case "Service":
		return d.service(w, o)
	case "ConfigMap":
		var cm corev1.ConfigMap
		if err := convert(o.obj, &cm); err != nil {
			return err
		}
		describeConfigMap(w, &cm, d.events(o), d.now)
	case "Secret":
		var s corev1.Secret
		if err := convert(o.obj, &s); err != nil {
			return err
		}
		describeSecret(w, &s)
	case "Namespace":
		return d.namespace(w, o)
	default:
		describeGeneric(w, o.obj, d.events(o), d.now)
	}
	return nil
}

// events lists the events about an object, oldest first; an error
// fetching them leaves the section empty, as upstream does.
func (d *describer) events(o describedObject) []corev1.Event {
	if !d.showEvents {
		return nil
	}
	uid, _ := unstructured.NestedString(o.obj, "metadata", "uid")
	ns := unstructured.Namespace(o.obj)
	sel := fields.Set{
		"involvedObject.name":      unstructured.Name(o.obj),
		"involvedObject.namespace": ns,
		"involvedObject.kind":      o.mapping.Kind,
		"involvedObject.uid":       uid,
	}
	if o.mapping.Kind == "Node" {
		sel["involvedObject.uid"] = unstructured.Name(o.obj) // the kubelet's events use the node name
	}
	var events []corev1.Event
	_ = d.listTyped("v1", "Event", ns, url.Values{"fieldSelector": {sel.String()}}, &events)
	return events
}

// listTyped lists a kind (found through discovery) and decodes its items
// into out, a pointer to a slice of the typed object.
func (d *describer) listTyped(apiVersion, kind, ns string, q url.Values, out any) error {
	mapper, err := d.env.Mapper()
	if err != nil {
		return err
	}
	m, err := mapper.MappingFor(d.ctx, apiVersion, kind)
	if err != nil {
		return err
	}
	oc, err := d.env.objects()
	if err != nil {
		return err
	}
	if d.limit > 0 {
		q.Set("limit", strconv.FormatInt(d.limit, 10))
	}
	items, err := listItems(d.ctx, oc, m, ns, q)
	if err != nil {
		return err
	}
	return convert(items, out)
}

// convert re-decodes v (maps, or a slice of maps) into a typed value.
func convert(v, out any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode object: %w", err)
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("decode object: %w", err)
	}
	return nil
}
