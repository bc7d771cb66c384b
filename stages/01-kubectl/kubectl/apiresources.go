// `kubectl api-resources` and `kubectl api-versions`: what discovery found.
//
// Interface:
//   - NewCmdAPIResources(env): the table NAME SHORTNAMES APIVERSION
//     NAMESPACED KIND (-o wide adds VERBS and CATEGORIES, -o name prints
//     "deployments.apps"), filtered by --namespaced, --api-group, --verbs,
//     sorted by group then name unless --sort-by says name or kind.
//   - NewCmdAPIVersions(env): every group/version, one per line, sorted.
//
// Like upstream, api-resources refreshes the discovery cache unless
// --cached is given, because a user asking "what does the server serve"
// wants today's answer. Talk 002, "kubectl api-resources".

package kubectl

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/printers"
)

// apiResourcesOptions are the flags of api-resources.
type apiResourcesOptions struct {
	output     string
	noHeaders  bool
	apiGroup   string
	namespaced bool
	verbs      []string
	sortBy     string
	cached     bool
	categories []string
}

// NewCmdAPIResources returns `kubectl api-resources`.
func NewCmdAPIResources(env *Env) *cobra.Command {
	o := &apiResourcesOptions{namespaced: true}
	cmd := &cobra.Command{
		Use:   "api-resources",
		Short: "Print the supported API resources on the server",
		Example: "  # Print the supported API resources\n  kubectl api-resources\n\n" +
			"  # Print the supported API resources with more information\n  kubectl api-resources -o wide",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd, env)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.noHeaders, "no-headers", false, "When using the default or custom-column output format, don't print headers (default print headers).")
	f.StringVarP(&o.output, "output", "o", "", "Output format. One of: (wide, name).")
	f.StringVar(&o.apiGroup, "api-group", "", "Limit to resources in the specified API group.")
	f.BoolVar(&o.namespaced, "namespaced", true, "If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.")
	f.StringSliceVar(&o.verbs, "verbs", nil, "Limit to resources that support the specified verbs.")
	f.StringVar(&o.sortBy, "sort-by", "", "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'.")
	f.BoolVar(&o.cached, "cached", false, "Use the cached list of resources if available.")
	f.StringSliceVar(&o.categories, "categories", nil, "Limit to resources that belong to the specified categories.")
	return cmd
}

// apiResourceRow is one resource with the group version it is served at.
type apiResourceRow struct {
	group, groupVersion string
	metav1.APIResource
}

func (o *apiResourcesOptions) run(cmd *cobra.Command, env *Env) error {
	if o.output != "" && o.output != "wide" && o.output != "name" {
		return fmt.Errorf("--output %v is not available", o.output)
	}
	if o.sortBy != "" && o.sortBy != "name" && o.sortBy != "kind" {
		return fmt.Errorf("--sort-by accepts only name or kind")
	}
	disco, err := env.Discovery()
	if err != nil {
		return err
	}
	if !o.cached {
		disco.Invalidate()
	}
	lists, err := disco.ServerPreferredResources(cmd.Context())
	if err != nil {
		return err
	}
	var rows []apiResourceRow
	for _, list := range lists {
		gv, err := metav1.ParseGroupVersion(list.GroupVersion)
		if err != nil {
			continue
		}
		for _, r := range list.APIResources {
			switch {
			case len(r.Verbs) == 0,
				cmd.Flags().Changed("api-group") && gv.Group != o.apiGroup,
				cmd.Flags().Changed("namespaced") && r.Namespaced != o.namespaced,
				!containsAll(r.Verbs, o.verbs),
				!containsAll(r.Categories, o.categories):
				continue
			}
			rows = append(rows, apiResourceRow{group: gv.Group, groupVersion: gv.String(), APIResource: r})
		}
	}
	sort.SliceStable(rows, func(i, j int) bool { return o.less(rows[i], rows[j]) })
	return o.print(env.Streams, rows)
}

// less orders by the --sort-by field (the group by default), then name.
func (o *apiResourcesOptions) less(a, b apiResourceRow) bool {
	ka, kb := a.group, b.group
	switch o.sortBy {
	case "name":
		ka, kb = a.Name, b.Name
	case "kind":
		ka, kb = a.Kind, b.Kind
	}
	if ka != kb {
		return ka < kb
	}
	return a.Name < b.Name
}

func (o *apiResourcesOptions) print(streams IOStreams, rows []apiResourceRow) error {
	w := printers.NewTabWriter(streams.Out) // kubectl's one column layout
	if !o.noHeaders && o.output != "name" {
		cols := []string{"NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"}
		if o.output == "wide" {
			cols = append(cols, "VERBS", "CATEGORIES")
		}
		fmt.Fprintln(w, strings.Join(cols, "\t"))
	}
	for _, r := range rows {
		switch o.output {
		case "name":
			name := r.Name
			if r.group != "" {
				name += "." + r.group
			}
			fmt.Fprintln(w, name)
		case "wide":
			fmt.Fprintf(w, "%s\t%s\t%s\t%v\t%s\t%v\t%s\n", r.Name, strings.Join(r.ShortNames, ","), r.groupVersion,
				r.Namespaced, r.Kind, strings.Join(slices.Sorted(slices.Values(r.Verbs)), ","), strings.Join(r.Categories, ","))
		default:
			fmt.Fprintf(w, "%s\t%s\t%s\t%v\t%s\n", r.Name, strings.Join(r.ShortNames, ","), r.groupVersion, r.Namespaced, r.Kind)
		}
	}
	return w.Flush()
}

// containsAll reports whether have holds every element of want.
func containsAll(have, want []string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

// NewCmdAPIVersions returns `kubectl api-versions`.
func NewCmdAPIVersions(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:     "api-versions",
		Short:   "Print the supported API versions on the server, in the form of \"group/version\"",
		Example: "  # Print the supported API versions\n  kubectl api-versions",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			disco, err := env.Discovery()
			if err != nil {
				return err
			}
			disco.Invalidate()
			groups, err := disco.ServerGroups(cmd.Context())
			if err != nil {
				return err
			}
			var versions []string
			for _, g := range groups.Groups {
				for _, v := range g.Versions {
					versions = append(versions, v.GroupVersion)
				}
			}
			sort.Strings(versions)
			for _, v := range versions {
				fmt.Fprintln(env.Streams.Out, v)
			}
			return nil
		},
	}
}
