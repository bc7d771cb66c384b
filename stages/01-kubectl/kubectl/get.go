// `kubectl get`: list objects or read named ones, printed as the server's
// tables or in any -o format.
//
// Interface:
//   - NewCmdGet(env): `kubectl get [(-o|--output=)FORMAT] (TYPE[.VERSION]
//     [.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...)`,
//     with -l, --field-selector, -A, -w, --show-labels, -L, --show-kind,
//     --no-headers, --ignore-not-found, --chunk-size and -f.
//   - tableAccept is the Accept header that asks the server for a
//     meta.k8s.io Table, as upstream sends it.
//
// Flags, label selectors and the output format are checked before any
// request. Then the resources are resolved through discovery (cached:
// a second `kubectl get` sends no discovery request), and one GET goes
// out per resource (a list, with limit and continue) or per name. Talk 000,
// "kubectl": `kubectl get deployments`, `kubectl get pods`, `kubectl get
// deployment nginx -o yaml`; talk 002: `kubectl get svc`, `get deploy`.

package kubectl

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/kubeworkbook/kubeworkbook/shared/codec"
	"github.com/kubeworkbook/kubeworkbook/shared/fields"
	"github.com/kubeworkbook/kubeworkbook/shared/labels"
	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/printers"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/rest"
)

// tableAccept asks for a server-side Table (meta.k8s.io v1, then v1beta1)
// and accepts plain JSON from a server that has none.
const tableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json"

// getOptions are the flags of get.
type getOptions struct {
	print          *printers.PrintFlags
	files          FilenameOptions
	labelSelector  string
	fieldSelector  string
	allNamespaces  bool
	watch          bool
	watchOnly      bool
	watchEvents    bool
	ignoreNotFound bool
	chunkSize      int64
}

// NewCmdGet returns `kubectl get`.
func NewCmdGet(env *Env) *cobra.Command {
	o := &getOptions{print: printers.NewGetPrintFlags(), chunkSize: 500}
	cmd := &cobra.Command{
		Use:                   "get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags]",
		DisableFlagsInUseLine: true,
		Short:                 "Display one or many resources",
		Example: "  # List all pods in ps output format\n  kubectl get pods\n\n" +
			"  # List deployments and pods together\n  kubectl get deploy,po\n\n" +
			"  # List a single deployment in YAML\n  kubectl get deployment nginx -o yaml\n\n" +
			"  # List all pods in all namespaces, with more information\n  kubectl get pods -A -o wide",
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd, env, args)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.print.OutputFormat, "output", "o", "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide).")
	f.StringVar(&o.print.TemplateArgument, "template", "", "Template string or path to template file to use when -o=go-template, -o=go-template-file.")
	f.BoolVar(&o.print.AllowMissingTemplateKeys, "allow-missing-template-keys", true, "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.")
	f.BoolVar(&o.print.ShowManagedFields, "show-managed-fields", false, "If true, keep the managedFields when printing objects in JSON or YAML format.")
	f.BoolVar(&o.print.NoHeaders, "no-headers", false, "When using the default or custom-column output format, don't print headers (default print headers).")
	f.BoolVar(&o.print.ShowLabels, "show-labels", false, "When printing, show all labels as the last column (default hide labels column)")
	f.BoolVar(&o.print.ShowKind, "show-kind", false, "If present, list the resource type for the requested object(s).")
	f.StringSliceVarP(&o.print.ColumnLabels, "label-columns", "L", nil, "Accepts a comma separated list of labels that are going to be presented as columns. Names are case-sensitive.")
	addLabelSelectorFlag(f, &o.labelSelector)
	addFieldSelectorFlag(f, &o.fieldSelector)
	addAllNamespacesFlag(f, &o.allNamespaces)
	f.BoolVarP(&o.watch, "watch", "w", false, "After listing/getting the requested object, watch for changes.")
	f.BoolVar(&o.watchOnly, "watch-only", false, "Watch for changes to the requested object(s), without listing/getting first.")
	f.BoolVar(&o.watchEvents, "output-watch-events", false, "Output watch event objects when --watch or --watch-only is used. Existing objects are output as initial ADDED events.")
	f.BoolVar(&o.ignoreNotFound, "ignore-not-found", false, "If set to true, suppresses NotFound error for specific objects that do not exist. Using this flag with commands that query for collections of resources has no effect when no resources are found.")
	f.Int64Var(&o.chunkSize, "chunk-size", 500, "Return large lists in chunks rather than all at once. Pass 0 to disable.")
	o.files.AddFilenameFlags(f, "Filename, directory, or URL to files identifying the resource to get from a server.")
	return cmd
}

