// Version information served at /version.
//
// Interface:
//   - VersionInfo: the binary's major/minor, git version and build facts;
//     upstream k8s.io/apimachinery/pkg/version.Info.
//
// "kubectl version" prints the server's; the stage-2 server fills it.
package metav1

// VersionInfo describes a server build.
type VersionInfo struct {
	// Major and Minor are the binary version ("1", "37").
	Major string `json:"major"`
	Minor string `json:"minor"`
	// EmulationMajor and EmulationMinor are the version whose API the server
	// emulates, when it differs from the binary's.
	EmulationMajor string `json:"emulationMajor,omitempty"`
	EmulationMinor string `json:"emulationMinor,omitempty"`
	// MinCompatibilityMajor and MinCompatibilityMinor are the oldest version
	// the server stays compatible with.
	MinCompatibilityMajor string `json:"minCompatibilityMajor,omitempty"`
	MinCompatibilityMinor string `json:"minCompatibilityMinor,omitempty"`
	// GitVersion is the full version, "v1.37.0".
	GitVersion   string `json:"gitVersion"`
	GitCommit    string `json:"gitCommit"`
	GitTreeState string `json:"gitTreeState"`
	// BuildDate is RFC 3339.
	BuildDate string `json:"buildDate"`
	GoVersion string `json:"goVersion"`
	Compiler  string `json:"compiler"`
	// Platform is "os/arch".
	Platform string `json:"platform"`
}

// String returns GitVersion, as upstream's Info does.
func (info VersionInfo) String() string { return info.GitVersion }
