// JSON merge patches (RFC 7386): the body of edit's and apply's PATCH.
//
// Interface:
//   - CreateMergePatch(from, to) returns the patch that turns from into to:
//     changed or added keys with their new value, removed keys as null,
//     maps compared key by key, lists replaced whole.
//   - CreateThreeWayMergePatch(original, modified, current) is apply's
//     patch: changes from the live object to the new manifest, but
//     deletions only of fields the last applied manifest set, so fields
//     the server or a controller added survive an apply.
//
// Upstream uses a strategic merge patch for built-in kinds (lists of
// containers merged by name); a JSON merge patch replaces such a list whole.
// Both give the same object whenever the manifest lists every container,
// which is what apply's manifests do.

package kubectl

import (
	"reflect"
)

// CreateMergePatch returns the RFC 7386 patch from from to to. An empty
// (non-nil) map means "no change".
func CreateMergePatch(from, to map[string]any) map[string]any {
	patch := map[string]any{}
	for k, newV := range to {
		oldV, had := from[k]
		if had && reflect.DeepEqual(oldV, newV) {
			continue
		}
		oldMap, oldIsMap := oldV.(map[string]any)
		newMap, newIsMap := newV.(map[string]any)
		if had && oldIsMap && newIsMap {
			if sub := CreateMergePatch(oldMap, newMap); len(sub) > 0 {
				patch[k] = sub
			}
			continue
		}
		patch[k] = newV
	}
	for k := range from {
		if _, kept := to[k]; !kept {
			patch[k] = nil
		}
	}
	return patch
}

// CreateThreeWayMergePatch returns apply's patch. original is the last
// applied manifest (nil on the first apply), modified the manifest being
// applied now, current the live object.
func CreateThreeWayMergePatch(original, modified, current map[string]any) map[string]any {
	changes := withoutDeletions(CreateMergePatch(current, modified))
	deletions := onlyDeletions(CreateMergePatch(original, modified))
	return mergeInto(changes, deletions)
}

// withoutDeletions drops the nulls from a patch: keys the live object has
// but the manifest never mentioned stay as they are.
func withoutDeletions(patch map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range patch {
		switch v := v.(type) {
		case nil:
		case map[string]any:
			if sub := withoutDeletions(v); len(sub) > 0 || len(v) == 0 {
				out[k] = sub
			}
		default:
			out[k] = v
		}
	}
	return out
}

// onlyDeletions keeps just the nulls (and the maps leading to them).
func onlyDeletions(patch map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range patch {
		switch v := v.(type) {
		case nil:
			out[k] = nil
		case map[string]any:
			if sub := onlyDeletions(v); len(sub) > 0 {
				out[k] = sub
			}
		}
	}
	return out
}

// mergeInto adds src's keys to dst, descending into maps both have.
func mergeInto(dst, src map[string]any) map[string]any {
	for k, v := range src {
		dv, ok := dst[k].(map[string]any)
		sv, sok := v.(map[string]any)
		if ok && sok {
			dst[k] = mergeInto(dv, sv)
			continue
		}
		if _, exists := dst[k]; !exists {
			dst[k] = v
		}
	}
	return dst
}
