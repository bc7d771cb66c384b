// Server-side apply: merge a manager's configuration into the live object.
//
// Interface:
//   - FieldManager.Apply(live, config, manager, force) is PATCH with
//     Content-Type application/apply-patch+yaml. live is nil when the
//     object does not exist: the result is then the object to create.
//
// An apply configuration is the whole intent of one manager (talk 004,
// step 1: `kubectl apply -f deployment.yaml`; talk 002, "declarative
// syntax"). Apply
//
//  1. reads it (YAML or JSON) and the fields it sets;
//  2. merges it into the live object, lists by key as a strategic merge
//     patch would;
//  3. prunes what the manager applied last time and left out now, unless
//     another manager owns it (a label deleted from the manifest leaves
//     the object);
//  4. fails with 409 if the result changes a field another manager owns,
//     or with force takes the field over;
//  5. records the manager's fields in metadata.managedFields.

package patch

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/codec"
	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
)

// Apply applies config, the manager's configuration, to live (nil: the
// object does not exist yet) and returns the object to store, with its
// managedFields updated. Without force, a change to a field another
// manager owns fails with a 409 *apierrors.StatusError naming the fields;
// with force, the field changes hands. A bad configuration is a 400 (or
// 422 for a missing manager); a keyed list item without its key is a 500
// with an empty reason, as upstream.
func (m *FieldManager) Apply(live, config []byte, manager string, force bool) ([]byte, error) {
	// 1. Read the configuration and the fields it sets.
	cfg, err := m.readConfig(config, manager)
	if err != nil {
		return nil, err
	}
	applied, err := appliedFields(cfg, m.Schema)
	if err != nil {
		return nil, fmt.Errorf("failed to create typed patch object: %w", err)
	}
	applied = m.tracked(applied)

	// 2. Read the live object and its managers. Unreadable managed fields
	//    are dropped rather than blocking every later write.
	obj := map[string]any{}
	if len(bytes.TrimSpace(live)) > 0 {
		if obj, err = decodeObject(live); err != nil {
			return nil, fmt.Errorf("apply: decode the live object: %w", err)
		}
	}
	ms, err := readManagers(obj)
	if err != nil {
		ms = managers{}
	}
	obj = withoutManagedFields(obj)

	// 3. Merge: a strategic merge patch whose patch has no directives.
	merged, err := mergeMap("", unstructured.DeepCopyMap(obj), cfg, m.Schema)
	if err != nil {
		return nil, interpretMergeError(err)
	}

	// 4. Prune what this manager no longer applies.
	id := managerID{Manager: manager, Operation: metav1.ManagedFieldsOperationApply, Subresource: m.Subresource}
	merged = m.prune(merged, ms, id, applied)

	// 5. Conflicts: fields of other managers whose value this apply changes.
	cmp := compareObjects(obj, merged, m.Schema)
	if err := takeOwnership(ms, id, m.tracked(cmp.changed()), m.tracked(cmp.removed), force); err != nil {
		return nil, err
	}

	// 6. Record: the manager now owns exactly what it applied.
	ms[id] = &managerState{apiVersion: m.APIVersion, time: metaTime(m.now()), set: applied}
	if err := writeManagers(merged, ms); err != nil {
		return nil, err
	}
	return encode(merged)
}

// readConfig decodes and checks an apply configuration with upstream's
// messages: it must name the endpoint's apiVersion, carry no
// managedFields, and hold no strategic merge directives.
func (m *FieldManager) readConfig(config []byte, manager string) (map[string]any, error) {
	if err := ValidatePatchOptions(ApplyPatchType, manager, nil); err != nil {
		return nil, err
	}
	cfg, err := codec.DecodeUnstructured(config)
	if err != nil {
		return nil, newBadRequest("error decoding YAML: "+strings.TrimPrefix(err.Error(), "decode: "), err)
	}
	if v := unstructured.APIVersion(cfg); v != m.APIVersion {
		return nil, newBadRequest(fmt.Sprintf("Incorrect version specified in apply patch. Specified patch version: %s, expected: %s", v, m.APIVersion), nil)
	}
	if mf, ok := unstructured.NestedField(cfg, "metadata", "managedFields"); ok && mf != nil {
		return nil, newBadRequest("metadata.managedFields must be nil", nil)
	}
	if p := directiveIn(nil, cfg); p != nil {
		return nil, newBadRequest(fmt.Sprintf("failed to create typed patch object: %s: field not declared in schema", p), nil)
	}
	return cfg, nil
}

