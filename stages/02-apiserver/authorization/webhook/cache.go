// Decision cache: recent webhook answers, keyed by the review's spec.
//
// Interface:
//   - newDecisionCache(); get(key, now); put(key, status, expires).
//
// The cache holds at most maxCacheEntries answers; when full, expired
// answers are dropped first, then arbitrary ones. Upstream uses an LRU of
// the same size.
package webhook

import (
	"sync"
	"time"

	authorizationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authorization/v1"
)

const maxCacheEntries = 8192

type cacheEntry struct {
	status  authorizationv1.SubjectAccessReviewStatus
	expires time.Time
}

// decisionCache is safe for concurrent use; mu guards entries.
type decisionCache struct {
	mu      sync.Mutex
	entries map[string]cacheEntry
}

func newDecisionCache() *decisionCache {
	return &decisionCache{entries: map[string]cacheEntry{}}
}

// get returns the answer cached for key, if it has not expired by now.
func (c *decisionCache) get(key string, now time.Time) (authorizationv1.SubjectAccessReviewStatus, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok || !now.Before(e.expires) {
		return authorizationv1.SubjectAccessReviewStatus{}, false
	}
	return e.status, true
}

// put caches status for key until expires.
func (c *decisionCache) put(key string, status authorizationv1.SubjectAccessReviewStatus, expires time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= maxCacheEntries {
		now := time.Now()
		for k, e := range c.entries {
			if !now.Before(e.expires) {
				delete(c.entries, k)
			}
		}
		for k := range c.entries {
			if len(c.entries) < maxCacheEntries {
				break
			}
			delete(c.entries, k)
		}
	}
	c.entries[key] = cacheEntry{status: status, expires: expires}
}
