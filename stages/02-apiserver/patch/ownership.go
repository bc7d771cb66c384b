// Ownership walks: which fields an object sets, and which changed.
//
// Interface:
//   - appliedFields(obj, schema) is the set a manager owns after applying
//     obj: its leaves, each item of a keyed list (k:{...}) and set-like
//     list (v:...), every key of a map such as labels, and empty objects.
//   - compareObjects(old, new, schema) lists what an update added,
//     modified and removed; added and removed include every node of a new
//     or gone subtree, so the manager that creates metadata.labels owns
//     the map itself (".": {}) as well as the labels in it.
//   - removeField(obj, path) deletes one field or list item, for pruning
//     what a manager stopped applying.
//
// Lists follow the same tags as strategic merge patch: patchStrategy
// merge with a patchMergeKey makes a keyed list, merge without a key a
// set, anything else is atomic, owned and compared as one value.

package patch

import (
	"fmt"
	"slices"
	"strings"
)

// keyed and setLike classify a list field by its patch metadata.
func keyed(meta PatchMeta) bool   { return meta.Has(StrategyMerge) && meta.MergeKey != "" }
func setLike(meta PatchMeta) bool { return meta.Has(StrategyMerge) && meta.MergeKey == "" }

// appliedFields returns the fields obj sets. A keyed list item without its
// key, or two items with one key, is an error: such a configuration
// cannot say which item it means.
func appliedFields(obj map[string]any, s *Schema) (fieldSet, error) {
	set := fieldSet{}
	return set, addObjectFields(set, nil, obj, s)
}

func addObjectFields(set fieldSet, p fieldPath, m map[string]any, s *Schema) error {
	for _, name := range sortedKeys(m) {
		fs, meta := s.Field(name)
		cp := p.child(fieldElement(name))
		if s.isMap() {
			set.insert(cp) // a map's keys are owned one by one, like labels
		}
		if err := addValueFields(set, cp, m[name], fs, meta); err != nil {
			return err
		}
	}
	return nil
}

func addValueFields(set fieldSet, p fieldPath, v any, s *Schema, meta PatchMeta) error {
	switch v := v.(type) {
	case map[string]any:
		if len(v) == 0 {
			set.insert(p)
			return nil
		}
		return addObjectFields(set, p, v, s)
	case []any:
		switch {
		case keyed(meta):
			paths, items, err := keyedItems(p, v, meta.MergeKey)
			if err != nil {
				return err
			}
			for i, ip := range paths {
				set.insert(ip)
				if err := addObjectFields(set, ip, items[i], s.Elem()); err != nil {
					return err
				}
			}
		case setLike(meta) && scalars(v):
			for _, x := range v {
				set.insert(p.child(valueElement(x)))
			}
		default:
			set.insert(p)
		}
	default:
		set.insert(p)
	}
	return nil
}

// keyedItems returns the path and object of each item of a keyed list.
// The error, in upstream's words, names the item that has no key or
// repeats one.
func keyedItems(p fieldPath, list []any, mergeKey string) ([]fieldPath, []map[string]any, error) {
	paths := make([]fieldPath, 0, len(list))
	items := make([]map[string]any, 0, len(list))
	seen := fieldSet{}
	for i, x := range list {
		m, ok := x.(map[string]any)
		kv, hasKey := m[mergeKey]
		if !ok || !hasKey {
			return nil, nil, fmt.Errorf("%s: element %d: associative list with keys has an element that omits key field %q", p, i, mergeKey)
		}
		ip := p.child(keyElement(mergeKey, kv))
		if seen.has(ip) {
			return nil, nil, fmt.Errorf("%s: duplicate entries for key [%s=%s]", p, mergeKey, jsonString(kv))
		}
		seen.insert(ip)
		paths, items = append(paths, ip), append(items, m)
	}
	return paths, items, nil
}

// scalars reports whether no item of list is an object or a list.
func scalars(list []any) bool {
	return !slices.ContainsFunc(list, func(x any) bool {
		switch x.(type) {
		case map[string]any, []any:
			return true
		}
		return false
	})
}

// comparison is the difference between two versions of an object.
type comparison struct {
	added, modified, removed fieldSet
}

// changed returns the fields an update set: added or modified.
func (c comparison) changed() fieldSet { return c.added.union(c.modified) }

// compareObjects compares two objects of schema s.
func compareObjects(old, new map[string]any, s *Schema) comparison {
	c := comparison{added: fieldSet{}, modified: fieldSet{}, removed: fieldSet{}}
	c.objects(nil, old, new, s)
	return c
}

func (c comparison) objects(p fieldPath, old, new map[string]any, s *Schema) {
	names := sortedKeys(old)
	for k := range new {
		if _, ok := old[k]; !ok {
			names = append(names, k)
		}
	}
	for _, name := range names {
		fs, meta := s.Field(name)
		cp := p.child(fieldElement(name))
		ov, inOld := old[name]
		nv, inNew := new[name]
		switch {
		case !inOld:
			addSubtree(c.added, cp, nv, fs, meta)
		case !inNew:
			addSubtree(c.removed, cp, ov, fs, meta)
		default:
			c.values(cp, ov, nv, fs, meta)
		}
	}
}

