// The file store under one server's cache directory.
//
// Interface:
//   - read(name): the bytes of a cache file if it is younger than the TTL
//     and, after invalidate, only if this process wrote it.
//   - write(name, doc): encode doc the way upstream does and replace the
//     file atomically (temporary file in the same directory, then rename),
//     directories 0750 and files 0660 like upstream.
//   - fresh(): true while every file read was one this process wrote; the
//     REST mapper retries a miss only when it is false.
//   - invalidate(): forget everything read so far; older files are ignored.
//
// Validity is the file's modification time plus the TTL, nothing else: a
// student can age the cache with `touch -d '7 hours ago'`. client.go decides
// which file holds what.
package discovery

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Permissions upstream's cached discovery client gives what it creates.
const (
	cacheDirPerm  os.FileMode = 0o750
	cacheFilePerm os.FileMode = 0o660
)

// errCacheInvalidated and errCacheExpired explain why read ignored a file
// that exists; callers treat them like a missing file.
var (
	errCacheInvalidated = errors.New("cache invalidated")
	errCacheExpired     = errors.New("cache expired")
)

// diskCache is a directory of JSON files with a time to live.
type diskCache struct {
	dir string        // one server's directory (ServerCacheDir); "" keeps nothing
	ttl time.Duration // a file older than this is expired
	now func() time.Time

	mu sync.Mutex
	// ours holds the paths this process wrote since the last invalidate;
	// they are trusted even after invalidate.
	ours map[string]bool
	// invalidated is set by invalidate: files not in ours are ignored.
	invalidated bool
	// isFresh stays true while every file read was in ours.
	isFresh bool
}

func newDiskCache(dir string, ttl time.Duration) *diskCache {
	return &diskCache{dir: dir, ttl: ttl, now: time.Now, ours: map[string]bool{}, isFresh: true}
}

// path joins name (slash-separated, relative) to the cache directory.
func (c *diskCache) path(name string) string {
	return filepath.Join(c.dir, filepath.FromSlash(name))
}

// read returns the content of name. It fails when the file is missing,
// older than the TTL, or was not written by this process since invalidate.
// A cache without a directory holds nothing.
func (c *diskCache) read(name string) ([]byte, error) {
	if c.dir == "" {
		return nil, os.ErrNotExist
	}
	p := c.path(name)
	c.mu.Lock()
	ours := c.ours[p]
	if c.invalidated && !ours {
		c.mu.Unlock()
		return nil, errCacheInvalidated
	}
	c.mu.Unlock()

	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if c.now().After(info.ModTime().Add(c.ttl)) {
		return nil, errCacheExpired
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, err
	}

	c.mu.Lock()
	defer c.mu.Unlock()
	c.isFresh = c.isFresh && ours
	return data, nil
}

// write stores doc under name. Documents are encoded as upstream's codec
// does: compact JSON ending in a newline.
func (c *diskCache) write(name string, doc any) error {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(doc); err != nil {
		return fmt.Errorf("encode %s: %w", name, err)
	}
	return c.writeRaw(name, buf.Bytes())
}

// writeRaw stores data under name. Readers never see a half-written file:
// the data goes to a temporary file beside the target, which is then renamed
// over it (a rename within one directory is atomic on POSIX systems). A
// cache without a directory drops the data.
func (c *diskCache) writeRaw(name string, data []byte) error {
	if c.dir == "" {
		return nil
	}
	p := c.path(name)
	if err := os.MkdirAll(filepath.Dir(p), cacheDirPerm); err != nil {
		return fmt.Errorf("create cache directory: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), filepath.Base(p)+".")
	if err != nil {
		return fmt.Errorf("create cache file: %w", err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing to remove
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write cache file %s: %w", p, err)
	}
	if err := tmp.Chmod(cacheFilePerm); err != nil {
		tmp.Close()
		return fmt.Errorf("chmod cache file %s: %w", p, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("close cache file %s: %w", p, err)
	}

	c.mu.Lock()
	defer c.mu.Unlock()
	if err := os.Rename(tmp.Name(), p); err != nil {
		return fmt.Errorf("replace cache file %s: %w", p, err)
	}
	c.ours[p] = true
	return nil
}

// fresh reports whether everything read so far was written by this process,
// i.e. whether a miss could be cured by asking the server again (false) or
// not (true).
func (c *diskCache) fresh() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.isFresh
}

// invalidate makes read ignore every file this process has not written
// from now on.
func (c *diskCache) invalidate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ours = map[string]bool{}
	c.isFresh = true
	c.invalidated = true
}
