// Where the discovery cache lives on disk.
//
// Interface:
//   - CacheDir(flag) picks the cache root: --cache-dir, else $KUBECACHEDIR,
//     else ~/.kube/cache; the same order as the upstream kubectl.
//   - ServerCacheDir(root, host) is the directory of one API server inside
//     it: <root>/discovery/<host with unsafe characters replaced>.
//
// Both kubectls compute the same directory for the same server, so they read
// each other's files (talk 001, "discovery cache under ~/.kube/cache/discovery",
// one folder per API server). diskcache.go reads and writes the files.
package discovery

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// DefaultTTL is how long a cache file is trusted after it was written: six
// hours, the value upstream kubectl passes to its cached discovery client.
const DefaultTTL = 6 * time.Hour

// EnvCacheDir names the environment variable that moves the cache root when
// --cache-dir is not given.
const EnvCacheDir = "KUBECACHEDIR"

// CacheDir returns the cache root. flagValue is the --cache-dir value ("" when
// the flag was not set); it wins over $KUBECACHEDIR, which wins over
// ~/.kube/cache. Without a home directory the default is the relative path
// .kube/cache, as upstream's homedir lookup yields.
func CacheDir(flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	if dir := os.Getenv(EnvCacheDir); dir != "" {
		return dir
	}
	home, _ := os.UserHomeDir()
	return filepath.Join(home, ".kube", "cache")
}

// unsafeFileChars matches what upstream considers unsafe in a directory
// name. It keeps word characters [A-Za-z0-9_], '/', '.', '(' and ')' (the
// parentheses are inside upstream's character class), so ':' and '-' become
// '_' while a path in the server URL still makes nested directories.
var unsafeFileChars = regexp.MustCompile(`[^(\w/.)]`)

// ServerCacheDir returns the directory holding one server's discovery files:
// root/discovery/<host>, where host is the kubeconfig server URL with its
// http:// or https:// prefix removed and every unsafe character replaced by
// '_' ("https://127.0.0.1:6443" → "127.0.0.1_6443"). Two servers can share a
// directory only if their names differ in unsafe characters alone.
func ServerCacheDir(root, host string) string {
	schemeless := strings.Replace(host, "https://", "", 1)
	schemeless = strings.Replace(schemeless, "http://", "", 1)
	return filepath.Join(root, "discovery", unsafeFileChars.ReplaceAllString(schemeless, "_"))
}
