// The command's main: see doc.go.

package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/openapi/internal/docgen"
)

func main() {
	api := flag.String("api", "../../../shared/api", "directory of the API packages")
	out := flag.String("out", "descriptions_generated.go", "file to write")
	pkg := flag.String("package", "openapi", "package clause of the file written")
	flag.Parse()

	src, err := docgen.Generate(*api, docgen.APIImportPath, *pkg)
	if err == nil {
		err = os.WriteFile(*out, src, 0o644)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "docgen: %v\n", err)
		os.Exit(1)
	}
}
