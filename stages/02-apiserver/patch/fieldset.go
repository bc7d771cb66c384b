// Field sets: the "which fields" half of managedFields.
//
// Interface:
//   - fieldPath is one field of an object, a list of path elements as
//     FieldsV1 spells them: "f:spec" (a field or map key),
//     `k:{"name":"nginx"}` (the item of a keyed list), `v:"example.com/x"`
//     (a value of a set-like list). Its String is upstream's notation,
//     `.spec.template.spec.containers[name="nginx"].image`, which conflict
//     messages print.
//   - fieldSet is a set of paths with union, difference, intersection.
//   - fieldSet.fieldsV1() and parseFieldsV1 convert to and from the JSON
//     tree stored in metadata.managedFields[].fieldsV1.
//
// In the tree each path element is a key; a leaf is {}; a node that is
// itself in the set and also has members beneath it holds ".": {}:
//
//	{"f:metadata":{"f:labels":{".":{},"f:app":{}}},
//	 "f:spec":{"f:replicas":{},"f:template":{"f:spec":{"f:containers":
//	   {"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:name":{}}}}}}}
//
// Here metadata.labels itself is owned (whoever created the map), and so is
// the container item as a whole, besides the fields inside them.

package patch

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// fieldPath is a path of FieldsV1 elements. Treat it as immutable: child
// returns a new path.
type fieldPath []string

// child returns p extended by element e, sharing nothing with p.
func (p fieldPath) child(e string) fieldPath {
	return append(slices.Clip(p), e)
}

// hasPrefix reports whether q is p or one of its ancestors.
func (p fieldPath) hasPrefix(q fieldPath) bool {
	return len(q) <= len(p) && slices.Equal(p[:len(q)], q)
}

// key is a string that identifies p in a map: each element preceded by
// its length, so no two paths share one. (The elements as a JSON array
// did the same at several times the cost, and a create inserts a path
// for every field of its object.)
func (p fieldPath) key() string {
	size := 0
	for _, e := range p {
		size += len(e) + 4
	}
	b := make([]byte, 0, size)
	for _, e := range p {
		b = strconv.AppendInt(b, int64(len(e)), 10)
		b = append(b, ':')
		b = append(b, e...)
	}
	return string(b)
}

// String renders p as upstream's fieldpath does: ".spec.replicas",
// `[name="nginx"]` for a keyed item, `[="x"]` for a set value.
func (p fieldPath) String() string {
	var b strings.Builder
	for _, e := range p {
		kind, rest, _ := strings.Cut(e, ":")
		switch kind {
		case "f":
			b.WriteString("." + rest)
		case "k":
			var fields map[string]any
			if err := json.Unmarshal([]byte(rest), &fields); err != nil {
				b.WriteString("[" + rest + "]")
				continue
			}
			var parts []string
			for _, name := range sortedKeys(fields) {
				parts = append(parts, name+"="+jsonString(fields[name]))
			}
			b.WriteString("[" + strings.Join(parts, ",") + "]")
		case "v":
			b.WriteString("[=" + rest + "]")
		default:
			b.WriteString("[" + rest + "]")
		}
	}
	return b.String()
}

// Path elements of each kind.
func fieldElement(name string) string { return "f:" + name }
func keyElement(mergeKey string, v any) string {
	return "k:{" + jsonString(mergeKey) + ":" + jsonString(v) + "}"
}
func valueElement(v any) string { return "v:" + jsonString(v) }

// fieldSet is a set of field paths.
type fieldSet map[string]fieldPath

func (s fieldSet) insert(p fieldPath) { s[p.key()] = p }

func (s fieldSet) has(p fieldPath) bool { _, ok := s[p.key()]; return ok }

// union returns the paths in s or o.
func (s fieldSet) union(o fieldSet) fieldSet {
	out := make(fieldSet, len(s)+len(o))
	for k, p := range s {
		out[k] = p
	}
	for k, p := range o {
		out[k] = p
	}
	return out
}

// difference returns the paths in s and not in o.
func (s fieldSet) difference(o fieldSet) fieldSet {
	out := fieldSet{}
	for k, p := range s {
		if _, ok := o[k]; !ok {
			out[k] = p
		}
	}
	return out
}

// intersection returns the paths in both s and o.
func (s fieldSet) intersection(o fieldSet) fieldSet {
	out := fieldSet{}
	for k, p := range s {
		if _, ok := o[k]; ok {
			out[k] = p
		}
	}
	return out
}

// ownsWithin reports whether s holds p or a path beneath it.
func (s fieldSet) ownsWithin(p fieldPath) bool {
	for _, q := range s {
		if q.hasPrefix(p) {
			return true
		}
	}
	return false
}

