package docgen

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// testAPI is a miniature API tree: meta/v1 and a made-up shop/v1 that
// embeds its types, plus an internal package that must be skipped.
const (
	testAPIDir        = "testdata/api"
	testAPIImportPath = "example.com/api"
)

// Talk 000, "API discovery → OpenAPI schema": kubectl explain prints, for
// each field, the description the schema carries; these are the rules by
// which a struct's comments become those descriptions.
func TestParse(t *testing.T) {
	got, err := Parse(testAPIDir, testAPIImportPath)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Type{
		"meta/v1.TypeMeta": {Doc: "TypeMeta is the header of every document.", Fields: map[string]string{
			"kind":       "kind names the schema.",
			"apiVersion": "The group and version.",
		}},
		"meta/v1.ObjectMeta": {Doc: "ObjectMeta is an object's metadata.", Fields: map[string]string{
			"name": "The object's name.",
		}},
		"shop/v1.Shelf": {Doc: "Shelf holds items.", Fields: map[string]string{
			"apiVersion": "The group and version.", // promoted across packages
			"spec":       "What the shelf should hold.",
			"label":      "Promoted into Shelf.",
			"kind":       "kind shadows TypeMeta's kind.", // declared beats promoted
		}},
		"shop/v1.Base": {Doc: "Base is embedded inline by Shelf.", Fields: map[string]string{
			"label": "Promoted into Shelf.",
			"kind":  "kind loses to Shelf's own kind.",
		}},
		"shop/v1.ShelfSpec": {Doc: "ShelfSpec is the desired state of a shelf.", Fields: map[string]string{
			"maxItems": "How many items fit; at most minItems times ten, unless KeepAll is set, which also names a strategy.",
			"minItems": "The least the shelf holds.",
			"keepAll":  "A strategy and a field at once.",
			"Width":    "Width and Depth share one comment.",
			"Depth":    "Width and Depth share one comment.",
		}},
		"shop/v1.Grouped": {Doc: "Grouped is declared in a group; its comment is on the spec.", Fields: map[string]string{
			"note": "A field.",
		}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Parse (-want +got):\n%s", diff)
	}
}

func TestParseFailsOnBadSource(t *testing.T) {
	dir := t.TempDir()
	if err := writeFile(dir+"/bad/v1/bad.go", "package badv1\n\ntype Broken struct {\n"); err != nil {
		t.Fatal(err)
	}
	if _, err := Parse(dir, testAPIImportPath); err == nil {
		t.Errorf("Parse of a file that does not parse: no error")
	}
}

func TestParseFailsOnEmbeddingCycle(t *testing.T) {
	dir := t.TempDir()
	src := "package loopv1\n\ntype A struct {\n\tB `json:\",inline\"`\n}\n\ntype B struct {\n\tA `json:\",inline\"`\n}\n"
	if err := writeFile(dir+"/loop/v1/loop.go", src); err != nil {
		t.Fatal(err)
	}
	if _, err := Parse(dir, testAPIImportPath); err == nil {
		t.Errorf("Parse of two structs that embed each other: no error")
	}
}
