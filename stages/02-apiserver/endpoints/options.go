// Options: query parameters to the registry's option structs.
//
// Interface:
//   - createOptions, updateOptions: dryRun, fieldManager and the
//     fieldValidation directive (default Warn, as upstream since 1.27).
//   - listOptions: labelSelector, fieldSelector (parse errors are 400),
//     resourceVersion/resourceVersionMatch, limit/continue, and for a
//     watch allowWatchBookmarks, sendInitialEvents and timeoutSeconds,
//     checked with upstream's rules (422 ListOptions is invalid).
//   - queryBool: upstream's reading of a boolean parameter.
//
// Invalid options are a 422 naming the options kind, as upstream:
// `CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: ...`.
package endpoints

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/fields"
	"github.com/kubeworkbook/kubeworkbook/shared/labels"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/patch"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// queryBool reads a boolean parameter as upstream does: absent is false;
// "0", "f" and "false" (any case) are false; anything else, even an empty
// value (?watch), is true.
func queryBool(q url.Values, key string) bool {
	v, ok := q[key]
	if !ok || len(v) == 0 {
		return false
	}
	switch strings.ToLower(v[0]) {
	case "0", "f", "false":
		return false
	}
	return true
}

// invalidOptions is the 422 for bad parameters of the options kind.
func invalidOptions(kind string, errs field.ErrorList) error {
	return apierrors.NewInvalid(metav1.GroupKind{Group: metaGroup, Kind: kind}, "", errs)
}

// writeOptions are the parameters every write shares.
type writeOptions struct {
	dryRun       bool
	fieldManager string
	// directive is the fieldValidation value, defaulted to Warn.
	directive string
}

// parseWriteOptions reads dryRun, fieldManager and fieldValidation,
// appending problems to errs.
func parseWriteOptions(q url.Values) (writeOptions, field.ErrorList) {
	var errs field.ErrorList
	o := writeOptions{fieldManager: q.Get("fieldManager"), directive: q.Get("fieldValidation")}
	var dryRunErrs field.ErrorList
	o.dryRun, dryRunErrs = parseDryRun(q["dryRun"])
	errs = append(errs, dryRunErrs...)
	errs = append(errs, patch.ValidateFieldManager(o.fieldManager, field.NewPath("fieldManager"))...)
	switch o.directive {
	case "":
		o.directive = metav1.FieldValidationWarn
	case metav1.FieldValidationIgnore, metav1.FieldValidationWarn, metav1.FieldValidationStrict:
	default:
		errs = append(errs, field.NotSupported(field.NewPath("fieldValidation"), o.directive,
			[]string{metav1.FieldValidationIgnore, metav1.FieldValidationStrict, metav1.FieldValidationWarn}))
	}
	return o, errs
}

// parseDryRun reads the dryRun values: none, or "All".
func parseDryRun(values []string) (bool, field.ErrorList) {
	for _, v := range values {
		if v != metav1.DryRunAll {
			return false, field.ErrorList{field.NotSupported(field.NewPath("dryRun"), v, []string{metav1.DryRunAll})}
		}
	}
	return len(values) > 0, nil
}

// createOptions reads a create's parameters.
func createOptions(q url.Values) (registry.CreateOptions, string, error) {
	o, errs := parseWriteOptions(q)
	if len(errs) > 0 {
		return registry.CreateOptions{}, "", invalidOptions("CreateOptions", errs)
	}
	return registry.CreateOptions{DryRun: o.dryRun, FieldManager: o.fieldManager}, o.directive, nil
}

// updateOptions reads an update's parameters; sub is the subresource
// written ("" or "status").
func updateOptions(q url.Values, sub string) (registry.UpdateOptions, string, error) {
	o, errs := parseWriteOptions(q)
	if len(errs) > 0 {
		return registry.UpdateOptions{}, "", invalidOptions("UpdateOptions", errs)
	}
	return registry.UpdateOptions{DryRun: o.dryRun, FieldManager: o.fieldManager, Subresource: sub}, o.directive, nil
}

