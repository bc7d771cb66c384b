package storage_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage/etcdtest"
)

// setData returns an UpdateFunc that replaces the "k" data value.
func setData(value string) storage.UpdateFunc {
	return func(current []byte, rv int64) ([]byte, error) {
		return []byte(strings.Replace(string(current), `"data":{"k":"v"}`, `"data":{"k":"`+value+`"}`, 1)), nil
	}
}

// Talk 004, step 6 ("update objects"): an update writes a new revision
// and hands back the object with it.
func TestGuaranteedUpdate(t *testing.T) {
	s := etcdtest.NewStore(t)
	rv := mustCreate(t, s, "web")
	key := s.Key("configmaps", "default", "web")

	var seenRV int64
	updated, newRV, err := s.GuaranteedUpdate(t.Context(), key, storage.UpdateOptions{}, func(current []byte, rv int64) ([]byte, error) {
		seenRV = rv
		return setData("w")(current, rv)
	})
	if err != nil {
		t.Fatalf("GuaranteedUpdate: %v", err)
	}
	if seenRV != rv {
		t.Errorf("tryUpdate saw rv %d, want %d", seenRV, rv)
	}
	if newRV <= rv || rvOf(t, updated) != strconv.FormatInt(newRV, 10) || !strings.Contains(string(updated), `"k":"w"`) {
		t.Errorf("update returned %s at %d", updated, newRV)
	}
	raw, _ := s.Client().Get(t.Context(), key)
	if strings.Contains(string(raw.Kvs[0].Value), "resourceVersion") {
		t.Errorf("stored value contains resourceVersion: %s", raw.Kvs[0].Value)
	}
}

// A writer that lost the race retries on the fresh copy, so no change is
// lost: two updates started from the same read both land.
func TestGuaranteedUpdateRetriesLostRace(t *testing.T) {
	s := etcdtest.NewStore(t)
	mustCreate(t, s, "web")
	key := s.Key("configmaps", "default", "web")
	attempts := 0
	_, _, err := s.GuaranteedUpdate(t.Context(), key, storage.UpdateOptions{}, func(current []byte, rv int64) ([]byte, error) {
		attempts++
		if attempts == 1 { // another writer gets in between our read and our write
			if _, _, err := s.GuaranteedUpdate(context.Background(), key, storage.UpdateOptions{}, setData("other")); err != nil {
				t.Fatal(err)
			}
		}
		return []byte(strings.Replace(string(current), `"data":{`, `"data":{"mine":"yes",`, 1)), nil
	})
	if err != nil || attempts != 2 {
		t.Fatalf("err = %v after %d attempts, want success after 2", err, attempts)
	}
	got, _, _ := s.Get(t.Context(), key, storage.GetOptions{})
	if !strings.Contains(string(got), `"mine":"yes","k":"other"`) {
		t.Errorf("final object %s lost one of the writes", got)
	}
}

