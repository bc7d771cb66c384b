package docgen_test

import (
	"fmt"
	"strings"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/openapi/internal/docgen"
)

// A struct's comments become the table the openapi package compiles in.
func ExampleGenerate() {
	src, err := docgen.Generate("testdata/api", "example.com/api", "openapi")
	if err != nil {
		panic(err)
	}
	lines := strings.Split(string(src), "\n")
	fmt.Println(lines[0] == docgen.Header)
	for _, l := range lines {
		if strings.Contains(l, `"meta/v1.ObjectMeta"`) || strings.Contains(l, `"The object's name."`) {
			fmt.Println(strings.TrimSpace(l))
		}
	}
	// Output:
	// true
	// "meta/v1.ObjectMeta": {
	// "name": "The object's name.",
}
