package protobuf

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/upstream"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
)

// The golden files are written by upstream's own serializer:
//
//	go generate ./shared/protobuf
//
// runs tools/schemagen/protogolden, which encodes realistic objects with
// k8s.io/apimachinery's protobuf serializer (NAME.pb) and encoding/json
// (NAME.json).

// extraKinds are the kinds of the golden files that no resource of the
// scheme has as its own kind.
var extraKinds = map[string]func() any{
	"DeleteOptions": func() any { return &metav1.DeleteOptions{} },
	"Status":        func() any { return &metav1.Status{} },
}

// newFor returns a new object of kind gvk's Go type.
func newFor(t *testing.T, gvk metav1.GroupVersionKind) any {
	t.Helper()
	if r, ok := scheme.ByKind(gvk); ok {
		return r.New()
	}
	if f, ok := extraKinds[gvk.Kind]; ok {
		return f()
	}
	t.Fatalf("no Go type for %s", gvk)
	return nil
}

// equalOpts compare decoded objects: a nil list or map equals an empty one
// (JSON writes "items": [] where protobuf writes nothing).
var equalOpts = cmp.Options{cmpopts.EquateEmpty()}

// Talk 001, "Client Interactions": what upstream's serializer writes for
// a request body, this codec reads into the same object our JSON decoder
// builds; and it writes the object back exactly as upstream did, but for
// the fields our types do not have (testdata/gaps.txt).
func TestGoldenUpstreamObjects(t *testing.T) {
	files, err := filepath.Glob("testdata/*.pb")
	if err != nil || len(files) < 10 {
		t.Fatalf("golden files: %v, %d found; run go generate ./shared/protobuf", err, len(files))
	}
	for _, pbFile := range files {
		name := strings.TrimSuffix(filepath.Base(pbFile), ".pb")
		if name == "watch" {
			continue // a stream: TestGoldenWatchStream
		}
		t.Run(name, func(t *testing.T) {
			data := readFile(t, pbFile)
			if !IsProtobuf(data) {
				t.Fatalf("%s does not start with the magic", pbFile)
			}
			gvk, raw, err := DecodeObject(data)
			if err != nil {
				t.Fatal(err)
			}
			got := newFor(t, gvk)
			if err := Unmarshal(raw, got); err != nil {
				t.Fatal(err)
			}
			want := newFor(t, gvk)
			if err := json.Unmarshal(readFile(t, "testdata/"+name+".json"), want); err != nil {
				t.Fatal(err)
			}
			clearTypeMeta(want)
			if diff := cmp.Diff(want, got, equalOpts); diff != "" {
				t.Fatalf("protobuf and JSON decode differently (-json +protobuf):\n%s", diff)
			}

			again, err := EncodeObject(got, gvk)
			if err != nil {
				t.Fatal(err)
			}
			known, err := keepKnown(raw, reflect.TypeOf(got).Elem())
			if err != nil {
				t.Fatal(err)
			}
			if wantBytes := envelope(known, gvk); !bytes.Equal(again, wantBytes) {
				t.Errorf("re-encoding differs from upstream's bytes:\n got %x\nwant %x", again, wantBytes)
			}
		})
	}
}

// Talk 001, "informers": a client watching with protobuf reads length
// framed events, each holding an enveloped object.
func TestGoldenWatchStream(t *testing.T) {
	var want []metav1.WatchEvent
	if err := json.Unmarshal(readFile(t, "testdata/watch.json"), &want); err != nil {
		t.Fatal(err)
	}
	stream := readFile(t, "testdata/watch.pb")
	r := NewWatchReader(bytes.NewReader(stream))
	var rewritten bytes.Buffer
	w := NewWatchWriter(&rewritten)
	for i, ev := range want {
		typ, object, err := r.Read()
		if err != nil {
			t.Fatalf("event %d: %v", i, err)
		}
		if typ != ev.Type {
			t.Errorf("event %d: type %q, want %q", i, typ, ev.Type)
		}
		gvk, raw, err := DecodeObject(object)
		if err != nil {
			t.Fatalf("event %d: %v", i, err)
		}
		got, wantObj := newFor(t, gvk), newFor(t, gvk)
		if err := Unmarshal(raw, got); err != nil {
			t.Fatalf("event %d: %v", i, err)
		}
		if err := json.Unmarshal(ev.Object, wantObj); err != nil {
			t.Fatal(err)
		}
		clearTypeMeta(wantObj)
		if diff := cmp.Diff(wantObj, got, equalOpts); diff != "" {
			t.Errorf("event %d object (-json +protobuf):\n%s", i, diff)
		}
		// The frame around the object, byte for byte: framing, the
		// outer envelope without a kind, the WatchEvent message.
		if err := w.writeEncoded(typ, object); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := r.Read(); err != io.EOF {
		t.Errorf("after the last event: %v, want io.EOF", err)
	}
	if !bytes.Equal(rewritten.Bytes(), stream) {
		t.Errorf("WatchWriter's frames differ from upstream's:\n got %x\nwant %x", rewritten.Bytes(), stream)
	}
}

// keepKnown returns message data without the fields Go type t's plan (and
// its nested plans) does not have: what upstream wrote, minus the gaps.
func keepKnown(data []byte, t reflect.Type) ([]byte, error) {
	name, ok := upstream.Name(t)
	if !ok {
		return nil, fmt.Errorf("no upstream name for %s", t)
	}
	return keepKnownAs(data, t, name)
}

func keepKnownAs(data []byte, t reflect.Type, name string) ([]byte, error) {
	p, err := planFor(t, name)
	if err != nil {
		return nil, err
	}
	var out []byte
	r := reader{buf: data}
	for !r.done() {
		start := r.off
		f, err := r.next()
		if err != nil {
			return nil, err
		}
		fp := p.byNumber[f.num]
		if fp == nil {
			continue
		}
		elem := deref(fp.goType)
		if fp.Shape == repeated || fp.Shape == mapped {
			elem = deref(elem.Elem())
		}
		nested := elem.Kind() == reflect.Struct && special(fp.Type, elem) == nil && f.wire == wireBytes
		switch {
		case nested && fp.Shape == mapped:
			entry, err := keepKnownEntry(f.bytes, elem, fp.Type)
			if err != nil {
				return nil, err
			}
			out = appendBytes(appendTag(out, f.num, wireBytes), entry)
		case nested:
			inner, err := keepKnownAs(f.bytes, elem, fp.Type)
			if err != nil {
				return nil, err
			}
			out = appendBytes(appendTag(out, f.num, wireBytes), inner)
		default:
			out = append(out, data[start:r.off]...)
		}
	}
	return out, nil
}

// keepKnownEntry applies keepKnownAs to the value of a map entry.
func keepKnownEntry(entry []byte, elem reflect.Type, name string) ([]byte, error) {
	var out []byte
	r := reader{buf: entry}
	for !r.done() {
		start := r.off
		f, err := r.next()
		if err != nil {
			return nil, err
		}
		if f.num != 2 {
			out = append(out, entry[start:r.off]...)
			continue
		}
		inner, err := keepKnownAs(f.bytes, elem, name)
		if err != nil {
			return nil, err
		}
		out = appendBytes(appendTag(out, 2, wireBytes), inner)
	}
	return out, nil
}

// clearTypeMeta empties obj's apiVersion and kind: protobuf carries them
// in the envelope, not in the object's message.
func clearTypeMeta(obj any) {
	v := reflect.ValueOf(obj).Elem()
	if f := v.FieldByName("TypeMeta"); f.IsValid() {
		f.Set(reflect.Zero(f.Type()))
	}
}

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
