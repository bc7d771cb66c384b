// Package labels matches objects by their labels: a Set is the labels an
// object carries, a Selector is a query over them.
//
// Talk 002, "Labels" and "Selectors": labels are the only grouping
// mechanism in Kubernetes, and a selector is a "select ... where ..." over
// them. A ReplicaSet owns the pods its selector matches; a Service sends
// traffic to the pods its selector matches; `kubectl get pods -l app=web`
// sends a selector string to the API server, which parses it with Parse.
//
// Usage:
//
//	sel, err := labels.Parse("app=web,tier in (front,back),!canary")
//	if err != nil { ... }
//	if sel.Matches(labels.Set(pod.Labels)) { ... }
//	fmt.Println(sel) // app=web,!canary,tier in (back,front)
//
// Two syntaxes are accepted, as upstream accepts them:
//
//   - equality-based: key=value, key==value, key!=value
//   - set-based: key in (v1,v2), key notin (v1), key (exists), !key
//     (does not exist), and key>n, key<n for integer values.
//
// A Selector is immutable; String prints its canonical form (requirements
// sorted by key, set values sorted) that parses back to the same Selector.
package labels
