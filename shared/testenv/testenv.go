// Package testenv lets a test say what it needs from the machine.
//
// A student without root, containerd or a network tool should see a test
// skipped with the reason and the command that would provide it; CI must
// never skip silently, so when the CI environment variable is set a missing
// requirement fails the test instead.
//
//	func TestBridge(t *testing.T) {
//		testenv.RequireRoot(t)
//		testenv.RequireCommand(t, "ip", "apt-get install iproute2")
//		...
//	}
package testenv

import (
	"os"
	"os/exec"
	"testing"
)

// InCI reports whether the tests run under CI (CI set to anything but
// "false" or empty), where nothing may be skipped for a missing tool.
func InCI() bool {
	v := os.Getenv("CI")
	return v != "" && v != "false" && v != "0"
}

// Require skips t with reason when ok is false, or fails it under CI.
func Require(t testing.TB, ok bool, reason string) {
	t.Helper()
	if ok {
		return
	}
	if InCI() {
		t.Fatalf("requirement not met under CI=true: %s", reason)
	}
	t.Skipf("skipping: %s", reason)
}

// RequireRoot needs the test to run as root (network namespaces, mounts).
func RequireRoot(t testing.TB) {
	t.Helper()
	Require(t, os.Geteuid() == 0, "this test needs root (run `sudo make test`)")
}

// RequireCommand needs an executable on PATH; install says how to get it.
func RequireCommand(t testing.TB, name, install string) {
	t.Helper()
	_, err := exec.LookPath(name)
	Require(t, err == nil, name+" is not on PATH ("+install+")")
}

// RequireLong skips long tests under `go test -short`, even in CI: -short
// is a choice made by whoever runs the tests, not a missing tool.
func RequireLong(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("skipping long test in -short mode")
	}
}
