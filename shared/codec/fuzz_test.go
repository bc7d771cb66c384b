package codec

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// FuzzDecode checks, for any input: splitting and decoding never panic,
// and every document that decodes re-encodes (as JSON and as YAML) to
// bytes that decode to an equal object - so integers, strings that look
// like numbers, and nesting all survive a round trip. The seeds are the
// testdata manifests (the talks' files among them) plus small edge cases;
// `go test` runs them, `go test -fuzz FuzzDecode` explores further.
func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob("testdata/*")
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	for _, s := range []string{
		"", "---", "a: 1", "{\"a\": 1}{\"b\": 2}", "a: yes\nb: \"yes\"", "x: 1e20", "x: 3.0",
		"x: 9223372036854775807", "x: -9223372036854775808", "x: 18446744073709551615",
		"a: &x {b: 1}\nc: *x", "s: \"\\u00e9\\t<&>\"", "- 1", "k: |\n  line\n", "? [a]\n: b",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, err := SplitDocuments(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, d := range docs {
			obj, err := DecodeUnstructured(d.Data)
			if err != nil {
				continue
			}
			for _, enc := range []struct {
				name   string
				encode func(any) ([]byte, error)
			}{{"json", EncodeJSON}, {"yaml", EncodeYAML}} {
				out, err := enc.encode(obj)
				if err != nil {
					t.Fatalf("%s encode of %#v: %v", enc.name, obj, err)
				}
				again, err := DecodeUnstructured(out)
				if err != nil {
					t.Fatalf("%s output does not decode: %v\n%s", enc.name, err, out)
				}
				if diff := cmp.Diff(obj, again); diff != "" {
					t.Fatalf("%s round trip changed the object (-before +after):\n%s", enc.name, diff)
				}
			}
		}
	})
}

// ReadManifests reads the text twice, the second time for repeated keys;
// whatever the input, that must not panic, and it must return the
// objects DecodeManifests returns.
func FuzzReadManifests(f *testing.F) {
	for _, s := range []string{
		"metadata: {name: a, name: b}", "a: 1\na: 2\n---\nkind: List\napiVersion: v1\nitems: [{a: 1, a: 1}]",
		`{"a":{"b":1,"b":2}}`, "? [a]\n: b\n? [a]\n: c", "a: &x {b: 1, b: 2}\nc: *x", "80: a\n80: b", "on: 1\non: 2",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		manifests, err := ReadManifests(bytes.NewReader(data))
		objs, err2 := DecodeManifests(bytes.NewReader(data))
		if (err == nil) != (err2 == nil) || len(manifests) != len(objs) {
			t.Fatalf("ReadManifests: %d objects, %v; DecodeManifests: %d, %v", len(manifests), err, len(objs), err2)
		}
	})
}