// Many concurrent increments through compare-and-swap: none is lost.
func TestGuaranteedUpdateConcurrent(t *testing.T) {
	s := etcdtest.NewStore(t)
	key := s.Key("configmaps", "default", "counter")
	if _, _, err := s.Create(t.Context(), key, []byte(`{"metadata":{"name":"counter"},"n":0}`)); err != nil {
		t.Fatal(err)
	}
	const writers, each = 4, 10
	var wg sync.WaitGroup
	for range writers {
		wg.Go(func() {
			for range each {
				_, _, err := s.GuaranteedUpdate(context.Background(), key, storage.UpdateOptions{}, increment)
				if err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	got, _, _ := s.Get(t.Context(), key, storage.GetOptions{})
	if want := `"n":` + strconv.Itoa(writers*each); !strings.Contains(string(got), want) {
		t.Errorf("counter = %s, want %s", got, want)
	}
}

// increment adds one to the top-level "n" field.
func increment(current []byte, _ int64) ([]byte, error) {
	s := string(current)
	i := strings.Index(s, `"n":`) + 4
	j := i + strings.IndexAny(s[i:], ",}")
	n, err := strconv.Atoi(s[i:j])
	if err != nil {
		return nil, err
	}
	return []byte(s[:i] + strconv.Itoa(n+1) + s[j:]), nil
}

// A client that names the version it edited gets 409 Conflict, worded as
// upstream, when someone else changed the object first.
func TestGuaranteedUpdateStale(t *testing.T) {
	s := etcdtest.NewStore(t)
	rv := mustCreate(t, s, "web")
	key := s.Key("configmaps", "default", "web")
	stale := strconv.FormatInt(rv, 10)
	if _, _, err := s.GuaranteedUpdate(t.Context(), key, storage.UpdateOptions{}, setData("first")); err != nil {
		t.Fatal(err)
	}
	calls := 0
	_, _, err := s.GuaranteedUpdate(t.Context(), key, storage.UpdateOptions{Preconditions: storage.Preconditions{ResourceVersion: stale}},
		func(current []byte, rv int64) ([]byte, error) { calls++; return current, nil })
	if !errors.Is(err, storage.ErrConflict) || storage.AsError(err).Detail != storage.OptimisticLockErrorMsg {
		t.Fatalf("err = %v, want ErrConflict with %q", err, storage.OptimisticLockErrorMsg)
	}
	if calls != 0 {
		t.Errorf("tryUpdate ran %d times on a stale precondition, want 0", calls)
	}

	// The race variant: the object changes between our read and our write.
	_, current, _ := s.Get(t.Context(), key, storage.GetOptions{})
	_, _, err = s.GuaranteedUpdate(t.Context(), key, storage.UpdateOptions{Preconditions: storage.Preconditions{ResourceVersion: strconv.FormatInt(current, 10)}},
		func(cur []byte, rv int64) ([]byte, error) {
			if _, err := s.Client().Put(context.Background(), key, string(configMap("web"))); err != nil {
				t.Fatal(err)
			}
			return []byte(strings.Replace(string(cur), `"data":{`, `"data":{"late":"x",`, 1)), nil
		})
	if !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("race with precondition: err = %v, want ErrConflict", err)
	}
}

func TestGuaranteedUpdateEdgeCases(t *testing.T) {
	s := etcdtest.NewStore(t)
	ctx := t.Context()
	rv := mustCreate(t, s, "web")
	key := s.Key("configmaps", "default", "web")

	t.Run("no-op writes nothing", func(t *testing.T) {
		got, gotRV, err := s.GuaranteedUpdate(ctx, key, storage.UpdateOptions{}, func(current []byte, _ int64) ([]byte, error) {
			return current, nil
		})
		if err != nil || gotRV != rv || rvOf(t, got) != strconv.FormatInt(rv, 10) {
			t.Errorf("no-op update = rv %d, %v; want the unchanged rv %d", gotRV, err, rv)
		}
	})
	t.Run("missing key", func(t *testing.T) {
		_, _, err := s.GuaranteedUpdate(ctx, s.Key("configmaps", "default", "nope"), storage.UpdateOptions{}, setData("x"))
		if !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("err = %v, want ErrNotFound", err)
		}
	})
	t.Run("create on update", func(t *testing.T) {
		newKey := s.Key("configmaps", "default", "applied")
		got, gotRV, err := s.GuaranteedUpdate(ctx, newKey, storage.UpdateOptions{IgnoreNotFound: true}, func(current []byte, rv int64) ([]byte, error) {
			if current != nil || rv != 0 {
				t.Errorf("tryUpdate got %s at %d for a missing key, want nil at 0", current, rv)
			}
			return configMap("applied"), nil
		})
		if err != nil || gotRV == 0 || rvOf(t, got) != strconv.FormatInt(gotRV, 10) {
			t.Errorf("create on update = %s at %d, %v", got, gotRV, err)
		}
	})
	t.Run("create on update with a uid precondition", func(t *testing.T) {
		_, _, err := s.GuaranteedUpdate(ctx, s.Key("configmaps", "default", "absent"), storage.UpdateOptions{
			IgnoreNotFound: true, Preconditions: storage.Preconditions{UID: "uid-absent"},
		}, func([]byte, int64) ([]byte, error) { return configMap("absent"), nil })
		if !errors.Is(err, storage.ErrConflict) || !strings.Contains(err.Error(), "UID in object meta: ") {
			t.Errorf("err = %v, want a UID conflict: a missing object has no uid", err)
		}
	})
	t.Run("tryUpdate error is returned as is", func(t *testing.T) {
		invalid := errors.New("spec.replicas: Invalid value: -1")
		_, _, err := s.GuaranteedUpdate(ctx, key, storage.UpdateOptions{}, func([]byte, int64) ([]byte, error) { return nil, invalid })
		if err != invalid {
			t.Errorf("err = %v, want the tryUpdate error", err)
		}
	})
	t.Run("result must be an object", func(t *testing.T) {
		_, _, err := s.GuaranteedUpdate(ctx, key, storage.UpdateOptions{}, func([]byte, int64) ([]byte, error) { return []byte(`42`), nil })
		if !errors.Is(err, storage.ErrInvalidObject) {
			t.Errorf("err = %v, want ErrInvalidObject", err)
		}
	})
	t.Run("uid precondition", func(t *testing.T) {
		_, _, err := s.GuaranteedUpdate(ctx, key, storage.UpdateOptions{Preconditions: storage.Preconditions{UID: "someone-else"}}, setData("x"))
		if !errors.Is(err, storage.ErrConflict) || !strings.Contains(err.Error(), "UID in precondition: someone-else, UID in object meta: uid-web") {
			t.Errorf("err = %v, want a UID precondition conflict", err)
		}
	})
}
