// Package namespacelifecycle is the NamespaceLifecycle admission plugin:
// it keeps objects out of namespaces that do not exist or are going away,
// and keeps the system namespaces from being deleted.
//
// Deleting a namespace is slow: the server marks it Terminating, and the
// namespace controller (stage 3) deletes everything inside before the
// namespace itself goes. Without this plugin a client could keep creating
// pods in a namespace while it is being emptied, and deletion would never
// finish; and a typo in a namespace name would create an object nobody
// can list. So on every write:
//
//   - delete of default, kube-system or kube-public: 403
//     `namespaces "default" is forbidden: this namespace may not be deleted`;
//   - create in a namespace that does not exist: 404
//     `namespaces "x" not found`;
//   - create in a Terminating namespace: 403 `unable to create new content
//     in namespace x because it is being terminated`, with a
//     NamespaceTerminating cause.
//
// Updates and deletes inside a Terminating namespace pass: the
// controller's own deletes must.
//
// Usage:
//
//	plugins := &admission.Plugins{}
//	namespacelifecycle.Register(plugins) // then Options.NewChain
//
// Talk 000, "Admission controllers": one of the plugins that may reject a
// write; it runs first in the chain (admission.RecommendedOrder). The
// talk's Initializers, which let a controller finish an object before
// others saw it, were removed from Kubernetes; mutating admission webhooks
// (admission/plugin/webhook) replaced them.
package namespacelifecycle
