// Objects: the JSON bytes stored under a key, and the one field that is
// never stored.
//
// Interface:
//   - ParseResourceVersion turns "", "0" or "123" into a revision.
//   - parseObject reads an object's metadata without decoding the rest,
//     validating and compacting it (for writes); parseStored does the
//     same for a value read back, by a scan only;
//     (*object).withResourceVersion writes metadata.resourceVersion (or
//     removes it), keeping every other byte and the field order.
//
// metadata.resourceVersion is the etcd revision that last modified the key
// (its mod_revision). Writing it into the value would need the revision
// before the write has one, so upstream strips it before a put and fills it
// in on every read; this package does the same. The Store never decodes
// spec or status: it only splices bytes inside "metadata".
package storage

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// ParseResourceVersion parses a resourceVersion as clients send it: ""
// (unset) and "0" (any) are 0, anything else must be a positive decimal
// revision. A malformed value is an ErrBadRequest.
func ParseResourceVersion(rv string) (int64, error) {
	if rv == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(rv, 10, 64)
	if err != nil || n < 0 {
		return 0, &Error{Err: ErrBadRequest, Detail: fmt.Sprintf("invalid resource version %q: must be a non-negative decimal integer", rv)}
	}
	return n, nil
}

// object is a compact JSON object with its "metadata" member located.
type object struct {
	data []byte
	// meta is the span of the "metadata" value in data; found is false when
	// the object has no metadata.
	meta  member
	found bool
	// fields are metadata's members, offsets relative to meta.valueStart.
	fields []member
}

// member is one "name":value pair of a compact JSON object. start is the
// opening quote of the name, valueStart the first byte of the value, end
// one past its last byte. name is set only for the names this file looks
// for (memberNames), "" for every other.
type member struct {
	name                   string
	start, valueStart, end int
}

// memberNames are the member names this file looks up. members names no
// other: a string per member of every value read and written was half of
// this file's garbage, for names nobody asked about.
var memberNames = []string{"metadata", "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion"}

// knownName returns the entry of memberNames that raw (a decoded name)
// spells, or "". Comparing string(raw) does not allocate.
func knownName(raw []byte) string {
	for _, n := range memberNames {
		if string(raw) == n {
			return n
		}
	}
	return ""
}

// parseObject compacts data (which validates it) and locates its metadata.
// It fails with ErrInvalidObject unless data is a JSON object whose
// metadata, if present, is an object. Writes use it: what they store is
// valid and compact.
func parseObject(data []byte) (*object, error) {
	// What the registry writes comes from encoding/json, compact already:
	// when data scans as compact (locate) and is valid, it is its own
	// compaction, and the copy Compact would make is saved.
	if o, ok := locate(data); ok && json.Valid(data) {
		return o, nil
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, data); err != nil {
		return nil, &Error{Err: ErrInvalidObject, Detail: fmt.Sprintf("value is not valid JSON: %v", err)}
	}
	compact := buf.Bytes()
	if compact[0] != '{' {
		return nil, &Error{Err: ErrInvalidObject, Detail: "value must be a JSON object"}
	}
	o, ok := locate(compact)
	if !ok {
		// Compact, valid JSON objects only fail to scan here.
		return nil, &Error{Err: ErrInvalidObject, Detail: "metadata must be a JSON object"}
	}
	return o, nil
}

// parseStored locates the metadata of a value read from etcd. Values
// under this Store's keys went through parseObject before their put, so
// they are compact and valid: it only scans them, which costs a tenth of
// compacting, and leaves full validation to whoever decodes the value
// (the registry). Anything that does not scan as compact JSON, a value
// another client wrote, goes through parseObject and its errors.
func parseStored(data []byte) (*object, error) {
	if o, ok := locate(data); ok {
		return o, nil
	}
	return parseObject(data)
}

// locate finds the members of data and of its metadata. ok is false
// unless data is one compact JSON object (nothing after its "}") whose
// metadata, if present, is an object. It reads every byte outside
// strings, so whitespace anywhere (not compact) is noticed, but it does
// not check numbers and literals.
func locate(data []byte) (o *object, ok bool) {
	top, end, ok := members(data)
	if !ok || end != len(data) {
		return nil, false
	}
	o = &object{data: data}
	for _, m := range top {
		if m.name == "metadata" {
			o.meta, o.found = m, true
		}
	}
	if o.found {
		if o.fields, _, ok = members(data[o.meta.valueStart:o.meta.end]); !ok {
			return nil, false
		}
	}
	return o, true
}

