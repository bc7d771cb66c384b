// Selectors: which objects a list or a watch returns.
//
// Interface:
//   - (*Store).Attrs(obj): the labels and selectable fields of obj, what
//     label and field selectors are matched against (upstream's GetAttrs).
//   - (*Store).FieldSelector(sel): sel checked against the kind's
//     selectable fields; an unknown field is a 400 with upstream's
//     "field label not supported: x".
//   - predicate: a checked label and field selector; matches(obj).
//
// Every kind selects on metadata.name and metadata.namespace; the kinds'
// own fields (spec.nodeName of pods, involvedObject.name of events, ...)
// come from Strategy.Fields. The watch cache (stages/02-apiserver/
// watchcache) matches with the same Attrs.
package registry

import (
	"fmt"
	"slices"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/fields"
	"github.com/kubeworkbook/kubeworkbook/shared/labels"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

// Attrs returns obj's labels and its selectable fields: metadata.name,
// metadata.namespace (unless the kind's field conversion refuses it) and
// the kind's own. obj must be of the Store's kind; it is not modified.
func (s *Store) Attrs(obj metav1.Object) (labels.Set, fields.Set) {
	meta := obj.GetObjectMeta()
	set := fields.Set{"metadata.name": meta.Name}
	if !s.strategy.NoNamespaceField {
		set["metadata.namespace"] = meta.Namespace
	}
	if s.strategy.Fields != nil {
		for k, v := range s.strategy.Fields(obj) {
			set[k] = v
		}
	}
	return labels.Set(meta.Labels), set
}

// SelectableFields lists the field labels a field selector may use on
// this kind, sorted.
func (s *Store) SelectableFields() []string {
	_, set := s.Attrs(s.res.New())
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// legacyFieldLabels are the old names upstream still accepts in field
// selectors, by kind: pods' "spec.host" is today's spec.nodeName.
var legacyFieldLabels = map[string]map[string]string{
	"pods": {"spec.host": "spec.nodeName"},
}

// FieldSelector checks sel against the kind's selectable fields and
// returns it with legacy names replaced. nil is returned as nil
// (everything). An unsupported field is 400 BadRequest
// "field label not supported: <field>", as upstream.
func (s *Store) FieldSelector(sel fields.Selector) (fields.Selector, error) {
	if sel == nil || sel.Empty() {
		return sel, nil
	}
	known := s.SelectableFields()
	renames := legacyFieldLabels[s.res.Resource]
	out, err := sel.Transform(func(field, value string) (string, string, error) {
		if to, ok := renames[field]; ok {
			field = to
		}
		if !slices.Contains(known, field) {
			return "", "", fmt.Errorf("field label not supported: %s", field)
		}
		return field, value, nil
	})
	if err != nil {
		return nil, apierrors.NewBadRequest(err.Error())
	}
	return out, nil
}

// predicate is a list's or watch's selection, checked. The zero value
// (both nil) selects everything.
type predicate struct {
	label labels.Selector
	field fields.Selector
	attrs func(metav1.Object) (labels.Set, fields.Set)
}

// newPredicate checks opts' selectors for this kind.
func (s *Store) newPredicate(opts ListOptions) (predicate, error) {
	field, err := s.FieldSelector(opts.Field)
	if err != nil {
		return predicate{}, err
	}
	return predicate{label: opts.Label, field: field, attrs: s.Attrs}, nil
}

// everything reports whether the predicate selects every object, so a
// list or watch can skip decoding for it.
func (p predicate) everything() bool {
	return (p.label == nil || p.label.Empty()) && (p.field == nil || p.field.Empty())
}

// matches reports whether obj is selected.
func (p predicate) matches(obj metav1.Object) bool {
	if p.everything() {
		return true
	}
	ls, fs := p.attrs(obj)
	if p.label != nil && !p.label.Matches(ls) {
		return false
	}
	return p.field == nil || p.field.Matches(fs)
}

// exactName returns the name a metadata.name=x term pins, so a watch can
// follow one key instead of a whole collection.
func (p predicate) exactName() (string, bool) {
	if p.field == nil {
		return "", false
	}
	return p.field.RequiresExactMatch("metadata.name")
}
