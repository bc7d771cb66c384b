package discovery

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Files are written whole or not at all (temporary file, then rename),
// with upstream's permissions: directories 0750, files 0660.
func TestDiskCacheWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "discovery", "127.0.0.1_6443")
	c := newDiskCache(dir, DefaultTTL)
	if err := c.write("apps/v1/serverresources.json", map[string]string{"kind": "APIResourceList"}); err != nil {
		t.Fatalf("write: %v", err)
	}
	p := filepath.Join(dir, "apps", "v1", "serverresources.json")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(data), "{\"kind\":\"APIResourceList\"}\n"; got != want {
		t.Errorf("content = %q, want %q", got, want)
	}
	info, _ := os.Stat(p)
	if perm := info.Mode().Perm(); perm != 0o660 {
		t.Errorf("file mode = %o, want 660", perm)
	}
	dinfo, _ := os.Stat(filepath.Dir(p))
	if perm := dinfo.Mode().Perm(); perm&^0o750 != 0 {
		t.Errorf("directory mode = %o, want at most 750", perm)
	}
	entries, _ := os.ReadDir(filepath.Dir(p))
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries, want only the cache file (no temporary left)", len(entries))
	}
}

// A file is valid for the TTL after its modification time; after
// invalidate, only files this process wrote since count, and fresh says
// whether everything read so far was written by this process.
func TestDiskCacheRead(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "servergroups.json")
	if err := os.WriteFile(old, []byte("{}"), 0o660); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		age     time.Duration
		wantErr error
	}{
		{"young file", time.Hour, nil},
		{"just inside the TTL", DefaultTTL - time.Minute, nil},
		{"expired", DefaultTTL + time.Minute, errCacheExpired},
	} {
		t.Run(tc.name, func(t *testing.T) {
			when := time.Now().Add(-tc.age)
			os.Chtimes(old, when, when)
			_, err := newDiskCache(dir, DefaultTTL).read("servergroups.json")
			if !errors.Is(err, tc.wantErr) {
				t.Errorf("read error = %v, want %v", err, tc.wantErr)
			}
		})
	}

	now := time.Now()
	os.Chtimes(old, now, now)
	c := newDiskCache(dir, DefaultTTL)
	if _, err := c.read("servergroups.json"); err != nil {
		t.Fatal(err)
	}
	if c.fresh() {
		t.Error("fresh after reading another process's file")
	}
	c.invalidate()
	if !c.fresh() {
		t.Error("not fresh right after invalidate")
	}
	if _, err := c.read("servergroups.json"); !errors.Is(err, errCacheInvalidated) {
		t.Errorf("read of an old file after invalidate: err = %v, want errCacheInvalidated", err)
	}
	if err := c.write("servergroups.json", map[string]any{}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.read("servergroups.json"); err != nil {
		t.Errorf("read of our own file after invalidate: %v", err)
	}
	if !c.fresh() {
		t.Error("reading our own file must keep the cache fresh")
	}
	if _, err := newDiskCache(dir, DefaultTTL).read("missing.json"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: err = %v", err)
	}
}

// Without a directory the cache holds nothing and writes nowhere.
func TestDiskCacheWithoutDirectory(t *testing.T) {
	c := newDiskCache("", DefaultTTL)
	if err := c.write("servergroups.json", map[string]any{}); err != nil {
		t.Fatalf("write: %v", err)
	}
	if _, err := c.read("servergroups.json"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("read error = %v, want not exist", err)
	}
}
