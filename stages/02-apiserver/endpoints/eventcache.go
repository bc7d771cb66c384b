// Event cache: encode a watch event once for all its watchers.
//
// Interface:
//   - eventCache.line(ev, gvk, encode) returns the encoded line of ev,
//     calling encode only if no watcher has encoded this very object, as
//     this event type, before.
//
// The watch cache (stages/02-apiserver/watchcache) hands the same object
// to every watcher of a resource; a thousand `kubectl get -w` and
// informers would otherwise marshal it a thousand times. Upstream keeps the
// encoding on the object itself (CachingObject); here a small ring of the
// latest events, keyed by the object's identity, does the same job for
// the plain JSON format. Objects from the registry are never modified once
// handed out (encode.go only ever writes to copies), so identity is
// enough, and an entry's reference keeps its object from being freed and
// its address reused.
package endpoints

import (
	"sync"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// eventCacheSize is how many recent events are remembered: enough for a
// burst that watchers read at slightly different paces.
const eventCacheSize = 64

// eventCache is safe for concurrent use.
type eventCache struct {
	mu      sync.Mutex
	entries [eventCacheSize]cachedEvent
	next    int
}

type cachedEvent struct {
	obj  metav1.Object
	typ  string
	gvk  metav1.GroupVersionKind
	line []byte
}

// line returns the encoded line of the event (typ, obj) written as gvk,
// from the cache or from encode. Callers must not modify the result.
func (c *eventCache) line(typ string, obj metav1.Object, gvk metav1.GroupVersionKind, encode func() ([]byte, error)) ([]byte, error) {
	c.mu.Lock()
	for _, e := range c.entries {
		if e.obj == obj && e.typ == typ && e.gvk == gvk && e.line != nil {
			c.mu.Unlock()
			return e.line, nil
		}
	}
	c.mu.Unlock()
	// Encode outside the lock: two watchers may both encode a new event,
	// which costs one extra encoding and no waiting.
	line, err := encode()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.entries[c.next] = cachedEvent{obj: obj, typ: typ, gvk: gvk, line: line}
	c.next = (c.next + 1) % eventCacheSize
	c.mu.Unlock()
	return line, nil
}
