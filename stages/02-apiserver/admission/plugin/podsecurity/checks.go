// Checks: the Pod Security Standards as a list of named checks, and how a
// level runs them.
//
// Interface:
//   - Violation: one failed check, a short Reason ("privileged") and a
//     Detail naming the containers and the fix.
//   - Evaluate(lv, pod) runs the checks of lv's level and version.
//   - Message(violations) joins them the way rejections print them:
//     `privileged (container "c" must not ...), hostPort (...)`.
//
// The checks themselves are in baseline.go and restricted.go.
package podsecurity

import (
	"slices"
	"strings"
)

// Violation is a check a pod failed.
type Violation struct {
	// Reason is the short name of what is wrong, as upstream spells it.
	Reason string
	// Detail says which part of the pod, and what it must set instead.
	Detail string
}

// String returns "reason (detail)", or the reason when there is no detail.
func (v Violation) String() string {
	if v.Detail == "" {
		return v.Reason
	}
	return v.Reason + " (" + v.Detail + ")"
}

// check is one control of the standards. fn returns nil when the pod
// passes.
type check struct {
	id    string
	level Level
	// supersededBy names the restricted check that covers this baseline
	// check and more: at restricted level only that one runs, so a
	// hostPath volume is reported once, as a restricted volume type.
	supersededBy string
	// since is the minor version that introduced the check; namespaces
	// pinned to an older version skip it.
	since int
	fn    func(p *podView) *Violation
}

// checks lists every control in the order upstream reports them: baseline
// checks first, then those a restricted check supersedes, then restricted
// checks, each group sorted by id.
var checks = []check{
	{id: "appArmorProfile", level: Baseline, fn: checkAppArmor},
	{id: "hostNamespaces", level: Baseline, fn: checkHostNamespaces},
	{id: "hostPorts", level: Baseline, fn: checkHostPorts},
	{id: "hostProbesAndHostLifecycle", level: Baseline, since: 34, fn: checkProbeHosts},
	{id: "privileged", level: Baseline, fn: checkPrivileged},
	{id: "procMount", level: Baseline, fn: checkProcMount},
	{id: "seLinuxOptions", level: Baseline, fn: checkSELinux},
	{id: "sysctls", level: Baseline, fn: checkSysctls},
	{id: "windowsHostProcess", level: Baseline, fn: checkWindowsHostProcess},

	{id: "capabilities_baseline", level: Baseline, supersededBy: "capabilities_restricted", fn: checkCapabilitiesBaseline},
	{id: "hostPathVolumes", level: Baseline, supersededBy: "restrictedVolumes", fn: checkHostPathVolumes},
	{id: "seccompProfile_baseline", level: Baseline, supersededBy: "seccompProfile_restricted", fn: checkSeccompBaseline},

	{id: "allowPrivilegeEscalation", level: Restricted, since: 8, fn: checkAllowPrivilegeEscalation},
	{id: "capabilities_restricted", level: Restricted, since: 22, fn: checkCapabilitiesRestricted},
	{id: "restrictedVolumes", level: Restricted, fn: checkRestrictedVolumes},
	{id: "runAsNonRoot", level: Restricted, fn: checkRunAsNonRoot},
	{id: "runAsUser", level: Restricted, since: 23, fn: checkRunAsUser},
	{id: "seccompProfile_restricted", level: Restricted, since: 19, fn: checkSeccompRestricted},
}

// Evaluate runs the checks of lv against pod and returns the violations
// in reporting order; none means the pod meets the standard. Privileged
// runs no check. A check runs at restricted level when no restricted
// check that supersedes it applies at lv's version.
func Evaluate(lv LevelVersion, pod *podView) []Violation {
	if lv.Level == Privileged {
		return nil
	}
	applies := func(c check) bool { return lv.Version.atLeast(c.since) }
	active := map[string]bool{}
	for _, c := range checks {
		if c.level == Restricted && lv.Level == Restricted && applies(c) {
			active[c.id] = true
		}
	}
	var out []Violation
	for _, c := range checks {
		switch {
		case !applies(c):
			continue
		case c.level == Restricted && lv.Level != Restricted:
			continue
		case c.supersededBy != "" && active[c.supersededBy]:
			continue
		}
		if v := c.fn(pod); v != nil {
			out = append(out, *v)
		}
	}
	return out
}

// Message joins violations into the text after `violates PodSecurity
// "<level:version>": `.
func Message(violations []Violation) string {
	parts := make([]string, len(violations))
	for i, v := range violations {
		parts[i] = v.String()
	}
	return strings.Join(parts, ", ")
}

// joinQuote writes items as `"a", "b"`.
func joinQuote(items []string) string {
	if len(items) == 0 {
		return ""
	}
	return `"` + strings.Join(items, `", "`) + `"`
}

// pluralize picks the singular for a count of one.
func pluralize(singular, plural string, n int) string {
	if n == 1 {
		return singular
	}
	return plural
}

// containersPhrase writes `container "a"` or `containers "a", "b"`.
func containersPhrase(names []string) string {
	return pluralize("container", "containers", len(names)) + " " + joinQuote(names)
}

// set is a sorted set of strings, the way messages list values.
type set map[string]bool

func (s set) add(v ...string) {
	for _, x := range v {
		s[x] = true
	}
}

func (s set) sorted() []string {
	out := make([]string, 0, len(s))
	for k := range s {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
