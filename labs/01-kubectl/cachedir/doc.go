// Package cachedir is lab 1.2: where kubectl keeps what discovery taught it,
// and for how long.
//
// Talk 001, "Client Interactions": the client caches the server's API paths
// under ~/.kube/cache/discovery, one folder per API server. Run
// `kubectl get pods -v 6` twice against a server and compare: the second run
// sends no discovery request. Two small functions decide that:
//
//   - HostDir turns a server URL into the folder name
//     ("https://127.0.0.1:6443" → "127.0.0.1_6443").
//   - Fresh says whether a cache file written at some time may still be used.
//
// Compare your answers with stages/01-kubectl/discovery/cachedir.go:ServerCacheDir
// and diskcache.go, after writing your own in cachedir.go.
package cachedir

import "time"

// TTL is how long the upstream kubectl trusts a discovery cache file.
const TTL = 6 * time.Hour
