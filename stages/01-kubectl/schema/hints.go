// Hints: what to say after `unknown field "..."` so the fix is obvious.
//
// Interface:
//   - walker.unknownHint(view, key, path) returns "" or one sentence, and
//     the schema of the place the field probably belongs, if found; the
//     sentence names that place as it would be once every misplaced
//     field above it is moved home (walker.logical).
//
// Two mistakes cause almost every unknown field. A typo: "imagePullPolicyy"
// is one edit away from a field the object has. And indentation: talk 002's
// Deployment dedents the pod's "spec:" by one level, so "spec" lands in the
// Deployment's spec, where the schema has no such field, while a field of
// that name does exist two levels further down (spec.template.spec). The
// first is found by edit distance against the known fields, the second by a
// breadth-first search of the fields below, a few levels deep.
package schema

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// hintDepth is how many levels below an unknown field's parent the search
// for its proper place goes; talk 002's "spec" belongs two levels down.
const hintDepth = 3

// unknownHint explains an unknown field key of the object at p, whose schema
// is vw. When key is a field of an object further down, it also returns
// that field's schema: the walk then checks the misplaced value as if it
// were in its place, so that a dedented pod spec still has its containers
// and images checked (at the path where they actually are).
func (w *walker) unknownHint(vw view, key string, p *field.Path) (hint string, home *Schema) {
	if near := nearest(key, slices.Sorted(maps.Keys(vw.properties))); near != "" {
		return fmt.Sprintf("did you mean %q?", near), nil
	}
	if at, s := w.findBelow(vw, key, p); s != nil {
		// Name the place in the object as it should be: below a subtree
		// that is itself misplaced, that is below where the subtree
		// belongs (spec.template.spec.containers[*]), not below where it
		// stands (spec.spec.containers[*], which would not exist either).
		at = w.logical(at)
		w.moved = append(w.moved, move{from: p.Child(key).String(), to: at + "." + key})
		return fmt.Sprintf("check the indentation: %q is a field of %s", key, at), s
	}
	return "", nil
}

// move records a misplaced subtree: found at path from, checked as if it
// were at path to.
type move struct{ from, to string }

// logical rewrites path, a place in the object as written, to where it
// would be once the misplaced subtrees above it are moved home. The
// latest (deepest) move that contains path applies; moves are recorded
// outside in, each already in logical terms.
func (w *walker) logical(path string) string {
	for i := len(w.moved) - 1; i >= 0; i-- {
		m := w.moved[i]
		if path == m.from {
			return m.to
		}
		if rest, ok := strings.CutPrefix(path, m.from); ok && (rest[0] == '.' || rest[0] == '[') {
			return m.to + rest
		}
	}
	return path
}

// nearest returns the known name closest to key by edit distance, ignoring
// case, if it is close enough to be a typo: one edit for short names, two
// for longer ones. Ties go to the first name in known's order.
func nearest(key string, known []string) string {
	limit := 1
	if len(key) > 5 {
		limit = 2
	}
	best, bestDist := "", limit+1
	for _, name := range known {
		if d := editDistance(strings.ToLower(key), strings.ToLower(name)); d < bestDist {
			best, bestDist = name, d
		}
	}
	return best
}

// editDistance is the number of single-byte insertions, deletions,
// substitutions and swaps of neighbours that turn a into b (the "optimal
// string alignment" distance): "nmae" is one swap from "name".
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// findBelow searches the objects below the one at p, breadth first and in
// sorted order, for the shallowest one that has a field named key, and
// returns that object's path (lists shown as name[*]) and the field's
// schema, or a nil schema.
func (w *walker) findBelow(vw view, key string, p *field.Path) (string, *Schema) {
	type node struct {
		v view
		p *field.Path
	}
	level := []node{{vw, p}}
	for depth := 0; depth < hintDepth && len(level) > 0; depth++ {
		var next []node
		for _, n := range level {
			for _, name := range slices.Sorted(maps.Keys(n.v.properties)) {
				child := w.doc.resolve(n.v.properties[name])
				cp := n.p.Child(name)
				if child.typ == "array" && child.items != nil {
					child, cp = w.doc.resolve(child.items), cp.Key("*")
				}
				if s, ok := child.properties[key]; ok {
					return cp.String(), s
				}
				if child.properties != nil {
					next = append(next, node{child, cp})
				}
			}
		}
		level = next
	}
	return "", nil
}
