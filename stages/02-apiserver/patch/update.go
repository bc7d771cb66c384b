// Updates: the managedFields entry of a write that is not an apply.
//
// Interface:
//   - FieldManager.RecordUpdate(old, new, manager) is called by the REST
//     layer for create (old nil), update (PUT) and every patch that is not
//     an apply, after the object is decoded and defaulted, and returns new
//     with an Update entry for manager.
//
// An update always wins: the fields it changed are taken from whoever
// owned them, so a later apply that wants another value conflicts with the
// updater (`kubectl edit` after `kubectl apply --server-side`; talk 002,
// the Ghost demo's "kubectl edit deploy ghost"). Fields an update removed
// are owned by nobody.

package patch

import (
	"bytes"
	"fmt"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// RecordUpdate returns new with metadata.managedFields updated for a
// write by manager (ManagerOrUserAgent of the request). old is the stored
// object, or nil for a create, which is compared against the kind's zero
// value as upstream does. The managers are those new carries when it
// carries any (a client may send the list back, or "[{}]" to clear it),
// else old's.
func (m *FieldManager) RecordUpdate(old, new []byte, manager string) ([]byte, error) {
	// 1. Read both versions.
	oldObj := m.Schema.zeroObject()
	if len(bytes.TrimSpace(old)) > 0 {
		var err error
		if oldObj, err = decodeObject(old); err != nil {
			return nil, fmt.Errorf("record update: decode the old object: %w", err)
		}
	}
	newObj, err := decodeObject(new)
	if err != nil {
		return nil, fmt.Errorf("record update: decode the new object: %w", err)
	}
	ms := updateManagers(oldObj, newObj)

	// 2. What the update added, changed and removed.
	cmp := compareObjects(withoutManagedFields(oldObj), withoutManagedFields(newObj), m.Schema)
	changed, removed := m.tracked(cmp.changed()), m.tracked(cmp.removed)

	// 3. The updater takes what it changed from everyone else.
	id := managerID{Manager: manager, Operation: metav1.ManagedFieldsOperationUpdate, APIVersion: m.APIVersion, Subresource: m.Subresource}
	if err := takeOwnership(ms, id, changed, removed, true); err != nil {
		return nil, err
	}

	// 4. Its entry: what it owned before, less what it removed, plus what
	//    it changed; the time moves only when it changed something.
	self, ok := ms[id]
	if !ok {
		self = &managerState{apiVersion: m.APIVersion, set: fieldSet{}}
		ms[id] = self
	}
	self.set = self.set.difference(removed).union(changed)
	if len(changed) > 0 {
		self.time = metaTime(m.now())
	}
	if err := writeManagers(newObj, ms); err != nil {
		return nil, err
	}
	return encode(newObj)
}

// updateManagers returns the managers an update starts from: none when
// new asks for a reset, new's own when it has readable ones, else old's.
func updateManagers(oldObj, newObj map[string]any) managers {
	if isResetManagedFields(newObj) {
		return managers{}
	}
	if ms, err := readManagers(newObj); err == nil && len(ms) > 0 {
		return ms
	}
	if ms, err := readManagers(oldObj); err == nil {
		return ms
	}
	return managers{}
}
