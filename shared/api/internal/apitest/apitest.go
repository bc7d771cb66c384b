// Package apitest holds the checks every API group's tests make of its
// types, so each group states what it tests rather than how:
//
//   - RoundTrip: a document as the API server stores it decodes with no
//     unknown field and encodes back to the same document.
//   - MarshalsTo: a Go value encodes to exactly the given JSON (the shape
//     of empty objects: null, {} or absent).
package apitest

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// RoundTrip reads testdata/<file>, decodes it strictly into obj (failing
// on any field obj does not have, as the API server's strict decoding
// does), encodes obj again and fails unless both documents are equal,
// ignoring key order and white space but not null versus absent.
func RoundTrip(t testing.TB, file string, obj any) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(obj); err != nil {
		t.Fatalf("strict decode of %s into %T: %v", file, obj, err)
	}
	out, err := json.Marshal(obj)
	if err != nil {
		t.Fatal(err)
	}
	SameJSON(t, data, out)
}

// SameJSON fails unless want and got hold the same JSON document.
func SameJSON(t testing.TB, want, got []byte) {
	t.Helper()
	var w, g any
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatalf("decode want: %v", err)
	}
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("decode got: %v", err)
	}
	if diff := cmp.Diff(w, g); diff != "" {
		t.Errorf("JSON differs after a round trip (-want +got):\n%s", diff)
	}
}

// MarshalsTo fails unless json.Marshal(obj) is exactly want.
func MarshalsTo(t testing.TB, obj any, want string) {
	t.Helper()
	got, err := json.Marshal(obj)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("json.Marshal(%T)\n got: %s\nwant: %s", obj, got, want)
	}
}
