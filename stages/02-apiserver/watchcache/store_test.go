package watchcache

import (
	"slices"
	"strconv"
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// The ring keeps the last Capacity events; a watch may resume from any
// resourceVersion at or after the last one pushed out, and gets 410 Expired
// before it (talk 004, step 3: the informer then lists again).
func TestRing(t *testing.T) {
	s := newStore(3, DefaultAttrs)
	s.replace(nil, 10)
	for rv := int64(11); rv <= 15; rv++ {
		p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: "p" + strconv.FormatInt(rv, 10), ResourceVersion: strconv.FormatInt(rv, 10)}}
		if ev, _ := s.apply(metav1.Added, p, rv); ev == nil {
			t.Fatalf("apply %d: ignored", rv)
		}
	}
	if ev, _ := s.apply(metav1.Added, &corev1.Pod{}, 15); ev != nil {
		t.Errorf("apply at the current resourceVersion: got an event, want it ignored")
	}
	tests := []struct {
		name    string
		from    int64
		want    []int64
		expired string
	}{
		{name: "before the last event pushed out", from: 11, expired: "too old resource version: 11 (12)"},
		{name: "at the last event pushed out", from: 12, want: []int64{13, 14, 15}},
		{name: "inside the ring", from: 14, want: []int64{15}},
		{name: "at the newest", from: 15, want: []int64{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := &watcher{}
			first, start, err := s.register(w, false, tc.from)
			defer s.unregister(w)
			if tc.expired != "" {
				if apierrors.ReasonFor(err) != metav1.StatusReasonExpired || err.Error() != tc.expired {
					t.Fatalf("err = %v, want 410 %q", err, tc.expired)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := []int64{}
			for _, ev := range first {
				got = append(got, ev.rv)
			}
			if !slices.Equal(got, tc.want) || start != 15 {
				t.Errorf("replay = %v starting at %d, want %v starting at 15", got, start, tc.want)
			}
		})
	}
}

// Objects and their state follow the events: a modification replaces,
// a delete removes, and each event remembers the version before it.
func TestStoreApply(t *testing.T) {
	s := newStore(8, DefaultAttrs)
	s.replace(nil, 1)
	version := func(rv int64, app string) *corev1.Pod {
		return &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: "a", Labels: map[string]string{"app": app}, ResourceVersion: strconv.FormatInt(rv, 10)}}
	}
	s.apply(metav1.Added, version(2, "web"), 2)
	mod, _ := s.apply(metav1.Modified, version(3, "db"), 3)
	if mod.prev == nil || mod.prev.labels["app"] != "web" || mod.cur.labels["app"] != "db" {
		t.Errorf("MODIFIED: prev %v, cur %v; want app=web then app=db", mod.prev, mod.cur)
	}
	if objs, rv := s.list(""); len(objs) != 1 || rv != 3 {
		t.Errorf("after modify: %d objects at %d, want 1 at 3", len(objs), rv)
	}
	del, _ := s.apply(metav1.Deleted, version(4, "db"), 4)
	if del.prev != mod.cur {
		t.Errorf("DELETED: prev is not the last stored version")
	}
	if objs, rv := s.list(""); len(objs) != 0 || rv != 4 {
		t.Errorf("after delete: %d objects at %d, want 0 at 4", len(objs), rv)
	}
}

// A list from memory comes in etcd's key order, <namespace>/<name>, even
// where that differs from ordering by namespace first.
func TestKeyLess(t *testing.T) {
	tests := []struct {
		name string
		a, b registry.Key
		want bool
	}{
		{name: "same namespace, by name", a: registry.Key{Namespace: "ns", Name: "a"}, b: registry.Key{Namespace: "ns", Name: "b"}, want: true},
		{name: "same key", a: registry.Key{Namespace: "ns", Name: "a"}, b: registry.Key{Namespace: "ns", Name: "a"}, want: false},
		{name: "by namespace", a: registry.Key{Namespace: "a", Name: "z"}, b: registry.Key{Namespace: "b", Name: "a"}, want: true},
		{name: "a-b/y before a/x, as etcd", a: registry.Key{Namespace: "a-b", Name: "y"}, b: registry.Key{Namespace: "a", Name: "x"}, want: true},
		{name: "a/x after a-b/y", a: registry.Key{Namespace: "a", Name: "x"}, b: registry.Key{Namespace: "a-b", Name: "y"}, want: false},
		{name: "a/x before ab/y", a: registry.Key{Namespace: "a", Name: "x"}, b: registry.Key{Namespace: "ab", Name: "y"}, want: true},
		{name: "cluster-scoped, by name", a: registry.Key{Name: "n1"}, b: registry.Key{Name: "n2"}, want: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := keyLess(tc.a, tc.b); got != tc.want {
				t.Errorf("keyLess(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.want)
			}
		})
	}
}
