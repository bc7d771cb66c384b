// Strategic merge patch: a merge patch that knows the kind's lists.
//
// Interface:
//   - StrategicMergePatch(original, patch, schema) applies a strategic
//     merge patch (application/strategic-merge-patch+json) to an object.
//
// A JSON merge patch replaces a list whole, so adding a sidecar container
// with one would have to repeat every container. A strategic merge patch
// reads the kind's Schema: a list whose field says patchStrategy merge is
// merged item by item, items matched by the patchMergeKey (containers,
// volumes and env by name, ports by containerPort; a list of strings such
// as finalizers as a set). Every other list (tolerations, args) is still
// replaced. Maps merge as in a JSON merge patch, and null deletes a field.
//
// Directives, keys of the patch starting with "$", say what plain values
// cannot:
//
//	$patch: delete            in a list item: remove the item with this key;
//	                          in a map: make the map empty
//	$patch: replace           in a list item: the list becomes exactly the
//	                          patch's items; in a map: the map becomes the patch
//	$retainKeys: [type]       clear every key of the map not listed
//	$setElementOrder/containers: [{name: b}, {name: a}]
//	                          the order the merged list's items take
//	$deleteFromPrimitiveList/finalizers: [x]
//	                          remove these values from a list of scalars
//
// kubectl apply (client side) computes such patches from the last applied
// configuration; `kubectl edit` and `kubectl patch` send them too (talk
// 002, the Ghost demo's "kubectl edit deploy ghost").
//
// Lists are merged in strategic_list.go; this file walks the maps.

package patch

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
)

// The directives of a strategic merge patch.
const (
	directiveMarker               = "$patch"
	deleteDirective               = "delete"
	replaceDirective              = "replace"
	mergeDirective                = "merge"
	retainKeysDirective           = "$retainKeys"
	setElementOrderPrefix         = "$setElementOrder/"
	deleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/"
)

// StrategicMergePatch applies patch, a JSON object, to the JSON object
// original and returns the result. schema supplies the list strategies; a
// nil schema replaces every list. A patch that is not a JSON object, or
// whose directives are malformed, fails with an *apierrors.StatusError
// (400 or 422); a list item without its merge key is a 500 with an empty
// reason, as upstream answers the plain error it has there.
func StrategicMergePatch(original, patch []byte, schema *Schema) ([]byte, error) {
	orig, err := decodeObject(original)
	if err != nil {
		return nil, fmt.Errorf("strategic merge patch: decode the object: %w", err)
	}
	p, err := decodePatchObject(patch)
	if err != nil {
		return nil, err
	}
	merged, err := mergeMap("", orig, p, schema)
	if err != nil {
		return nil, interpretMergeError(err)
	}
	return encode(merged)
}

// decodePatchObject decodes a patch body that must be a JSON object. Its
// 400 carries encoding/json's message, as upstream's does; "null" is an
// empty patch.
func decodePatchObject(patch []byte) (map[string]any, error) {
	var probe map[string]any
	if err := json.Unmarshal(patch, &probe); err != nil {
		return nil, newBadRequest(err.Error(), err)
	}
	return decodeObject(patch)
}

// mergeMap merges patch into original, which it modifies and returns (a
// nil original is an empty map). patch is only read. path is original's
// place in the object (".spec.template"), for error messages.
func mergeMap(path string, original, patch map[string]any, s *Schema) (map[string]any, error) {
	if d, ok := patch[directiveMarker]; ok {
		switch d {
		case replaceDirective:
			// The map becomes the patch: merge the rest of it into nothing,
			// which drops its nulls and applies its nested directives.
			rest := make(map[string]any, len(patch))
			for k, v := range patch {
				if k != directiveMarker {
					rest[k] = v
				}
			}
			return mergeMap(path, nil, rest, s)
		case deleteDirective:
			return map[string]any{}, nil
		}
		return nil, errBadPatchType(path, d, patch)
	}
	if original == nil {
		original = map[string]any{}
	}
	if err := applyRetainKeys(path, original, patch); err != nil {
		return nil, err
	}
	if err := applyDeleteFromPrimitiveLists(path, original, patch); err != nil {
		return nil, err
	}
	for _, name := range patchedFields(patch) {
		if err := mergeField(path, original, patch, name, s); err != nil {
			return nil, err
		}
	}
	return original, nil
}

