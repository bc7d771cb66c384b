// Path: the location of a field inside an object.
//
// Interface:
//   - NewPath(root, more...) starts a path; Child, Index and Key extend it.
//   - String renders it as Kubernetes does: a.b[0].c[key].
//
// Paths are immutable: extending one returns a new Path, so a validator can
// hand the same parent to several children safely.
package field

import (
	"strconv"
	"strings"
)

// Path is one step of a field path; the zero of a chain is its root. A nil
// *Path is the empty path and renders as "".
type Path struct {
	name   string // a field name; empty for an index or key step
	index  string // "[0]" or "[key]"; empty for a name step
	parent *Path
}

// NewPath returns the path root.more[0].more[1]...
func NewPath(root string, more ...string) *Path {
	p := &Path{name: root}
	for _, m := range more {
		p = p.Child(m)
	}
	return p
}

// Child returns the path of the named field (and its descendants) below p.
func (p *Path) Child(name string, more ...string) *Path {
	c := &Path{name: name, parent: p}
	for _, m := range more {
		c = c.Child(m)
	}
	return c
}

// Index returns the path of element i of the list at p.
func (p *Path) Index(i int) *Path {
	return &Path{index: "[" + strconv.Itoa(i) + "]", parent: p}
}

// Key returns the path of the entry with the given key of the map at p.
func (p *Path) Key(key string) *Path {
	return &Path{index: "[" + key + "]", parent: p}
}

// Root returns the first step of p.
func (p *Path) Root() *Path {
	for p != nil && p.parent != nil {
		p = p.parent
	}
	return p
}

// String renders p: names are joined by dots, indexes and keys in brackets.
func (p *Path) String() string {
	if p == nil {
		return ""
	}
	var steps []*Path
	for s := p; s != nil; s = s.parent {
		steps = append(steps, s)
	}
	var b strings.Builder
	for i := len(steps) - 1; i >= 0; i-- {
		s := steps[i]
		if s.index != "" {
			b.WriteString(s.index)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s.name)
	}
	return b.String()
}
