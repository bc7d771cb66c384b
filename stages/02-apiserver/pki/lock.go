// Lock: one generator at a time per directory, across goroutines and
// processes, so two API servers started together on one data directory do
// not each write a CA and leave a certificate beside the other's key.
//
// Interface:
//   - lockDir(dir): take the directory's lock, blocking; returns the unlock
//     function. On Unix it is flock(2) on dir/.pki.lock (lock_unix.go): the
//     kernel drops the lock when the holder exits, even by a crash.
//   - createLock(path): the portable fallback used elsewhere (lock_other.go):
//     the lock is the existence of a file created with O_EXCL.
//
// Only generation takes the lock. Loading needs none, because every file
// is replaced by an atomic rename (files.go): a reader sees a whole old
// file or a whole new one.

package pki

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"
)

// lockFileName is created in every directory this package generates into.
// On Unix it stays after use: removing a flock file while another process
// waits on the old inode would let two holders in.
const lockFileName = ".pki.lock"

// staleLockAge is how old an O_EXCL lock file must be before createLock
// decides its holder died. Generating a key and a certificate takes
// milliseconds, so a lock this old was left behind by a crash.
const staleLockAge = 30 * time.Second

// createLock takes the lock path by creating it with O_EXCL, which fails
// when the file exists, polling until it can. A lock file older than
// staleLockAge is removed first. Two waiters may both remove the same stale
// file; that needs a crash to happen first, and flock (used on Unix) has no
// such gap.
func createLock(path string) (unlock func(), err error) {
	for {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err == nil {
			f.Close()
			return func() { os.Remove(path) }, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		if fi, err := os.Stat(path); err == nil && time.Since(fi.ModTime()) > staleLockAge {
			os.Remove(path) // left by a process that died holding it
			continue
		}
		time.Sleep(5 * time.Millisecond)
	}
}
