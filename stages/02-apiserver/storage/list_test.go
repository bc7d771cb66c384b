package storage_test

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage/etcdtest"
)

// names returns metadata.name of each item.
func names(t *testing.T, items [][]byte) string {
	t.Helper()
	var out []string
	for _, item := range items {
		i := strings.Index(string(item), `"name":"`) + len(`"name":"`)
		out = append(out, string(item[i:i+strings.IndexByte(string(item[i:]), '"')]))
	}
	return strings.Join(out, ",")
}

// Talk 004, steps 3 and 4 ("fetch objects"): a controller lists a
// collection; the list's resourceVersion is where its watch starts.
func TestList(t *testing.T) {
	s := etcdtest.NewStore(t)
	ctx := t.Context()
	for _, name := range []string{"b", "a", "c"} {
		mustCreate(t, s, name)
	}
	_, last, err := s.Create(ctx, s.Key("configmaps", "kube-system", "z"), configMap("z"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, prefix, want string }{
		{"namespace, in key order", s.Prefix("configmaps", "default"), "a,b,c"},
		{"all namespaces", s.Prefix("configmaps", ""), "a,b,c,z"},
		{"empty collection", s.Prefix("secrets", ""), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page, err := s.List(ctx, tc.prefix, storage.ListOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got := names(t, page.Items); got != tc.want || page.Continue != "" || page.ResourceVersion != last {
				t.Errorf("List = %q (continue %q, rv %d), want %q at rv %d", got, page.Continue, page.ResourceVersion, tc.want, last)
			}
			for _, item := range page.Items {
				if rvOf(t, item) == "" {
					t.Errorf("item without resourceVersion: %s", item)
				}
			}
		})
	}
}

// Paging reads every page at the first page's revision: writes made
// between pages do not show, so the pages add up to one snapshot.
func TestListPagesAreOneSnapshot(t *testing.T) {
	s := etcdtest.NewStore(t)
	ctx := t.Context()
	for _, name := range []string{"a", "b", "c", "d", "e"} {
		mustCreate(t, s, name)
	}
	prefix := s.Prefix("configmaps", "default")
	first, err := s.List(ctx, prefix, storage.ListOptions{Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if got := names(t, first.Items); got != "a,b" || first.Continue == "" || first.RemainingItemCount == nil || *first.RemainingItemCount != 3 {
		t.Fatalf("page 1 = %q, continue %q, remaining %v; want a,b with 3 remaining", got, first.Continue, first.RemainingItemCount)
	}

	// Between pages: delete d, add f, change c.
	if _, _, err := s.Delete(ctx, s.Key("configmaps", "default", "d"), storage.Preconditions{}, nil); err != nil {
		t.Fatal(err)
	}
	mustCreate(t, s, "f")
	if _, _, err := s.GuaranteedUpdate(ctx, s.Key("configmaps", "default", "c"), storage.UpdateOptions{}, setData("new")); err != nil {
		t.Fatal(err)
	}

	var rest [][]byte
	for token := first.Continue; token != ""; {
		page, err := s.List(ctx, prefix, storage.ListOptions{Limit: 2, Continue: token})
		if err != nil {
			t.Fatal(err)
		}
		if page.ResourceVersion != first.ResourceVersion {
			t.Errorf("page at rv %d, want the first page's %d", page.ResourceVersion, first.ResourceVersion)
		}
		rest = append(rest, page.Items...)
		token = page.Continue
	}
	if got := names(t, rest); got != "c,d,e" {
		t.Errorf("later pages = %q, want the snapshot c,d,e", got)
	}
	if strings.Contains(string(rest[0]), `"k":"new"`) {
		t.Errorf("page shows c after the snapshot: %s", rest[0])
	}
	now, _ := s.List(ctx, prefix, storage.ListOptions{})
	if got := names(t, now.Items); got != "a,b,c,e,f" {
		t.Errorf("fresh list = %q, want a,b,c,e,f", got)
	}
}

// The Predicate (the REST layer's selectors) filters before the limit, so
// each page is full even when most objects do not match.
func TestListPredicate(t *testing.T) {
	s := etcdtest.NewStore(t)
	for i := range 12 {
		mustCreate(t, s, fmt.Sprintf("cm%02d", i))
	}
	everyThird := func(obj []byte) (bool, error) {
		return strings.Contains(string(obj), `"name":"cm00"`) || strings.Contains(string(obj), `"name":"cm03"`) ||
			strings.Contains(string(obj), `"name":"cm06"`) || strings.Contains(string(obj), `"name":"cm09"`), nil
	}
	var pages []string
	opts := storage.ListOptions{Limit: 2, Predicate: everyThird}
	for {
		page, err := s.List(t.Context(), s.Prefix("configmaps", ""), opts)
		if err != nil {
			t.Fatal(err)
		}
		if page.RemainingItemCount != nil {
			t.Errorf("RemainingItemCount = %d with a Predicate, want unset", *page.RemainingItemCount)
		}
		pages = append(pages, names(t, page.Items))
		if opts.Continue = page.Continue; opts.Continue == "" {
			break
		}
	}
	if got := strings.Join(pages, " | "); got != "cm00,cm03 | cm06,cm09 | " && got != "cm00,cm03 | cm06,cm09" {
		t.Errorf("pages = %q, want cm00,cm03 | cm06,cm09", got)
	}

	boom := errors.New("bad selector")
	if _, err := s.List(t.Context(), s.Prefix("configmaps", ""), storage.ListOptions{Predicate: func([]byte) (bool, error) { return false, boom }}); err != boom {
		t.Errorf("predicate error: got %v", err)
	}
}

// resourceVersion and resourceVersionMatch as upstream reads them.
func TestListResourceVersion(t *testing.T) {
	s := etcdtest.NewStore(t)
	ctx := t.Context()
	old := mustCreate(t, s, "a")
	head := mustCreate(t, s, "b")
	prefix := s.Prefix("configmaps", "")
	page, _ := s.List(ctx, prefix, storage.ListOptions{Limit: 1})
	token := page.Continue
	str := func(n int64) string { return strconv.FormatInt(n, 10) }
	for _, tc := range []struct {
		name      string
		opts      storage.ListOptions
		want      string
		wantRV    int64
		wantErr   error
		errDetail string
	}{
		{"unset: newest", storage.ListOptions{}, "a,b", head, nil, ""},
		{"0: any copy", storage.ListOptions{ResourceVersion: "0"}, "a,b", head, nil, ""},
		{"not older than an old revision", storage.ListOptions{ResourceVersion: str(old), ResourceVersionMatch: metav1.ResourceVersionMatchNotOlderThan}, "a,b", head, nil, ""},
		{"exact old revision", storage.ListOptions{ResourceVersion: str(old), ResourceVersionMatch: metav1.ResourceVersionMatchExact}, "a", old, nil, ""},
		{"legacy revision with limit reads exactly", storage.ListOptions{ResourceVersion: str(old), Limit: 5}, "a", old, nil, ""},
		{"legacy revision without limit reads newest", storage.ListOptions{ResourceVersion: str(old)}, "a,b", head, nil, ""},
		{"not older than the future", storage.ListOptions{ResourceVersion: str(head + 10), ResourceVersionMatch: metav1.ResourceVersionMatchNotOlderThan}, "", 0, storage.ErrTooLargeResourceVersion, ""},
		{"exactly the future", storage.ListOptions{ResourceVersion: str(head + 10), ResourceVersionMatch: metav1.ResourceVersionMatchExact}, "", 0, storage.ErrTooLargeResourceVersion, ""},
		{"match without resourceVersion", storage.ListOptions{ResourceVersionMatch: metav1.ResourceVersionMatchNotOlderThan}, "", 0, storage.ErrBadRequest, "resourceVersionMatch is forbidden unless resourceVersion is provided"},
		{"exact 0", storage.ListOptions{ResourceVersion: "0", ResourceVersionMatch: metav1.ResourceVersionMatchExact}, "", 0, storage.ErrBadRequest, `resourceVersionMatch "Exact" is forbidden`},
		{"unknown match", storage.ListOptions{ResourceVersion: "1", ResourceVersionMatch: "Newest"}, "", 0, storage.ErrBadRequest, `unknown resourceVersionMatch "Newest"`},
		{"continue with a resourceVersion", storage.ListOptions{ResourceVersion: str(old), Continue: token}, "", 0, storage.ErrBadRequest, "specifying resource version is not allowed when using continue"},
		{"malformed continue", storage.ListOptions{Continue: "xyz"}, "", 0, storage.ErrBadRequest, "invalid continue token"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page, err := s.List(ctx, prefix, tc.opts)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) || !strings.Contains(err.Error(), tc.errDetail) {
					t.Fatalf("err = %v, want %v mentioning %q", err, tc.wantErr, tc.errDetail)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := names(t, page.Items); got != tc.want || page.ResourceVersion != tc.wantRV {
				t.Errorf("List = %q at rv %d, want %q at rv %d", got, page.ResourceVersion, tc.want, tc.wantRV)
			}
		})
	}
}
