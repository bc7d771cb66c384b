package docgen

import (
	"os"
	"path/filepath"
)

// writeFile writes content to path, creating its directories.
func writeFile(path, content string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(content), 0o644)
}