// metaString returns the string value of metadata.<name>, "" when absent
// or not a string.
func (o *object) metaString(name string) string {
	for _, f := range o.fields {
		if f.name == name {
			var s string
			_ = json.Unmarshal(o.data[o.meta.valueStart+f.valueStart:o.meta.valueStart+f.end], &s)
			return s
		}
	}
	return ""
}

// withResourceVersion returns a copy of the object with
// metadata.resourceVersion set to rv, or removed when rv is 0. A new field
// goes after name, namespace and uid, where upstream's encoder puts it.
func (o *object) withResourceVersion(rv int64) []byte {
	field := ""
	if rv > 0 {
		field = `"resourceVersion":"` + strconv.FormatInt(rv, 10) + `"`
	}
	if !o.found {
		if field == "" {
			return o.data
		}
		return splice(o.data, 1, 1, withComma(`"metadata":{`+field+`}`, len(o.data) > 2, false))
	}
	base := o.meta.valueStart
	metaEmpty := len(o.fields) == 0
	insertAt := base + 1 // just after metadata's "{"
	after := false       // whether the insertion follows another member
	for i, f := range o.fields {
		switch f.name {
		case "resourceVersion":
			if field != "" {
				return splice(o.data, base+f.start, base+f.end, field)
			}
			// Remove the member with one adjacent comma.
			start, end := base+f.start, base+f.end
			if i > 0 {
				start--
			} else if len(o.fields) > 1 {
				end++
			}
			return splice(o.data, start, end, "")
		case "name", "generateName", "namespace", "selfLink", "uid":
			insertAt, after = base+f.end, true
		}
	}
	if field == "" {
		return o.data
	}
	return splice(o.data, insertAt, insertAt, withComma(field, !metaEmpty, after))
}

// withComma adds the comma that separates text from its neighbour member:
// before it when it follows one, after it when it precedes one.
func withComma(text string, neighbours, after bool) string {
	switch {
	case !neighbours:
		return text
	case after:
		return "," + text
	default:
		return text + ","
	}
}

// splice returns data with data[start:end] replaced by text, in a new slice.
func splice(data []byte, start, end int, text string) []byte {
	out := make([]byte, 0, len(data)-(end-start)+len(text))
	out = append(out, data[:start]...)
	out = append(out, text...)
	return append(out, data[end:]...)
}

// members splits the compact JSON object at the start of obj into its
// members and returns the index just past its "}". ok is false when obj
// does not start with one: not an object, truncated, or not compact.
// Every index is checked, so no input makes it fail otherwise.
func members(obj []byte) (out []member, end int, ok bool) {
	if len(obj) < 2 || obj[0] != '{' {
		return nil, 0, false
	}
	i := 1
	if obj[i] == '}' {
		return nil, 2, true
	}
	out = make([]member, 0, 8) // metadata has a handful; one allocation for them
	for {
		if i >= len(obj) || obj[i] != '"' {
			return nil, 0, false
		}
		start := i
		nameEnd := skipString(obj, i)
		if nameEnd < 0 || nameEnd >= len(obj) || obj[nameEnd] != ':' {
			return nil, 0, false
		}
		// Only an escaped name needs decoding first.
		name := knownName(obj[start+1 : nameEnd-1])
		if bytes.IndexByte(obj[start:nameEnd], '\\') >= 0 {
			var decoded string
			_ = json.Unmarshal(obj[start:nameEnd], &decoded)
			name = knownName([]byte(decoded))
		}
		valueStart := nameEnd + 1 // past the ':'
		if i = skipValue(obj, valueStart); i < 0 || i >= len(obj) {
			return nil, 0, false
		}
		out = append(out, member{name: name, start: start, valueStart: valueStart, end: i})
		switch obj[i] {
		case ',':
			i++
		case '}':
			return out, i + 1, true
		default:
			return nil, 0, false
		}
	}
}

// skipValue returns the index just past the JSON value starting at b[i],
// or -1 when there is none there, it is cut off, or it holds whitespace
// outside its strings.
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for ; i < len(b); i++ {
			switch b[i] {
			case '"':
				j := skipString(b, i)
				if j < 0 {
					return -1
				}
				i = j - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			case ' ', '\t', '\n', '\r':
				return -1
			}
		}
		return -1
	default: // number, true, false, null
		start := i
		for ; i < len(b) && b[i] != ',' && b[i] != '}' && b[i] != ']'; i++ {
			if c := b[i]; c == ' ' || c == '\t' || c == '\n' || c == '\r' {
				return -1
			}
		}
		if i == start {
			return -1
		}
		return i
	}
}

// skipString returns the index just past the JSON string starting at
// b[i], or -1 when it does not end.
func skipString(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return -1
}