// sorted returns the paths in FieldsV1 order (see comparePaths).
func (s fieldSet) sorted() []fieldPath {
	out := make([]fieldPath, 0, len(s))
	for _, p := range s {
		out = append(out, p)
	}
	slices.SortFunc(out, comparePaths)
	return out
}

// comparePaths orders paths element by element: fields before keyed items
// before set values before indexes, as upstream's fieldpath; within a
// kind, by text (numerically for indexes).
func comparePaths(a, b fieldPath) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if c := compareElements(a[i], b[i]); c != 0 {
			return c
		}
	}
	return len(a) - len(b)
}

func compareElements(a, b string) int {
	rank := func(e string) int { return strings.Index("fkvi", e[:1]) }
	if ra, rb := rank(a), rank(b); ra != rb {
		return ra - rb
	}
	if strings.HasPrefix(a, "i:") {
		x, _ := strconv.Atoi(a[2:])
		y, _ := strconv.Atoi(b[2:])
		return x - y
	}
	return strings.Compare(a, b)
}

// fieldsNode is one node of the FieldsV1 tree.
type fieldsNode struct {
	member   bool
	children map[string]*fieldsNode
}

// fieldsV1 returns s as the FieldsV1 JSON tree, in upstream's order:
// "." first, then fields, keyed items, set values and indexes.
func (s fieldSet) fieldsV1() []byte {
	return s.tree().bytes(compareElements)
}

// fieldsV1JSON returns s as the FieldsV1 tree that metadata.managedFields
// ends up holding: writeManagers stores the tree as a JSON object, which
// encoding/json writes with its keys in byte order. The same bytes are
// written here directly, for UpdateManagedFields.
func (s fieldSet) fieldsV1JSON() []byte {
	return s.tree().bytes(strings.Compare)
}

// tree returns s as a tree of path elements.
func (s fieldSet) tree() *fieldsNode {
	root := &fieldsNode{}
	for _, p := range s {
		n := root
		for _, e := range p {
			if n.children == nil {
				n.children = map[string]*fieldsNode{}
			}
			c, ok := n.children[e]
			if !ok {
				c = &fieldsNode{}
				n.children[e] = c
			}
			n = c
		}
		n.member = true
	}
	return root
}

// bytes writes the tree under n as JSON, each node's children in the
// order of cmp ("." sorts before them all in either order).
func (n *fieldsNode) bytes(cmp func(a, b string) int) []byte {
	var b bytes.Buffer
	// One encoder for every name, writing straight into b: encode's own
	// buffer and encoder per name were most of this function's garbage.
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // as encode
	n.write(&b, enc, cmp)
	return b.Bytes()
}

// write appends the tree under n to b, its names encoded by enc (which
// writes to b).
func (n *fieldsNode) write(b *bytes.Buffer, enc *json.Encoder, cmp func(a, b string) int) {
	b.WriteByte('{')
	if n.member && len(n.children) > 0 {
		b.WriteString(`".":{}`)
	}
	names := make([]string, 0, len(n.children))
	for e := range n.children {
		names = append(names, e)
	}
	slices.SortFunc(names, cmp)
	for i, e := range names {
		if i > 0 || (n.member && len(n.children) > 0) {
			b.WriteByte(',')
		}
		_ = enc.Encode(e)       // a string always encodes
		b.Truncate(b.Len() - 1) // the newline Encode ends with
		b.WriteByte(':')
		n.children[e].write(b, enc, cmp)
	}
	b.WriteByte('}')
}

// errBadFieldsV1 wraps every malformed managedFields tree.
var errBadFieldsV1 = errors.New("invalid fieldsV1")

// parseFieldsV1 reads a FieldsV1 JSON tree.
func parseFieldsV1(raw []byte) (fieldSet, error) {
	var tree map[string]any
	if err := json.Unmarshal(raw, &tree); err != nil {
		return nil, fmt.Errorf("%w: %v", errBadFieldsV1, err)
	}
	s := fieldSet{}
	if err := s.readTree(nil, tree); err != nil {
		return nil, err
	}
	return s, nil
}

func (s fieldSet) readTree(prefix fieldPath, tree map[string]any) error {
	for e, v := range tree {
		if e == "." {
			if len(prefix) > 0 {
				s.insert(prefix)
			}
			continue
		}
		if len(e) < 2 || e[1] != ':' || !strings.Contains("fkvi", e[:1]) {
			return fmt.Errorf("%w: unknown path element %q", errBadFieldsV1, e)
		}
		sub, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("%w: %q is not an object", errBadFieldsV1, e)
		}
		child := prefix.child(e)
		if len(sub) == 0 {
			s.insert(child)
			continue
		}
		if err := s.readTree(child, sub); err != nil {
			return err
		}
	}
	return nil
}

// sortedKeys returns m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
