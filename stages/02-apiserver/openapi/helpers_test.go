package openapi

import (
	"encoding/json"
	"os"
	"sync"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/shared/codec"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
)

// testVersion is the info.version the tests generate documents with.
const testVersion = "v1.37.2"

// served is the Spec of every registered resource, generated once for all
// tests (a Spec is read-only).
var served = sync.OnceValue(func() *Spec { return New(scheme.All(), testVersion) })

// decodeJSON unmarshals data into a generic value, failing the test on
// error.
func decodeJSON(t testing.TB, data []byte) map[string]any {
	t.Helper()
	var out map[string]any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatalf("decode document: %v", err)
	}
	return out
}

// v3Schemas returns components.schemas of the served v3 document at
// gvPath, decoded.
func v3Schemas(t testing.TB, gvPath string) map[string]any {
	t.Helper()
	data, ok := served().V3(gvPath)
	if !ok {
		t.Fatalf("V3(%q): no document", gvPath)
	}
	return decodeJSON(t, data)["components"].(map[string]any)["schemas"].(map[string]any)
}

// manifest decodes a YAML or JSON manifest.
func manifest(t testing.TB, text string) map[string]any {
	t.Helper()
	obj, err := codec.DecodeUnstructured([]byte(text))
	if err != nil {
		t.Fatalf("decode manifest: %v", err)
	}
	return obj
}

// readFile returns a file's contents, failing the test on error.
func readFile(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