// listOptions reads a list's or watch's parameters. name, when set, is
// the object a legacy watch path names (/watch/namespaces/x/pods/NAME).
func listOptions(q url.Values, watch bool, name string) (registry.ListOptions, error) {
	var opts registry.ListOptions
	var err error
	if opts.Label, err = labels.Parse(q.Get("labelSelector")); err != nil {
		return opts, apierrors.NewBadRequest(err.Error())
	}
	if opts.Field, err = fields.ParseSelector(q.Get("fieldSelector")); err != nil {
		return opts, apierrors.NewBadRequest(err.Error())
	}
	if name != "" {
		if !opts.Field.Empty() {
			if selected, ok := opts.Field.RequiresExactMatch("metadata.name"); !ok || selected != name {
				return opts, apierrors.NewBadRequest("fieldSelector metadata.name doesn't match requested name")
			}
		}
		opts.Field = fields.OneTermEqualSelector("metadata.name", name)
	}
	opts.ResourceVersion = q.Get("resourceVersion")
	opts.ResourceVersionMatch = q.Get("resourceVersionMatch")
	opts.Continue = q.Get("continue")
	if opts.Limit, err = queryInt(q, "limit"); err != nil {
		return opts, err
	}
	if opts.TimeoutSeconds, err = queryInt(q, "timeoutSeconds"); err != nil {
		return opts, err
	}
	opts.AllowWatchBookmarks = queryBool(q, "allowWatchBookmarks")
	if _, ok := q["sendInitialEvents"]; ok {
		v := queryBool(q, "sendInitialEvents")
		opts.SendInitialEvents = &v
	}
	if errs := validateListOptions(opts, watch); len(errs) > 0 {
		return opts, invalidOptions("ListOptions", errs)
	}
	return opts, nil
}

// queryInt reads a non-negative integer parameter; absent is 0.
func queryInt(q url.Values, key string) (int64, error) {
	s := q.Get(key)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, apierrors.NewBadRequest(fmt.Sprintf("%s: invalid value %q: must be a non-negative integer", key, s))
	}
	return n, nil
}

// validateListOptions is upstream's ValidateListOptions: the watch-list
// parameters go together, and resourceVersionMatch needs a
// resourceVersion and is for lists only.
func validateListOptions(o registry.ListOptions, watch bool) field.ErrorList {
	var errs field.ErrorList
	match := metav1.ResourceVersionMatch(o.ResourceVersionMatch)
	if o.SendInitialEvents != nil {
		if !watch {
			errs = append(errs, field.Forbidden(field.NewPath("sendInitialEvents"), "sendInitialEvents is forbidden for list"))
		}
		if match != metav1.ResourceVersionMatchNotOlderThan {
			errs = append(errs, field.Forbidden(field.NewPath("resourceVersionMatch"), "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"))
		}
		if !o.AllowWatchBookmarks {
			errs = append(errs, field.Forbidden(field.NewPath("allowWatchBookmarks"), "sendInitialEvents requires setting allowWatchBookmarks to true"))
		}
		return errs
	}
	if match == "" {
		return nil
	}
	p := field.NewPath("resourceVersionMatch")
	switch {
	case watch:
		errs = append(errs, field.Forbidden(p, "resourceVersionMatch is forbidden for watch"))
	case o.ResourceVersion == "":
		errs = append(errs, field.Forbidden(p, "resourceVersionMatch is forbidden unless resourceVersion is provided"))
	case match == metav1.ResourceVersionMatchExact && o.ResourceVersion == "0":
		errs = append(errs, field.Forbidden(p, `resourceVersionMatch "exact" is forbidden for resourceVersion "0"`))
	case match != metav1.ResourceVersionMatchExact && match != metav1.ResourceVersionMatchNotOlderThan:
		errs = append(errs, field.NotSupported(p, o.ResourceVersionMatch,
			[]metav1.ResourceVersionMatch{metav1.ResourceVersionMatchExact, metav1.ResourceVersionMatchNotOlderThan}))
	}
	return errs
}
