package metav1

import (
	"encoding/json"
	"testing"
)

func TestVersionInfoJSON(t *testing.T) {
	info := VersionInfo{
		Major: "1", Minor: "37", EmulationMajor: "1", EmulationMinor: "37", MinCompatibilityMajor: "1", MinCompatibilityMinor: "36",
		GitVersion: "v1.37.0", GitCommit: "abc", GitTreeState: "clean", BuildDate: "2026-04-01T00:00:00Z",
		GoVersion: "go1.26.8", Compiler: "gc", Platform: "linux/amd64",
	}
	want := `{"major":"1","minor":"37","emulationMajor":"1","emulationMinor":"37","minCompatibilityMajor":"1","minCompatibilityMinor":"36",` +
		`"gitVersion":"v1.37.0","gitCommit":"abc","gitTreeState":"clean","buildDate":"2026-04-01T00:00:00Z","goVersion":"go1.26.8",` +
		`"compiler":"gc","platform":"linux/amd64"}`
	got, err := json.Marshal(info)
	if err != nil || string(got) != want {
		t.Errorf("Marshal:\n got %s (%v)\nwant %s", got, err, want)
	}
	if info.String() != "v1.37.0" {
		t.Errorf("String() = %q", info.String())
	}
}
