package pki

import (
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Both locks let one holder in at a time: lockDir (flock on Unix) and the
// O_EXCL createLock used where flock does not exist.
func TestLocksExclude(t *testing.T) {
	tests := []struct {
		name string
		lock func(dir string) (func(), error)
	}{
		{name: "lockDir", lock: lockDir},
		{name: "createLock (O_EXCL)", lock: func(dir string) (func(), error) {
			return createLock(filepath.Join(dir, "excl.lock"))
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			var inside, maxInside atomic.Int32
			var wg sync.WaitGroup
			for range 8 {
				wg.Go(func() {
					unlock, err := tc.lock(dir)
					if err != nil {
						t.Error(err)
						return
					}
					n := inside.Add(1)
					for {
						m := maxInside.Load()
						if n <= m || maxInside.CompareAndSwap(m, n) {
							break
						}
					}
					time.Sleep(2 * time.Millisecond)
					inside.Add(-1)
					unlock()
				})
			}
			wg.Wait()
			if got := maxInside.Load(); got != 1 {
				t.Errorf("%d holders at once, want 1", got)
			}
		})
	}
}

// An O_EXCL lock file left by a process that died is broken once it is
// older than staleLockAge; a fresh one is waited for.
func TestCreateLockBreaksStaleLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "excl.lock")
	writeFile(t, path, nil)
	old := time.Now().Add(-2 * staleLockAge)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		unlock, err := createLock(path)
		if err == nil {
			unlock()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("createLock still waits on a stale lock file")
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("unlock left the lock file (stat: %v)", err)
	}
}
