// Strategic merge of lists: items matched by key, and the order they end in.
//
// Interface:
//   - mergeList merges a patch list into a list whose field has
//     patchStrategy merge: objects by their merge key, scalars as a set.
//   - sortByOrder puts the merged items in the order upstream gives them.
//
// The order rule, upstream's since Kubernetes 1.7: items the patch names
// come in the patch's order ($setElementOrder's, when the patch has one);
// items only the server has keep their place relative to each other, and
// one goes before a patch item only when the live list had it earlier.
// So a container added by a patch lands before the existing ones (the
// kubectl patch task's redis sidecar is listed first), and kubectl apply,
// which sends $setElementOrder, keeps the order of the manifest.

package patch

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"sort"
)

// mergeList merges patch into original and returns the merged list; the
// original slice is not changed, but its items are merged in place. patch
// is only read. order is the $setElementOrder list when hasOrder. elem
// is the items' schema; mergeKey is empty for a list of scalars.
func mergeList(path string, original, patch, order []any, hasOrder bool, elem *Schema, mergeKey string) ([]any, error) {
	objects, err := elementKind(path, original, patch)
	if err != nil {
		return nil, err
	}
	if !objects {
		return mergeScalars(path, original, patch, order, hasOrder)
	}
	if mergeKey == "" {
		return nil, fmt.Errorf("%s: cannot merge lists without merge key", path)
	}
	keyOf := func(x any) (any, bool) {
		m, ok := x.(map[string]any)
		if !ok {
			return nil, false
		}
		v, ok := m[mergeKey]
		return v, ok
	}

	// 1. Directive items: "$patch: delete" removes the item with that key;
	//    "$patch: replace" drops everything the server had.
	result, serverOrder := slices.Clone(original), original
	var items []any
	for i, v := range patch {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s[%d]: a list merged by %q holds objects, not %v", path, i, mergeKey, v)
		}
		d, isDirective := m[directiveMarker]
		if !isDirective {
			items = append(items, m)
			continue
		}
		switch d {
		case deleteDirective:
			kv, ok := m[mergeKey]
			if !ok {
				return nil, errNoMergeKey(path, m, mergeKey)
			}
			result = slices.DeleteFunc(result, func(x any) bool {
				xk, ok := keyOf(x)
				return ok && equal(xk, kv)
			})
		case replaceDirective:
			result, serverOrder = nil, nil
		case mergeDirective:
			return nil, fmt.Errorf("%s: merging lists cannot yet be specified in the patch", path)
		default:
			return nil, errBadPatchType(path, d, m)
		}
	}

	// 2. Each remaining patch item merges into the item with its key, or
	//    is added.
	for _, v := range items {
		m := v.(map[string]any)
		kv, ok := m[mergeKey]
		if !ok {
			return nil, errNoMergeKey(path, m, mergeKey)
		}
		ipath := fmt.Sprintf("%s[%s=%s]", path, mergeKey, jsonString(kv))
		i := slices.IndexFunc(result, func(x any) bool {
			xk, ok := keyOf(x)
			return ok && equal(xk, kv)
		})
		if i < 0 {
			merged, err := mergeMap(ipath, nil, m, elem)
			if err != nil {
				return nil, err
			}
			result = append(result, merged)
			continue
		}
		om, _ := result[i].(map[string]any)
		merged, err := mergeMap(ipath, om, m, elem)
		if err != nil {
			return nil, err
		}
		result[i] = merged
	}

	// 3. Order.
	patchOrder := items
	if hasOrder {
		if err := checkOrder(path, order, items, keyOf, mergeKey); err != nil {
			return nil, err
		}
		patchOrder = order
	}
	return sortByOrder(result, patchOrder, serverOrder, keyOf), nil
}

// mergeScalars merges a list of scalars as a set: the union, each value
// once.
func mergeScalars(path string, original, patch, order []any, hasOrder bool) ([]any, error) {
	result := make([]any, 0, len(original)+len(patch))
	for _, v := range slices.Concat(original, patch) {
		if !slices.ContainsFunc(result, func(x any) bool { return equal(x, v) }) {
			result = append(result, v)
		}
	}
	self := func(x any) (any, bool) { return x, true }
	patchOrder := patch
	if hasOrder {
		if err := checkOrder(path, order, patch, self, ""); err != nil {
			return nil, err
		}
		patchOrder = order
	}
	return sortByOrder(result, patchOrder, original, self), nil
}

