// Version: what the server says it is, at /version.
//
// Interface:
//   - GitVersion, Major, Minor: the Kubernetes release this server follows.
//   - VersionInfo(): the full record; VersionHandler() serves it.
//
// `kubectl version` prints GitVersion, and clients compare Major and Minor
// with their own: upstream kubectl warns when the two are more than one
// minor version apart. The server therefore claims the release whose API
// it implements, v1.37.2, with "+kubeworkbook" as semver build metadata, so
// nobody mistakes it for the upstream binary while version checks, which
// ignore build metadata, still see 1.37. The stage-1 kubectl reports the
// same version (stages/01-kubectl/kubectl/version.go:ClientVersion).
package discovery

import (
	"net/http"
	"runtime"
	"runtime/debug"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// The release this server follows.
const (
	GitVersion = "v1.37.2+kubeworkbook"
	Major      = "1"
	Minor      = "37"
	// minCompatibilityMinor is the oldest minor version whose clients and
	// stored data the server still works with; upstream reports one minor
	// back.
	minCompatibilityMinor = "36"
)

// gitCommit and buildDate may be set at link time:
// go build -ldflags "-X github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/discovery.gitCommit=$(git rev-parse HEAD)"
var (
	gitCommit = ""
	buildDate = "1970-01-01T00:00:00Z"
)

// VersionInfo describes this binary as upstream's /version does.
func VersionInfo() metav1.VersionInfo {
	commit, treeState := gitCommit, ""
	if info, ok := debug.ReadBuildInfo(); ok && commit == "" {
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				commit = s.Value
			case "vcs.modified":
				treeState = map[string]string{"true": "dirty", "false": "clean"}[s.Value]
			}
		}
	}
	return metav1.VersionInfo{
		Major: Major, Minor: Minor,
		EmulationMajor: Major, EmulationMinor: Minor,
		MinCompatibilityMajor: Major, MinCompatibilityMinor: minCompatibilityMinor,
		GitVersion: GitVersion, GitCommit: commit, GitTreeState: treeState,
		BuildDate: buildDate, GoVersion: runtime.Version(), Compiler: runtime.Compiler,
		Platform: runtime.GOOS + "/" + runtime.GOARCH,
	}
}

// VersionHandler serves VersionInfo as JSON at /version, for GET and HEAD.
func VersionHandler() http.Handler {
	body := encode(VersionInfo()).body
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if readOnly(w, r) {
			writeJSON(w, http.StatusOK, ContentTypeJSON, body)
		}
	})
}
