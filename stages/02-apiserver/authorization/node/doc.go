// Package node is the Node authorization mode: what a kubelet may do.
//
// A kubelet authenticates as user system:node:<name> in group
// system:nodes. This authorizer lets it work on its own node and on the
// pods bound to it, and nothing else:
//
//   - its Node: get, list and watch only its own (by name or with a
//     metadata.name field selector), create, update and patch (admission's
//     NodeRestriction pins the object to itself), update and patch
//     nodes/status;
//   - pods: get a pod bound to it, list and watch only with the field
//     selector spec.nodeName=<its name>, create and delete (mirror pods),
//     update and patch pods/status, create pods/eviction;
//   - secrets and configmaps: get, list and watch one object by name, when
//     a pod bound to the node references it (volumes, projected volumes,
//     env, envFrom, imagePullSecrets);
//   - persistentvolumeclaims a bound pod mounts (get, and update/patch of
//     their status), and the persistentvolumes those claims are bound to
//     (get);
//   - serviceaccounts/token: create a token for the service account of a
//     pod bound to it;
//   - leases in kube-node-lease named after the node (its heartbeat), and
//     the CSINode named after it;
//   - everything else by the static rules of the system:node role
//     (bootstrap.NodeRules): events, services, tokenreviews, ...
//
// Requests from any other user get NoOpinion, so the next mode (RBAC)
// decides. A kubelet denied here gets NoOpinion too, with a reason such as
// "no relationship found between node 'worker-1' and this object", which
// the 403 message ends with.
//
//	a := node.New(graph) // graph: which pods are bound where, see Graph
//
// Upstream keeps an in-memory graph updated by informers; here Graph is an
// interface the apiserver answers from its watch cache, and relationships
// are found by walking the node's pods on each request.
// VolumeAttachments, ResourceClaims and ResourceSlices are not served by
// this apiserver yet and are not special-cased.
//
// Talk 000, "Authorization chain": Node.
package node
