package kubectl

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/testserver"
)

// A rejected edit ends as upstream's does: the copy of the file is kept
// and named on stderr, and the last line is the reason. A rename is not
// reopened; a syntax error is, and saving it unchanged gives up.
func TestEditRejected(t *testing.T) {
	kept := regexp.MustCompile(`^A copy of your changes has been stored to "([^"]+)"\n$`)
	tests := []struct {
		name    string
		script  string
		wantErr string
		// wantHeader is a line of the file as last reopened, "" when it
		// must not have been reopened.
		wantHeader string
	}{
		{"name changed", `sed -i 's/name: ghost$/name: ghost2/' "$1"`,
			"error: At least one of apiVersion, kind and name was changed", ""},
		{"syntax error saved twice", `grep -q BROKEN "$1" || sed -i 's/^spec:/spec: [\nBROKEN/' "$1"`,
			"error: Edit cancelled, no valid changes were saved.", "# The edited file had a syntax error: decode: yaml: line "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			script := filepath.Join(t.TempDir(), "editor.sh")
			if err := os.WriteFile(script, []byte("#!/bin/sh\n"+tc.script+"\n"), 0o755); err != nil {
				t.Fatal(err)
			}
			t.Setenv("KUBE_EDITOR", script)
			c := newCluster(t, testserver.WithObjects(ghost()))
			r := c.run(t, "edit", "deploy", "ghost")
			if r.message() != tc.wantErr {
				t.Errorf("error %q, want %q", r.message(), tc.wantErr)
			}
			m := kept.FindStringSubmatch(r.errOut)
			if m == nil {
				t.Fatalf("stderr %q does not name the kept copy", r.errOut)
			}
			copied, err := os.ReadFile(m[1])
			if err != nil {
				t.Fatalf("kept copy: %v", err)
			}
			os.Remove(m[1])
			reopened := regexp.MustCompile(`(?m)^# The edited file`).Match(copied)
			switch {
			case tc.wantHeader == "" && reopened:
				t.Errorf("the file was reopened:\n%s", copied)
			case tc.wantHeader != "" && !regexp.MustCompile(`(?m)^`+regexp.QuoteMeta(tc.wantHeader)).Match(copied):
				t.Errorf("kept copy lacks %q:\n%s", tc.wantHeader, copied)
			}
			for _, req := range c.srv.Requests() {
				if req.Method == "PATCH" {
					t.Errorf("a rejected edit sent PATCH %s", req.Body)
				}
			}
		})
	}
}
