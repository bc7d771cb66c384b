//go:build !unix

// lockDir where flock(2) does not exist: an O_EXCL lock file (lock.go).

package pki

import "path/filepath"

// lockDir blocks until it has created dir/.pki.lock; unlock removes it.
// dir must exist.
func lockDir(dir string) (unlock func(), err error) {
	return createLock(filepath.Join(dir, lockFileName))
}