// validate checks the flags before any request: the output format, and
// the selectors' syntax.
func (o *getOptions) validate() error {
	if _, err := o.print.ToPrinter(); err != nil {
		return err
	}
	if o.labelSelector != "" {
		if _, err := labels.Parse(o.labelSelector); err != nil {
			return fmt.Errorf("unable to parse %q: %w", o.labelSelector, err)
		}
	}
	if o.fieldSelector != "" {
		if _, err := fields.ParseSelector(o.fieldSelector); err != nil {
			return fmt.Errorf("unable to parse %q: %w", o.fieldSelector, err)
		}
	}
	if o.chunkSize < 0 {
		return fmt.Errorf("--chunk-size must be 0 or greater")
	}
	return nil
}

func (o *getOptions) run(cmd *cobra.Command, env *Env, args []string) error {
	if err := o.validate(); err != nil {
		return err
	}
	ctx := cmd.Context()
	targets, err := o.targets(ctx, env, args)
	if err != nil {
		return err
	}
	for _, t := range targets {
		if len(t.names) > 0 && o.labelSelector != "" {
			return errors.New("name cannot be provided when a selector is specified")
		}
	}
	ns, _, err := env.Namespace()
	if err != nil {
		return err
	}
	if o.watch || o.watchOnly {
		return o.runWatch(ctx, env, targets, ns)
	}
	client, err := env.RESTClient()
	if err != nil {
		return err
	}
	var items []printers.Item
	var errs []error
	for _, t := range targets {
		got, err := o.fetch(ctx, client, t, ns)
		items = append(items, got...)
		errs = append(errs, err)
	}
	fetchErr := errors.Join(errs...)
	if len(items) == 0 && fetchErr != nil {
		return fetchErr
	}
	// As upstream, "No resources found" is for an empty answer, not for a
	// failed one: with errors, they alone are reported.
	single := len(targets) == 1 && len(targets[0].names) == 1
	printErr := printers.PrintGet(env.Streams.Out, env.Streams.ErrOut, o.print, items, printers.GetOptions{
		Namespace: ns, AllNamespaces: o.allNamespaces, IgnoreNotFound: o.ignoreNotFound || fetchErr != nil, SingleItemImplied: single,
	})
	return errors.Join(fetchErr, printErr)
}

// targets resolves the arguments, or the -f manifests, to resources.
func (o *getOptions) targets(ctx context.Context, env *Env, args []string) ([]resourceTarget, error) {
	if len(o.files.Filenames) == 0 {
		return env.resourceTargets(ctx, args)
	}
	if len(args) > 0 {
		return nil, errors.New("when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well")
	}
	manifests, err := env.readManifests(o.files, "get")
	if err != nil {
		return nil, err
	}
	var out []resourceTarget
	for _, m := range manifests {
		mapping, err := env.mapManifest(ctx, m)
		if err != nil {
			return nil, err
		}
		out = append(out, resourceTarget{mapping: mapping, names: []string{unstructured.Name(m.obj)}})
	}
	return out, nil
}

// fetch reads one target: each name, or the collection page by page.
// NotFound for a name is an error unless --ignore-not-found.
func (o *getOptions) fetch(ctx context.Context, client *rest.Client, t resourceTarget, ns string) ([]printers.Item, error) {
	if o.allNamespaces {
		ns = ""
	}
	item := func(obj map[string]any) printers.Item {
		return printers.Item{Kind: t.mapping.GroupVersionKind(), Resource: t.mapping.GroupVersionResource(), Namespaced: t.mapping.Namespaced, Object: obj}
	}
	var items []printers.Item
	var errs []error
	for _, name := range t.names {
		obj, err := o.getJSON(ctx, client, resourcePath(t.mapping, ns, name, ""), nil)
		if err != nil {
			if !(o.ignoreNotFound && rest.IsNotFound(err)) {
				errs = append(errs, err)
			}
			continue
		}
		items = append(items, item(obj))
	}
	if len(t.names) > 0 {
		return items, errors.Join(errs...)
	}
	query := listOptions(o.labelSelector, o.fieldSelector)
	for {
		if o.chunkSize > 0 {
			query.Set("limit", strconv.FormatInt(o.chunkSize, 10))
		}
		obj, err := o.getJSON(ctx, client, resourcePath(t.mapping, ns, "", ""), query)
		if err != nil {
			return items, err
		}
		items = append(items, item(obj))
		next, _ := unstructured.NestedString(obj, "metadata", "continue")
		if next == "" {
			return items, nil
		}
		query.Set("continue", next)
	}
}

// getJSON sends one GET, asking for a Table when the output is a table.
func (o *getOptions) getJSON(ctx context.Context, client *rest.Client, path string, query url.Values) (map[string]any, error) {
	req := rest.Request{Verb: http.MethodGet, Path: path, Query: query}
	if o.print.IsHumanReadable() {
		req.Accept = tableAccept
	}
	resp, err := client.Do(ctx, req)
	if err != nil {
		return nil, err
	}
	obj, err := codec.DecodeUnstructured(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", path, err)
	}
	return obj, nil
}