func (c comparison) values(p fieldPath, ov, nv any, s *Schema, meta PatchMeta) {
	// null compares as an empty value of the other side's shape.
	ov, nv = emptyForNull(ov, nv), emptyForNull(nv, ov)
	switch o := ov.(type) {
	case map[string]any:
		if n, ok := nv.(map[string]any); ok {
			c.objects(p, o, n, s)
			return
		}
	case []any:
		if n, ok := nv.([]any); ok {
			c.lists(p, o, n, s, meta)
			return
		}
	}
	if equal(ov, nv) {
		return
	}
	// A leaf changed, or the value changed shape: what was beneath the old
	// value is gone.
	addSubtree(c.removed, p, ov, s, meta)
	delete(c.removed, p.key())
	c.modified.insert(p)
}

func (c comparison) lists(p fieldPath, ol, nl []any, s *Schema, meta PatchMeta) {
	switch {
	case keyed(meta):
		oldPaths, oldItems, err1 := keyedItems(p, ol, meta.MergeKey)
		newPaths, newItems, err2 := keyedItems(p, nl, meta.MergeKey)
		if err1 != nil || err2 != nil {
			break // items without keys: compare the list as one value
		}
		for i, ip := range oldPaths {
			if j := slices.IndexFunc(newPaths, func(q fieldPath) bool { return slices.Equal(q, ip) }); j >= 0 {
				c.objects(ip, oldItems[i], newItems[j], s.Elem())
			} else {
				addSubtree(c.removed, ip, oldItems[i], s.Elem(), PatchMeta{})
			}
		}
		for j, ip := range newPaths {
			if !slices.ContainsFunc(oldPaths, func(q fieldPath) bool { return slices.Equal(q, ip) }) {
				addSubtree(c.added, ip, newItems[j], s.Elem(), PatchMeta{})
			}
		}
		return
	case setLike(meta) && scalars(ol) && scalars(nl):
		for _, x := range ol {
			if !slices.ContainsFunc(nl, func(y any) bool { return equal(x, y) }) {
				c.removed.insert(p.child(valueElement(x)))
			}
		}
		for _, y := range nl {
			if !slices.ContainsFunc(ol, func(x any) bool { return equal(x, y) }) {
				c.added.insert(p.child(valueElement(y)))
			}
		}
		return
	}
	if !equal(ol, nl) {
		c.modified.insert(p)
	}
}

// addSubtree adds p and every field beneath v to set.
func addSubtree(set fieldSet, p fieldPath, v any, s *Schema, meta PatchMeta) {
	set.insert(p)
	switch v := v.(type) {
	case map[string]any:
		for name, x := range v {
			fs, fm := s.Field(name)
			addSubtree(set, p.child(fieldElement(name)), x, fs, fm)
		}
	case []any:
		switch {
		case keyed(meta):
			if paths, items, err := keyedItems(p, v, meta.MergeKey); err == nil {
				for i, ip := range paths {
					addSubtree(set, ip, items[i], s.Elem(), PatchMeta{})
				}
			}
		case setLike(meta) && scalars(v):
			for _, x := range v {
				set.insert(p.child(valueElement(x)))
			}
		}
	}
}

// emptyForNull returns v, or when v is null an empty value shaped like
// other (an empty object or list), so that setting a field that was null
// adds the fields inside it rather than the field itself.
func emptyForNull(v, other any) any {
	if v != nil {
		return v
	}
	switch other.(type) {
	case map[string]any:
		return map[string]any{}
	case []any:
		return []any{}
	}
	return nil
}

// removeField returns v without the field or item at p; v's maps and
// lists are changed in place where possible. A path that does not exist
// leaves v as it is.
func removeField(v any, p fieldPath) any {
	if len(p) == 0 {
		return v
	}
	kind, rest, _ := strings.Cut(p[0], ":")
	switch kind {
	case "f":
		m, ok := v.(map[string]any)
		if !ok {
			return v
		}
		if len(p) == 1 {
			delete(m, rest)
		} else if x, ok := m[rest]; ok {
			m[rest] = removeField(x, p[1:])
		}
		return m
	case "k", "v":
		list, ok := v.([]any)
		if !ok {
			return v
		}
		match, err := elementMatcher(kind, rest)
		if err != nil {
			return v
		}
		i := slices.IndexFunc(list, match)
		switch {
		case i < 0:
			return v
		case len(p) == 1:
			return slices.Delete(slices.Clone(list), i, i+1)
		}
		list[i] = removeField(list[i], p[1:])
		return list
	}
	return v
}

// elementMatcher returns a test for the list item a k: or v: element
// names.
func elementMatcher(kind, rest string) (func(any) bool, error) {
	want, err := decodeValue(rest)
	if err != nil {
		return nil, err
	}
	if kind == "v" {
		return func(x any) bool { return equal(x, want) }, nil
	}
	keys, ok := want.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("key element %s is not an object", rest)
	}
	return func(x any) bool {
		m, ok := x.(map[string]any)
		if !ok {
			return false
		}
		for k, kv := range keys {
			if mv, ok := m[k]; !ok || !equal(mv, kv) {
				return false
			}
		}
		return true
	}, nil
}

// decodeValue decodes one JSON value with numbers normalized.
func decodeValue(s string) (any, error) {
	m, err := decodeObject([]byte(`{"v":` + s + `}`))
	if err != nil {
		return nil, err
	}
	return m["v"], nil
}
