// Package podsecurity is the PodSecurity admission plugin: it checks
// pods, and the pod templates of workloads, against the Pod Security
// Standards a namespace asks for in its labels.
//
// PodSecurity is the successor of PodSecurityPolicy, the plugin talk 000
// names among its "Examples: Admission controllers". PodSecurityPolicy
// objects granted pods a policy through RBAC, which proved hard to reason
// about; Kubernetes removed them in 1.25. The standards replace them with
// three fixed levels chosen per namespace:
//
//   - privileged: no restriction.
//   - baseline: no known privilege escalation (host namespaces, privileged
//     containers, added capabilities, hostPath, host ports, unconfined
//     AppArmor or seccomp, custom SELinux types, unmasked /proc, unsafe
//     sysctls).
//   - restricted: baseline, plus the hardening a pod must opt into
//     (allowPrivilegeEscalation=false, runAsNonRoot, no runAsUser 0,
//     RuntimeDefault or Localhost seccomp, drop ALL capabilities, only
//     volume types without host access).
//
// A namespace picks a level per mode with labels:
//
//	pod-security.kubernetes.io/enforce: restricted   # reject violating pods
//	pod-security.kubernetes.io/warn: restricted      # warn the client
//	pod-security.kubernetes.io/audit: baseline       # annotate the audit event
//	pod-security.kubernetes.io/enforce-version: v1.30
//
// Usage:
//
//	plugin, err := podsecurity.New(podsecurity.Config{
//		Namespaces: namespaceGetter,
//		Exemptions: podsecurity.Exemptions{Namespaces: []string{"kube-system"}},
//		Warn:       addWarningHeader,
//	})
//	err = plugin.Validate(ctx, attrs) // 403 with upstream's message, or nil
//	// attrs.Annotations now holds pod-security.kubernetes.io/enforce-policy, ...
//
// Differences from upstream: the checks read a pod's JSON (see pod.go),
// so they work on fields the project's Go types do not carry yet; a
// pinned version skips checks newer than it, but checks whose rules
// changed over time use their newest rules; the user-namespace
// relaxation of runAsNonRoot and procMount is left out.
//
// Talk 000, "Admission controllers": this is a validating plugin; it
// rejects, it never modifies.
package podsecurity
