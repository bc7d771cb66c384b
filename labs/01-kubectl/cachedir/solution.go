//go:build lab && solution

package cachedir

import (
	"strings"
	"time"
)

// HostDir is the reference solution of lab 1.2.
func HostDir(serverURL string) string {
	s := serverURL
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			return r
		case strings.ContainsRune("._/()", r):
			return r
		}
		return '_'
	}, s)
}

// Fresh is the reference solution of lab 1.2.
func Fresh(modTime, now time.Time) bool {
	return now.Sub(modTime) < TTL
}