// elementKind reports whether the items of the lists are objects. A list
// of lists fails with ErrNoListOfLists (422); objects mixed with scalars
// fail with a plain error.
func elementKind(path string, lists ...[]any) (objects bool, err error) {
	seenObject, seenScalar := false, false
	for _, l := range lists {
		for _, v := range l {
			switch v.(type) {
			case []any:
				return false, fmt.Errorf("%s: %w", path, ErrNoListOfLists)
			case map[string]any:
				seenObject = true
			default:
				seenScalar = true
			}
		}
	}
	if seenObject && seenScalar {
		return false, fmt.Errorf("%s: cannot merge a list that mixes objects and scalars", path)
	}
	return seenObject, nil
}

// checkOrder validates a $setElementOrder list: every entry carries the
// merge key, and the items the patch sets appear in it, in the same
// relative order (kubectl builds both from one manifest, so anything else
// is a malformed patch: 400).
func checkOrder(path string, order, items []any, keyOf func(any) (any, bool), mergeKey string) error {
	for _, o := range order {
		if _, ok := keyOf(o); !ok {
			if m, isMap := o.(map[string]any); isMap {
				return errNoMergeKey(path, m, mergeKey)
			}
			return fmt.Errorf("%s: %w", path, ErrBadPatchFormatForSetElementOrderList)
		}
	}
	last, inOrder := -1, positions(order, keyOf)
	for _, it := range items {
		i, ok := inOrder.of(it)
		if !ok || i <= last {
			return fmt.Errorf("%s: the patch's items are not in $setElementOrder in the same order: %w", path, ErrBadPatchFormatForSetElementOrderList)
		}
		last = i
	}
	return nil
}

// sortByOrder orders merged (see the file comment): items found in
// patchOrder first sorted by it, the others by serverOrder, and the two
// interleaved so that a server item precedes a patch item only when the
// server had it earlier.
func sortByOrder(merged, patchOrder, serverOrder []any, keyOf func(any) (any, bool)) []any {
	inPatch, onServer := positions(patchOrder, keyOf), positions(serverOrder, keyOf)
	var fromPatch, serverOnly []any
	for _, x := range merged {
		if _, ok := inPatch.of(x); ok {
			fromPatch = append(fromPatch, x)
		} else {
			serverOnly = append(serverOnly, x)
		}
	}
	sort.SliceStable(fromPatch, func(i, j int) bool { return inPatch.rank(fromPatch[i]) < inPatch.rank(fromPatch[j]) })
	sort.SliceStable(serverOnly, func(i, j int) bool { return onServer.rank(serverOnly[i]) < onServer.rank(serverOnly[j]) })

	out := make([]any, 0, len(merged))
	for len(fromPatch) > 0 && len(serverOnly) > 0 {
		s, sok := onServer.of(serverOnly[0])
		p, pok := onServer.of(fromPatch[0])
		if sok && pok && s < p {
			out, serverOnly = append(out, serverOnly[0]), serverOnly[1:]
		} else {
			out, fromPatch = append(out, fromPatch[0]), fromPatch[1:]
		}
	}
	out = append(out, fromPatch...)
	return append(out, serverOnly...)
}

// position finds items of one list by key: the index of the first item
// with each key.
type position struct {
	index map[string]int
	keyOf func(any) (any, bool)
}

func positions(list []any, keyOf func(any) (any, bool)) position {
	p := position{index: make(map[string]int, len(list)), keyOf: keyOf}
	for i, x := range list {
		if k, ok := keyOf(x); ok {
			if _, dup := p.index[jsonString(k)]; !dup {
				p.index[jsonString(k)] = i
			}
		}
	}
	return p
}

// of returns the index of the item with x's key.
func (p position) of(x any) (int, bool) {
	k, ok := p.keyOf(x)
	if !ok {
		return 0, false
	}
	i, ok := p.index[jsonString(k)]
	return i, ok
}

// rank is of's index, or after every index when x's key is not there.
func (p position) rank(x any) int {
	if i, ok := p.of(x); ok {
		return i
	}
	return math.MaxInt
}

// errNoMergeKey is upstream's mergepatch.ErrNoMergeKey, prefixed with the
// list's path so the user knows which list needs the key.
func errNoMergeKey(path string, m map[string]any, key string) error {
	return fmt.Errorf("%s: map: %v does not contain declared merge key: %s", path, m, key)
}

// equal compares two decoded JSON values.
func equal(a, b any) bool { return reflect.DeepEqual(a, b) }

// jsonString renders a decoded JSON value as JSON ("nginx" quoted, 80 bare).
func jsonString(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
