// Managed fields: the metadata.managedFields entries, read and written.
//
// Interface:
//   - managerID identifies a manager as upstream does: its name, the
//     operation (Apply or Update), the subresource, and for Update its
//     apiVersion. "kubectl" applying and "kubectl" updating are two
//     managers.
//   - readManagers(obj) decodes an object's entries; writeManagers(obj,
//     managers) replaces them, sorted as upstream sorts them (Apply before
//     Update, then by time, manager, apiVersion, subresource).
//   - printManager renders a manager for a conflict message.
//
// An entry, as `kubectl get -o yaml --show-managed-fields` prints it:
//
//	manager: kubectl
//	operation: Apply
//	apiVersion: apps/v1
//	time: "2024-05-01T10:00:00Z"
//	fieldsType: FieldsV1
//	fieldsV1: {"f:spec":{"f:replicas":{}}}

package patch

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// fieldsTypeV1 is the only fieldsType upstream writes.
const fieldsTypeV1 = "FieldsV1"

// managerID identifies one manager. APIVersion is empty for Apply, so an
// applier keeps its entry when it moves to a new version.
type managerID struct {
	Manager     string
	Operation   metav1.ManagedFieldsOperationType
	APIVersion  string
	Subresource string
}

// managerState is one manager's entry.
type managerState struct {
	apiVersion string
	time       *metav1.Time
	set        fieldSet
}

// managers maps each manager to its entry.
type managers map[managerID]*managerState

// readManagers decodes metadata.managedFields of obj. A malformed list
// (an unknown fieldsType, a fieldsV1 that is not a tree) is an error;
// callers then start over with no managers, as upstream does for updates.
func readManagers(obj map[string]any) (managers, error) {
	out := managers{}
	meta, _ := obj["metadata"].(map[string]any)
	raw, ok := meta["managedFields"]
	if !ok || raw == nil {
		return out, nil
	}
	data, err := json.Marshal(raw)
	if err != nil {
		return nil, fmt.Errorf("read managedFields: %w", err)
	}
	var entries []metav1.ManagedFieldsEntry
	if err := json.Unmarshal(data, &entries); err != nil {
		return nil, fmt.Errorf("read managedFields: %w", err)
	}
	for _, e := range entries {
		if e.FieldsType != fieldsTypeV1 {
			return nil, fmt.Errorf("read managedFields: manager %q: fieldsType %q is not %q", e.Manager, e.FieldsType, fieldsTypeV1)
		}
		set := fieldSet{}
		if e.FieldsV1 != nil && len(e.FieldsV1.Raw) > 0 {
			if set, err = parseFieldsV1(e.FieldsV1.Raw); err != nil {
				return nil, fmt.Errorf("read managedFields: manager %q: %w", e.Manager, err)
			}
		}
		id := managerID{Manager: e.Manager, Operation: e.Operation, Subresource: e.Subresource}
		if e.Operation != metav1.ManagedFieldsOperationApply {
			id.APIVersion = e.APIVersion
		}
		if prev, ok := out[id]; ok {
			set = set.union(prev.set) // one manager listed twice: it owns both
		}
		out[id] = &managerState{apiVersion: e.APIVersion, time: e.Time, set: set}
	}
	return out, nil
}

// isResetManagedFields reports whether obj asks to clear its managed
// fields: upstream's convention is a list holding one empty entry,
// "managedFields: [{}]".
func isResetManagedFields(obj map[string]any) bool {
	meta, _ := obj["metadata"].(map[string]any)
	list, ok := meta["managedFields"].([]any)
	if !ok || len(list) != 1 {
		return false
	}
	entry, ok := list[0].(map[string]any)
	return ok && len(entry) == 0
}

// withoutManagedFields returns a copy of obj's top level and metadata with
// metadata.managedFields removed; deeper values are shared.
func withoutManagedFields(obj map[string]any) map[string]any {
	out := make(map[string]any, len(obj))
	for k, v := range obj {
		out[k] = v
	}
	if meta, ok := obj["metadata"].(map[string]any); ok {
		m := make(map[string]any, len(meta))
		for k, v := range meta {
			if k != "managedFields" {
				m[k] = v
			}
		}
		out["metadata"] = m
	}
	return out
}

// writeManagers sets metadata.managedFields of obj to ms (removing it when
// ms is empty). Managers with no fields are left out.
func writeManagers(obj map[string]any, ms managers) error {
	var entries []metav1.ManagedFieldsEntry
	for id, st := range ms {
		if len(st.set) == 0 {
			continue
		}
		entries = append(entries, metav1.ManagedFieldsEntry{
			Manager: id.Manager, Operation: id.Operation, APIVersion: st.apiVersion,
			Time: st.time, FieldsType: fieldsTypeV1, FieldsV1: &metav1.FieldsV1{Raw: st.set.fieldsV1()},
			Subresource: id.Subresource,
		})
	}
	slices.SortFunc(entries, compareEntries)
	meta, ok := obj["metadata"].(map[string]any)
	if !ok {
		if len(entries) == 0 {
			return nil
		}
		meta = map[string]any{}
		obj["metadata"] = meta
	}
	if len(entries) == 0 {
		delete(meta, "managedFields")
		return nil
	}
	data, err := json.Marshal(entries)
	if err != nil {
		return fmt.Errorf("write managedFields: %w", err)
	}
	var list []any
	if err := json.Unmarshal(data, &list); err != nil {
		return fmt.Errorf("write managedFields: %w", err)
	}
	meta["managedFields"] = list
	return nil
}

// compareEntries is upstream's order of managedFields entries.
func compareEntries(p, q metav1.ManagedFieldsEntry) int {
	if p.Operation != q.Operation {
		return strings.Compare(string(p.Operation), string(q.Operation))
	}
	seconds := func(t *metav1.Time) int64 {
		if t == nil {
			return 0
		}
		return t.Unix()
	}
	if ps, qs := seconds(p.Time), seconds(q.Time); ps != qs {
		if ps < qs {
			return -1
		}
		return 1
	}
	if c := strings.Compare(p.Manager, q.Manager); c != 0 {
		return c
	}
	if c := strings.Compare(p.APIVersion, q.APIVersion); c != 0 {
		return c
	}
	return strings.Compare(p.Subresource, q.Subresource)
}

// compareIDs orders managers for messages: by name, then operation,
// apiVersion and subresource.
func compareIDs(a, b managerID) int {
	for _, c := range []int{
		strings.Compare(a.Manager, b.Manager), strings.Compare(string(a.Operation), string(b.Operation)),
		strings.Compare(a.APIVersion, b.APIVersion), strings.Compare(a.Subresource, b.Subresource),
	} {
		if c != 0 {
			return c
		}
	}
	return 0
}

// printManager renders a manager as upstream's conflict messages do:
// `"kubectl"` for an applier, `"kubectl-edit" using apps/v1` for an
// updater, with `with subresource "status"` when it wrote a subresource.
func printManager(id managerID) string {
	s := fmt.Sprintf("%q", id.Manager)
	if id.Subresource != "" {
		s += fmt.Sprintf(" with subresource %q", id.Subresource)
	}
	if id.Operation == metav1.ManagedFieldsOperationUpdate {
		s += " using " + id.APIVersion
	}
	return s
}

// metaTime returns t as the Time of an entry (whole seconds, UTC).
func metaTime(t time.Time) *metav1.Time {
	mt := metav1.NewTime(t.UTC().Truncate(time.Second))
	return &mt
}
