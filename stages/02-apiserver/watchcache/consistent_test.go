package watchcache

import (
	"context"
	"fmt"
	"testing"
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/fields"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// Talk 003, "API server": a consistent read must not return a state older
// than etcd's. When etcd sends no progress report within FreshTimeout, a
// list with resourceVersion unset is answered by the inner storage (a
// quorum read) rather than from a cache that may be behind.
func TestConsistentListFallsBack(t *testing.T) {
	f := newFakeStorage()
	ctx := context.Background()
	if _, err := f.Create(ctx, "default", pod("a"), registry.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	silent := func(context.Context) error { return nil } // etcd never reports progress
	c := newCache(t, f, Options{RequestProgress: silent, CurrentRevision: f.currentRevision, FreshTimeout: 50 * time.Millisecond})
	f.skipRevisions(3) // 14; the cache stays at 11

	before := f.lists.Load()
	start := time.Now()
	list, err := c.List(ctx, "", registry.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if f.lists.Load() == before {
		t.Errorf("answered from a cache at %d, want the inner storage at 14", cacheRV(c))
	}
	if list.ResourceVersion != "14" || len(list.Items) != 1 {
		t.Errorf("list = %d items at %s, want 1 at 14", len(list.Items), list.ResourceVersion)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("fallback took %v, want about the 50ms FreshTimeout", d)
	}
}

// checkedFake is the fake with registry.Store's FieldSelector check.
type checkedFake struct{ *fakeStorage }

func (checkedFake) FieldSelector(sel fields.Selector) (fields.Selector, error) {
	if sel == nil {
		return nil, nil
	}
	out, err := sel.Transform(func(field, value string) (string, string, error) {
		if !podAttrsFields[field] {
			return "", "", fmt.Errorf("field label not supported: %s", field)
		}
		return field, value, nil
	})
	if err != nil {
		return nil, apierrors.NewBadRequest(err.Error())
	}
	return out, nil
}

// podAttrsFields are the fields podAttrs sets.
var podAttrsFields = map[string]bool{"metadata.name": true, "metadata.namespace": true, "spec.nodeName": true}

// A list from memory refuses a field the kind cannot select on with the
// same 400 as the inner storage, whichever resourceVersion it asks for.
func TestListChecksFieldSelector(t *testing.T) {
	f := newFakeStorage()
	c := newCache(t, checkedFake{f}, Options{CurrentRevision: f.currentRevision})
	tests := []struct {
		name string
		rv   string
	}{
		{name: "consistent read", rv: ""},
		{name: "any copy", rv: "0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := f.lists.Load()
			_, err := c.List(context.Background(), "", registry.ListOptions{ResourceVersion: tc.rv, Field: fields.OneTermEqualSelector("spec.image", "nginx")})
			if apierrors.ReasonFor(err) != metav1.StatusReasonBadRequest || err.Error() != "field label not supported: spec.image" {
				t.Errorf("err = %v, want 400 field label not supported: spec.image", err)
			}
			if f.lists.Load() != before {
				t.Errorf("the inner storage was asked, want the cache to answer")
			}
		})
	}
}