// directiveIn returns the path of the first key starting with "$" in v,
// or nil. No field of any kind starts with "$", and the strategic merge
// directives mean nothing in an apply configuration.
func directiveIn(p fieldPath, v any) fieldPath {
	switch v := v.(type) {
	case map[string]any:
		for _, k := range sortedKeys(v) {
			cp := p.child(fieldElement(k))
			if strings.HasPrefix(k, "$") {
				return cp
			}
			if found := directiveIn(cp, v[k]); found != nil {
				return found
			}
		}
	case []any:
		for i, x := range v {
			if found := directiveIn(p.child(fmt.Sprintf("i:%d", i)), x); found != nil {
				return found
			}
		}
	}
	return nil
}

// prune removes from obj the fields the manager id applied last time and
// not in applied, unless a manager (id included, through applied) owns the
// field or something beneath it. An object or map left empty by a removal,
// and owned by nobody, goes too: dropping rollingUpdate's last field drops
// rollingUpdate.
func (m *FieldManager) prune(obj map[string]any, ms managers, id managerID, applied fieldSet) map[string]any {
	last, ok := ms[id]
	if !ok {
		return obj
	}
	owners := []fieldSet{applied}
	for other, st := range ms {
		if other != id {
			owners = append(owners, st.set)
		}
	}
	owned := func(p fieldPath) bool {
		for _, s := range owners {
			if s.ownsWithin(p) {
				return true
			}
		}
		return false
	}
	for _, p := range last.set.difference(applied).sorted() {
		if owned(p) {
			continue
		}
		obj = removeField(obj, p).(map[string]any)
		for q := p[:len(p)-1]; len(q) > 0 && !owned(q); q = q[:len(q)-1] {
			if v, ok := lookupField(obj, q); !ok || !isEmptyMap(v) {
				break
			}
			obj = removeField(obj, q).(map[string]any)
		}
	}
	return obj
}

// takeOwnership settles the fields a write changed (changed) and removed
// against the other managers. Another manager owning a changed field is a
// conflict: without force, a 409; with force (and always for an update),
// the field is taken from it. Removed fields are owned by nobody after.
// Managers left with no fields are dropped.
func takeOwnership(ms managers, id managerID, changed, removed fieldSet, force bool) error {
	var conflicts []conflict
	for other, st := range ms {
		if other == id {
			continue
		}
		for _, p := range st.set.intersection(changed).sorted() {
			conflicts = append(conflicts, conflict{manager: other, path: p})
		}
	}
	if len(conflicts) > 0 && !force {
		return newConflictError(conflicts)
	}
	for other, st := range ms {
		if other == id {
			continue
		}
		if st.set = st.set.difference(changed).difference(removed); len(st.set) == 0 {
			delete(ms, other)
		}
	}
	return nil
}

// lookupField returns the value at p in v.
func lookupField(v any, p fieldPath) (any, bool) {
	for _, e := range p {
		kind, rest, _ := strings.Cut(e, ":")
		switch kind {
		case "f":
			m, ok := v.(map[string]any)
			if !ok {
				return nil, false
			}
			if v, ok = m[rest]; !ok {
				return nil, false
			}
		case "k", "v":
			list, ok := v.([]any)
			match, err := elementMatcher(kind, rest)
			if !ok || err != nil {
				return nil, false
			}
			i := slices.IndexFunc(list, match)
			if i < 0 {
				return nil, false
			}
			v = list[i]
		default:
			return nil, false
		}
	}
	return v, true
}

func isEmptyMap(v any) bool {
	m, ok := v.(map[string]any)
	return ok && len(m) == 0
}
