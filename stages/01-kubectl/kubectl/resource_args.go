// Resource arguments: from what the user typed after the verb to the
// resources and names to ask for.
//
// Interface:
//   - (*Env).resourceTargets(ctx, args) understands every form upstream's
//     resource builder does: "TYPE", "TYPE1,TYPE2", "TYPE NAME...",
//     "TYPE/NAME...", a category such as "all", and short names, kinds and
//     "resource.group" everywhere, resolved through discovery's mapper.
//   - resourceTarget is one resource with the names asked for (none means
//     the whole collection).
//   - addLabelSelectorFlag, addFieldSelectorFlag, addAllNamespacesFlag:
//     the flags that narrow what the arguments select, with upstream's
//     help, for get, describe, delete and scale.
//
// Talk 001, "REST mappings": "deploy" becomes deployments.apps/v1 here,
// from what discovery says, not from a list in this package.

package kubectl

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/discovery"
)

// resourceTarget is one resource and the object names asked for.
type resourceTarget struct {
	mapping discovery.Mapping
	names   []string // empty: list the collection
}

// errNoResourceType is upstream's message for `kubectl get` without a type.
var errNoResourceType = errors.New(`You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.`)

// resourceTargets resolves the arguments that follow the verb.
func (e *Env) resourceTargets(ctx context.Context, args []string) ([]resourceTarget, error) {
	if len(args) == 0 {
		return nil, errNoResourceType
	}
	mapper, err := e.Mapper()
	if err != nil {
		return nil, err
	}
	if strings.Contains(args[0], "/") {
		return e.slashTargets(ctx, mapper, args)
	}
	for _, a := range args[1:] {
		if strings.Contains(a, "/") {
			return nil, fmt.Errorf("there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'")
		}
	}
	var targets []resourceTarget
	for _, typ := range strings.Split(args[0], ",") {
		if typ == "" {
			continue
		}
		mappings, err := expandType(ctx, mapper, typ)
		if err != nil {
			return nil, err
		}
		for _, m := range mappings {
			e.warn(m)
			targets = append(targets, resourceTarget{mapping: m, names: args[1:]})
		}
	}
	if len(targets) == 0 {
		return nil, errNoResourceType
	}
	return targets, nil
}

// slashTargets handles "TYPE/NAME TYPE/NAME ...". Names of the same
// resource are grouped, in first-seen order.
func (e *Env) slashTargets(ctx context.Context, mapper *discovery.Mapper, args []string) ([]resourceTarget, error) {
	var targets []resourceTarget
	index := map[string]int{}
	for _, a := range args {
		typ, name, ok := strings.Cut(a, "/")
		if !ok || typ == "" || name == "" || strings.Contains(name, "/") {
			return nil, fmt.Errorf("arguments in resource/name form must have a single resource and name")
		}
		m, err := mapper.ResourceFor(ctx, typ)
		if err != nil {
			return nil, err
		}
		e.warn(m)
		key := m.GroupVersionResource().String()
		if i, seen := index[key]; seen {
			targets[i].names = append(targets[i].names, name)
			continue
		}
		index[key] = len(targets)
		targets = append(targets, resourceTarget{mapping: m, names: []string{name}})
	}
	return targets, nil
}

// warn prints discovery's warnings about a mapping (a short name that
// several resources claim), as upstream prints "Warning: ..." lines.
func (e *Env) warn(m discovery.Mapping) {
	for _, w := range m.Warnings {
		fmt.Fprintf(e.Streams.ErrOut, "Warning: %s\n", w)
	}
}

// expandType resolves one type argument; a name that is no resource but a
// category ("all") stands for every resource in it.
func expandType(ctx context.Context, mapper *discovery.Mapper, typ string) ([]discovery.Mapping, error) {
	m, err := mapper.ResourceFor(ctx, typ)
	if err == nil {
		return []discovery.Mapping{m}, nil
	}
	if !discovery.IsNoMatch(err) {
		return nil, err
	}
	inCategory, cerr := mapper.ResourcesInCategory(ctx, typ)
	if cerr != nil || len(inCategory) == 0 {
		return nil, err
	}
	return inCategory, nil
}

// addLabelSelectorFlag registers -l/--selector into p, as upstream's
// cmdutil.AddLabelSelectorFlagVar.
func addLabelSelectorFlag(f *pflag.FlagSet, p *string) {
	f.StringVarP(p, "selector", "l", "", "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.")
}

// addFieldSelectorFlag registers --field-selector into p.
func addFieldSelectorFlag(f *pflag.FlagSet, p *string) {
	f.StringVar(p, "field-selector", "", "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.")
}

// addAllNamespacesFlag registers -A/--all-namespaces into p.
func addAllNamespacesFlag(f *pflag.FlagSet, p *bool) {
	f.BoolVarP(p, "all-namespaces", "A", false, "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.")
}
