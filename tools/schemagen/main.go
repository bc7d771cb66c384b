// Main: flags, then one document per served group-version.
//
// Interface:
//   - schemagen -out DIR writes DIR/<server path>.json for every entry of
//     servedGroupVersions and removes nothing else.
//
// The list of group-versions and the root kinds of each live in groups.go;
// building one document lives in document.go.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	out := flag.String("out", "../../stages/01-kubectl/schema/builtin", "directory to write the OpenAPI v3 documents into")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "schemagen:", err)
		os.Exit(1)
	}
}

// run writes every document into dir, creating dir if needed. It writes each
// file whole (to a temporary name, then renamed) so an interrupted run never
// leaves a half-written schema behind.
func run(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create output directory: %w", err)
	}
	scheme, err := newScheme()
	if err != nil {
		return err
	}
	for _, gv := range servedGroupVersions {
		data, err := buildDocument(scheme, gv)
		if err != nil {
			return fmt.Errorf("build %s: %w", gv.path, err)
		}
		name := filepath.Join(dir, fileName(gv.path))
		tmp := name + ".tmp"
		if err := os.WriteFile(tmp, data, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
		if err := os.Rename(tmp, name); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
		fmt.Printf("%s\t%d bytes\n", name, len(data))
	}
	return nil
}