// mergeField merges the field name of patch into original: null deletes
// it, a map merges, a list merges by key or replaces, anything else
// replaces. A $setElementOrder/<name> directive alone reorders the list.
func mergeField(path string, original, patch map[string]any, name string, s *Schema) error {
	fs, meta := s.Field(name)
	fpath := path + "." + name
	merge := meta.Has(StrategyMerge) && !meta.Has(StrategyReplace)
	order, hasOrder := patch[setElementOrderPrefix+name]
	var orderList []any
	if hasOrder {
		var ok bool
		if orderList, ok = order.([]any); !ok {
			return fmt.Errorf("%s: %w", where(fpath), ErrBadPatchFormatForSetElementOrderList)
		}
	}
	pv, inPatch := patch[name]
	if !inPatch {
		ol, isList := original[name].([]any)
		if !isList || !merge {
			return nil // nothing to order
		}
		merged, err := mergeList(fpath, ol, nil, orderList, true, fs.Elem(), meta.MergeKey)
		if err != nil {
			return err
		}
		original[name] = merged
		return nil
	}
	switch pv := pv.(type) {
	case nil:
		delete(original, name)
	case map[string]any:
		var om map[string]any
		if !meta.Has(StrategyReplace) {
			om, _ = original[name].(map[string]any) // nil when absent or not a map: the patch replaces it
		}
		merged, err := mergeMap(fpath, om, pv, fs)
		if err != nil {
			return err
		}
		original[name] = merged
	case []any:
		if !merge {
			original[name] = unstructured.DeepCopy(pv)
			return nil
		}
		ol, _ := original[name].([]any)
		merged, err := mergeList(fpath, ol, pv, orderList, hasOrder, fs.Elem(), meta.MergeKey)
		if err != nil {
			return err
		}
		original[name] = merged
	default:
		original[name] = pv
	}
	return nil
}

// patchedFields returns, sorted, the names of the fields patch sets or
// orders: its plain keys and the names after $setElementOrder/.
func patchedFields(patch map[string]any) []string {
	var names []string
	for k := range patch {
		switch {
		case k == directiveMarker, k == retainKeysDirective, strings.HasPrefix(k, deleteFromPrimitiveListPrefix):
		case strings.HasPrefix(k, setElementOrderPrefix):
			names = append(names, strings.TrimPrefix(k, setElementOrderPrefix))
		default:
			names = append(names, k)
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// isDirective reports whether k is a directive key of a patch map.
func isDirective(k string) bool {
	return k == directiveMarker || k == retainKeysDirective ||
		strings.HasPrefix(k, setElementOrderPrefix) || strings.HasPrefix(k, deleteFromPrimitiveListPrefix)
}

// applyRetainKeys carries out a $retainKeys directive: every key of
// original not listed is cleared. The list must hold strings (else 400),
// and every non-null key the patch sets must be listed (else 422): a patch
// that sets a key it also asks to clear contradicts itself.
func applyRetainKeys(path string, original, patch map[string]any) error {
	rk, ok := patch[retainKeysDirective]
	if !ok {
		return nil
	}
	list, ok := rk.([]any)
	if !ok {
		return fmt.Errorf("%s: $retainKeys must be a list of field names: %w", where(path), ErrBadPatchFormatForRetainKeys)
	}
	keep := map[string]bool{}
	for _, v := range list {
		name, ok := v.(string)
		if !ok {
			return fmt.Errorf("%s: $retainKeys must be a list of field names: %w", where(path), ErrBadPatchFormatForRetainKeys)
		}
		keep[name] = true
	}
	for k, v := range patch {
		if v != nil && !isDirective(k) && !keep[k] {
			return fmt.Errorf("%s: the patch sets %q, which $retainKeys does not list: %w", where(path), k, ErrPatchContentNotMatchRetainKeys)
		}
	}
	for k := range original {
		if !keep[k] {
			delete(original, k)
		}
	}
	return nil
}

// applyDeleteFromPrimitiveLists carries out every
// $deleteFromPrimitiveList/<field> directive: the listed values leave the
// field's list. The directive's value must be a list (else 400); a field
// that is not a list in original is left alone.
func applyDeleteFromPrimitiveLists(path string, original, patch map[string]any) error {
	for k, v := range patch {
		name, ok := strings.CutPrefix(k, deleteFromPrimitiveListPrefix)
		if !ok {
			continue
		}
		doomed, ok := v.([]any)
		if !ok {
			return fmt.Errorf("%s: %w", where(path+"."+name), ErrBadPatchFormatForPrimitiveList)
		}
		if ol, ok := original[name].([]any); ok {
			original[name] = slices.DeleteFunc(slices.Clone(ol), func(x any) bool {
				return slices.ContainsFunc(doomed, func(d any) bool { return equal(x, d) })
			})
		}
	}
	return nil
}

// errBadPatchType is upstream's mergepatch.ErrBadPatchType: a $patch
// value this place does not allow.
func errBadPatchType(path string, d any, m map[string]any) error {
	return fmt.Errorf("%s: unknown patch type: %v in map: %v", where(path), d, m)
}

// where names a path in an error; the root is "the object".
func where(path string) string {
	if path == "" {
		return "the object"
	}
	return path
}
