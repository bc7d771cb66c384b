// Package fields matches objects by the values of a few of their fields:
// the field selectors of `kubectl get pods --field-selector
// spec.nodeName=node-1,status.phase!=Running`.
//
// Unlike a label selector, a field selector only knows equality: "=" (or
// "=="), and "!=". Each resource decides which fields it can be selected by
// (every resource supports metadata.name and metadata.namespace; pods add
// spec.nodeName, status.phase, ...); the caller turns an object into a
// Set of those fields and asks the Selector whether it matches.
//
// Usage:
//
//	sel, err := fields.ParseSelector("spec.nodeName=node-1,status.phase!=Succeeded")
//	if err != nil { ... }
//	ok := sel.Matches(fields.Set{"spec.nodeName": pod.Spec.NodeName, "status.phase": string(pod.Status.Phase)})
//	node, found := sel.RequiresExactMatch("spec.nodeName") // "node-1", true
//
// A kubelet (stage 5) watches only its own pods with spec.nodeName=NAME; the
// scheduler (stage 4) watches the unscheduled ones with spec.nodeName=.
// Talk 000, "Kubelet": the kubelet asks the API server for the pods bound
// to its node.
//
// Values may contain ',', '=' and '\' when escaped with a backslash
// (EscapeValue); String escapes them, so it always parses back.
package fields
