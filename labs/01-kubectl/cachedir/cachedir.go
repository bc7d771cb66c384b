//go:build lab && !solution

package cachedir

import "time"

// HostDir returns the cache folder name for the server at serverURL: the
// scheme dropped and every character other than letters, digits, '.', '_',
// '/', '(' and ')' replaced by '_' (':' becomes '_', for one).
func HostDir(serverURL string) string {
	// Lab 1.2: yours to write.
	return serverURL
}

// Fresh reports whether a file last written at modTime may be used at now.
func Fresh(modTime, now time.Time) bool {
	// Lab 1.2: yours to write.
	return false
}
