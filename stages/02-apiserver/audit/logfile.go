// The audit log file: where --audit-log-path points, with rotation.
//
// Interface:
//   - OpenLogFile(path, maxSizeMB, maxBackups): "-" is standard output;
//     any other path is appended to, and rotated when maxSizeMB > 0.
//
// Rotation renames the full file to <name>-<time><ext> beside it
// (audit-2026-11-25T10-15-30.123.log, the form upstream's lumberjack
// uses) and starts an empty one; past maxBackups the oldest go.
// Upstream's --audit-log-maxage (delete by age) is left out.
package audit

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// backupTimeFormat names rotated files; it sorts by time.
const backupTimeFormat = "2006-01-02T15-04-05.000"

// OpenLogFile opens the audit log at path for appending, creating it
// (mode 0600) and its directory (0700) if needed. path "-" is standard
// output, which Close leaves open. With maxSizeMB > 0 a write that would
// take the file past maxSizeMB megabytes first rotates it; maxBackups
// rotated files are kept (0: all). The result is not safe for
// concurrent use: LogBackend writes from one goroutine.
func OpenLogFile(path string, maxSizeMB, maxBackups int) (io.WriteCloser, error) {
	if path == "-" {
		return nopCloser{os.Stdout}, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("open audit log: %w", err)
	}
	f := &logFile{path: path, maxBytes: int64(maxSizeMB) << 20, maxBackups: maxBackups}
	if err := f.open(); err != nil {
		return nil, err
	}
	return f, nil
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// logFile is an append-only file that rotates past maxBytes.
type logFile struct {
	path       string
	maxBytes   int64 // 0: never rotate
	maxBackups int   // 0: keep every backup
	f          *os.File
	size       int64 // bytes in f
}

func (l *logFile) open() error {
	f, err := os.OpenFile(l.path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("open audit log: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return fmt.Errorf("open audit log: %w", err)
	}
	l.f, l.size = f, st.Size()
	return nil
}

// Write appends p, rotating first if p would not fit. A line is never
// split across files.
func (l *logFile) Write(p []byte) (int, error) {
	if l.maxBytes > 0 && l.size > 0 && l.size+int64(len(p)) > l.maxBytes {
		if err := l.rotate(); err != nil {
			return 0, err
		}
	}
	n, err := l.f.Write(p)
	l.size += int64(n)
	return n, err
}

// rotate renames the current file to a backup, opens a new one and
// removes backups past maxBackups.
func (l *logFile) rotate() error {
	if err := l.f.Close(); err != nil {
		return fmt.Errorf("rotate audit log: %w", err)
	}
	ext := filepath.Ext(l.path)
	backup := strings.TrimSuffix(l.path, ext) + "-" + time.Now().UTC().Format(backupTimeFormat) + ext
	if err := os.Rename(l.path, backup); err != nil {
		return fmt.Errorf("rotate audit log: %w", err)
	}
	if err := l.open(); err != nil {
		return fmt.Errorf("rotate audit log: %w", err)
	}
	return l.removeOldBackups()
}

// removeOldBackups keeps the newest maxBackups backups.
func (l *logFile) removeOldBackups() error {
	if l.maxBackups <= 0 {
		return nil
	}
	ext := filepath.Ext(l.path)
	backups, err := filepath.Glob(strings.TrimSuffix(l.path, ext) + "-*" + ext)
	if err != nil {
		return fmt.Errorf("rotate audit log: %w", err)
	}
	slices.Sort(backups) // the time in the name sorts oldest first
	for len(backups) > l.maxBackups {
		if err := os.Remove(backups[0]); err != nil {
			return fmt.Errorf("rotate audit log: %w", err)
		}
		backups = backups[1:]
	}
	return nil
}

// Close closes the file.
func (l *logFile) Close() error { return l.f.Close() }
