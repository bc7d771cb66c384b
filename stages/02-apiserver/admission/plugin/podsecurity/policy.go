// Policy: which Pod Security Standard a namespace asks for, in which
// mode, read from its labels.
//
// Interface:
//   - Level (privileged, baseline, restricted) and Version ("latest" or
//     "v1.x"), combined as LevelVersion ("restricted:latest").
//   - Policy: one LevelVersion per mode (enforce, audit, warn).
//   - PolicyFromLabels(labels, defaults) reads the
//     pod-security.kubernetes.io/<mode>[-version] labels.
//
// The checks a level runs are in checks.go; the plugin that applies a
// policy to a request is in podsecurity.go.
package podsecurity

import (
	"fmt"
	"regexp"
	"strconv"

	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// Level is a Pod Security Standard. Each level allows less than the one
// before: privileged allows everything, restricted the least.
type Level string

// The levels.
const (
	Privileged Level = "privileged"
	Baseline   Level = "baseline"
	Restricted Level = "restricted"
)

// The namespace labels that choose a policy, one level and one version
// label per mode.
const (
	EnforceLevelLabel   = "pod-security.kubernetes.io/enforce"
	EnforceVersionLabel = "pod-security.kubernetes.io/enforce-version"
	AuditLevelLabel     = "pod-security.kubernetes.io/audit"
	AuditVersionLabel   = "pod-security.kubernetes.io/audit-version"
	WarnLevelLabel      = "pod-security.kubernetes.io/warn"
	WarnVersionLabel    = "pod-security.kubernetes.io/warn-version"
)

// ParseLevel reads a level label's value. An unknown value returns
// Restricted, the safe choice for enforce, and an error in upstream's
// words.
func ParseLevel(s string) (Level, error) {
	switch l := Level(s); l {
	case Privileged, Baseline, Restricted:
		return l, nil
	}
	return Restricted, fmt.Errorf("must be one of privileged, baseline, restricted")
}

// Version is the Kubernetes minor release whose standards apply: a
// namespace pinned to "v1.30" is checked as a v1.30 server would, and
// LatestVersion always by the newest rules.
type Version struct {
	// Minor is the x of v1.x; meaningless when Latest.
	Minor  int
	Latest bool
}

// LatestVersion is "latest".
var LatestVersion = Version{Latest: true}

// String returns "latest" or "v1.x".
func (v Version) String() string {
	if v.Latest {
		return "latest"
	}
	return fmt.Sprintf("v1.%d", v.Minor)
}

// atLeast reports whether v's rules include a check added in v1.minor.
func (v Version) atLeast(minor int) bool { return v.Latest || v.Minor >= minor }

var versionPattern = regexp.MustCompile(`^v1\.(0|[1-9][0-9]*)$`)

// ParseVersion reads a version label's value: "latest" or "v1.x". An
// invalid value returns LatestVersion and an error in upstream's words.
func ParseVersion(s string) (Version, error) {
	if s == "latest" {
		return LatestVersion, nil
	}
	m := versionPattern.FindStringSubmatch(s)
	if m == nil {
		return LatestVersion, fmt.Errorf(`must be "latest" or "v1.x"`)
	}
	minor, err := strconv.Atoi(m[1])
	if err != nil {
		return LatestVersion, fmt.Errorf(`must be "latest" or "v1.x"`)
	}
	return Version{Minor: minor}, nil
}

// LevelVersion is a level at a version, written "baseline:v1.30".
type LevelVersion struct {
	Level   Level
	Version Version
}

// String returns "level:version", the form rejection messages quote.
func (lv LevelVersion) String() string { return string(lv.Level) + ":" + lv.Version.String() }

// Policy is what a namespace asks for in each mode. Enforce rejects pods
// that violate it; Audit annotates the request's audit event; Warn returns
// a warning to the client.
type Policy struct {
	Enforce, Audit, Warn LevelVersion
}

// DefaultPolicy is the policy of a namespace without labels when the
// server is configured with nothing else: privileged:latest in every mode.
var DefaultPolicy = Policy{
	Enforce: LevelVersion{Privileged, LatestVersion},
	Audit:   LevelVersion{Privileged, LatestVersion},
	Warn:    LevelVersion{Privileged, LatestVersion},
}

// PolicyFromLabels returns the policy that namespace labels ask for,
// starting from defaults for every label that is absent. It always
// returns a usable policy: an invalid enforce level means restricted
// (fail closed), an invalid audit or warn level privileged (those modes
// only report), an invalid version latest. errs lists each invalid label
// as a metadata.labels field error.
func PolicyFromLabels(labels map[string]string, defaults Policy) (p Policy, errs field.ErrorList) {
	p = defaults
	modes := []struct {
		lv                       *LevelVersion
		levelLabel, versionLabel string
		onInvalid                Level
	}{
		{&p.Enforce, EnforceLevelLabel, EnforceVersionLabel, Restricted},
		{&p.Audit, AuditLevelLabel, AuditVersionLabel, Privileged},
		{&p.Warn, WarnLevelLabel, WarnVersionLabel, Privileged},
	}
	labelsPath := field.NewPath("metadata", "labels")
	for _, m := range modes {
		if s, ok := labels[m.levelLabel]; ok {
			level, err := ParseLevel(s)
			if err != nil {
				level = m.onInvalid
				errs = append(errs, field.Invalid(labelsPath.Key(m.levelLabel), s, err.Error()))
			}
			m.lv.Level = level
		}
		if s, ok := labels[m.versionLabel]; ok {
			version, err := ParseVersion(s)
			if err != nil {
				errs = append(errs, field.Invalid(labelsPath.Key(m.versionLabel), s, err.Error()))
			}
			m.lv.Version = version
		}
	}
	return p, errs
}
