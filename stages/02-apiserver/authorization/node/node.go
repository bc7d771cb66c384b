// The Node authorizer: a kubelet's requests, checked against its node.
//
// Interface:
//   - New(graph) *Authorizer; (*Authorizer).Authorize and RulesFor.
//   - NodeName(u): the node a user is the kubelet of.
//   - The reasons tests compare: ReasonNoRelationship and friends.
//
// Authorize dispatches on the resource (authorizeNode, authorizePod,
// authorizeReadReferenced, ...); relatedTo walks the graph.
package node

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/rbac"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/rbac/bootstrap"
)

// NodeLeaseNamespace holds one Lease per node, renewed by its kubelet.
const NodeLeaseNamespace = "kube-node-lease"

// Reasons, upstream's wording; %s is the node name.
const (
	ReasonNoRelationship   = "no relationship found between node '%s' and this object"
	ReasonNoName           = "No Object name found"
	ReasonReadOnly         = "can only read resources of this type"
	ReasonGetOnly          = "can only get individual resources of this type"
	ReasonPodSelector      = "can only list/watch pods with spec.nodeName field selector"
	ReasonAllNodes         = "node '%s' cannot read all nodes, only its own Node object"
	ReasonOtherNode        = "node '%s' cannot read '%s', only its own Node object"
	ReasonLeaseNamespace   = "can only access leases in the \"kube-node-lease\" system namespace"
	ReasonLeaseName        = "can only access node lease with the same name as the requesting node"
	ReasonLeaseVerbs       = "can only get, create, update, patch, or delete a node lease"
	ReasonTokenOnly        = "can only create tokens for individual service accounts"
	ReasonTokenSubresource = "can only create token subresource of serviceaccount"
)

// Authorizer is the Node mode.
type Authorizer struct {
	graph Graph
	rules []rbacv1.PolicyRule // what every kubelet may do beyond the graph
}

var (
	_ authorizer.Authorizer   = (*Authorizer)(nil)
	_ authorizer.RuleResolver = (*Authorizer)(nil)
)

// New returns the Node authorizer over graph.
func New(graph Graph) *Authorizer {
	return &Authorizer{graph: graph, rules: bootstrap.NodeRules()}
}

// NodeName returns the node u is the kubelet of: a user named
// system:node:<name> in group system:nodes. ok is false for other users;
// name is "" for a member of system:nodes without a node name.
func NodeName(u user.Info) (name string, ok bool) {
	name, found := strings.CutPrefix(u.Name, user.NodeUserPrefix)
	if !found || !slices.Contains(u.Groups, user.NodesGroup) {
		return "", false
	}
	return name, true
}

// Authorize allows what a kubelet needs (see the package comment) and has
// no opinion about everything else, and about every non-kubelet.
func (n *Authorizer) Authorize(_ context.Context, a authorizer.Attributes) (authorizer.Decision, string, error) {
	node, ok := NodeName(a.User)
	if !ok {
		return authorizer.DecisionNoOpinion, "", nil
	}
	if node == "" {
		return authorizer.DecisionNoOpinion, fmt.Sprintf("unknown node for user %q", a.User.Name), nil
	}
	if a.ResourceRequest {
		switch a.APIGroup + "/" + a.Resource {
		case "/nodes":
			return n.authorizeNode(node, a)
		case "/pods":
			return n.authorizePod(node, a)
		case "/secrets", "/configmaps":
			return n.authorizeReadReferenced(node, a)
		case "/persistentvolumeclaims", "/persistentvolumes":
			return n.authorizeVolume(node, a)
		case "/serviceaccounts":
			return n.authorizeToken(node, a)
		case "coordination.k8s.io/leases":
			return authorizeLease(node, a)
		case "storage.k8s.io/csinodes":
			return authorizeCSINode(node, a)
		}
	}
	if rbac.RulesAllow(a, n.rules...) {
		return authorizer.DecisionAllow, "", nil
	}
	return authorizer.DecisionNoOpinion, "", nil
}

// RulesFor cannot list a kubelet's permissions, which depend on the
// graph: for a kubelet it returns no rules, incomplete, with upstream's
// error; for anyone else, no rules.
func (n *Authorizer) RulesFor(_ context.Context, u user.Info, _ string) (authorizer.Rules, error) {
	if _, ok := NodeName(u); ok {
		return authorizer.Rules{Incomplete: true}, errors.New("node authorizer does not support user rule resolution")
	}
	return authorizer.Rules{}, nil
}

// authorizeNode: read only its own Node; create, update and patch (and
// status) are left to the NodeRestriction admission plugin.
func (n *Authorizer) authorizeNode(node string, a authorizer.Attributes) (authorizer.Decision, string, error) {
	switch {
	case a.Subresource == "" && slices.Contains([]string{"create", "update", "patch"}, a.Verb):
		return allow()
	case a.Subresource == "status" && (a.Verb == "update" || a.Verb == "patch"):
		return allow()
	case a.Subresource == "" && a.IsReadOnly():
		switch a.Name {
		case node:
			return allow()
		case "":
			return noOpinion(ReasonAllNodes, node)
		}
		return noOpinion(ReasonOtherNode, node, a.Name)
	}
	return noOpinion("")
}

// authorizePod: its pods only. A list or watch must select
// spec.nodeName=<node>; the apiserver's field selector then makes sure
// nothing else is returned.
func (n *Authorizer) authorizePod(node string, a authorizer.Attributes) (authorizer.Decision, string, error) {
	switch a.Subresource {
	case "":
		switch a.Verb {
		case "get":
			return n.related(node, "pods", a)
		case "list", "watch":
			if v, ok := a.FieldSelectorRequires("spec.nodeName"); ok && v == node {
				return allow()
			}
			if a.Name != "" {
				return n.related(node, "pods", a)
			}
			return noOpinion(ReasonPodSelector)
		case "create", "delete":
			return allow() // mirror pods; NodeRestriction checks the binding
		}
	case "status":
		if a.Verb == "update" || a.Verb == "patch" {
			return allow()
		}
	case "eviction":
		if a.Verb == "create" {
			return allow()
		}
	}
	return noOpinion("")
}

// authorizeReadReferenced: read one secret or configmap a pod of the node
// references.
func (n *Authorizer) authorizeReadReferenced(node string, a authorizer.Attributes) (authorizer.Decision, string, error) {
	switch {
	case !a.IsReadOnly():
		return noOpinion(ReasonReadOnly)
	case a.Subresource != "":
		return noOpinion("cannot read subresource")
	case a.Namespace == "":
		return noOpinion("can only read namespaced object of this type")
	}
	return n.related(node, a.Resource, a)
}

// authorizeVolume: get a claim (or its volume) a pod of the node mounts,
// and update the claim's status.
func (n *Authorizer) authorizeVolume(node string, a authorizer.Attributes) (authorizer.Decision, string, error) {
	if a.Resource == "persistentvolumeclaims" && a.Subresource == "status" {
		if a.Verb != "update" && a.Verb != "patch" {
			return noOpinion("can only get/update/patch this type")
		}
		return n.related(node, a.Resource, a)
	}
	if a.Verb != "get" {
		return noOpinion(ReasonGetOnly)
	}
	if a.Subresource != "" {
		return noOpinion("cannot get subresource")
	}
	return n.related(node, a.Resource, a)
}

// authorizeToken: a token for the service account of a pod of the node.
func (n *Authorizer) authorizeToken(node string, a authorizer.Attributes) (authorizer.Decision, string, error) {
	if a.Verb != "create" || a.Name == "" {
		return noOpinion(ReasonTokenOnly)
	}
	if a.Subresource != "token" {
		return noOpinion(ReasonTokenSubresource)
	}
	return n.related(node, a.Resource, a)
}

// authorizeLease: the node's heartbeat Lease. The name is unknown on
// create; NodeRestriction checks it then.
func authorizeLease(node string, a authorizer.Attributes) (authorizer.Decision, string, error) {
	switch {
	case !slices.Contains([]string{"get", "create", "update", "patch", "delete"}, a.Verb):
		return noOpinion(ReasonLeaseVerbs)
	case a.Namespace != NodeLeaseNamespace:
		return noOpinion(ReasonLeaseNamespace)
	case a.Verb != "create" && a.Name != node:
		return noOpinion(ReasonLeaseName)
	}
	return allow()
}

// authorizeCSINode: the CSINode named after the node.
func authorizeCSINode(node string, a authorizer.Attributes) (authorizer.Decision, string, error) {
	switch {
	case !slices.Contains([]string{"get", "create", "update", "patch", "delete"}, a.Verb):
		return noOpinion("can only get, create, update, patch, or delete a CSINode")
	case a.Subresource != "":
		return noOpinion("cannot authorize CSINode subresources")
	case a.Verb != "create" && a.Name != node:
		return noOpinion("can only access CSINode with the same name as the requesting node")
	}
	return allow()
}

// related allows a when the object it names is used by a pod bound to
// node.
func (n *Authorizer) related(node, resource string, a authorizer.Attributes) (authorizer.Decision, string, error) {
	if a.Name == "" {
		return noOpinion(ReasonNoName)
	}
	ok, err := n.relatedTo(node, resource, a.Namespace, a.Name)
	if err != nil || !ok {
		// A lookup error is a missing edge, as upstream's graph reports it.
		return noOpinion(ReasonNoRelationship, node)
	}
	return allow()
}

// relatedTo walks node <- pod <- {secret, configmap, pvc <- pv,
// serviceaccount}.
func (n *Authorizer) relatedTo(node, resource, namespace, name string) (bool, error) {
	pods, err := n.graph.PodsOnNode(node)
	if err != nil {
		return false, err
	}
	for _, pod := range pods {
		if resource != "persistentvolumes" && pod.Namespace != namespace {
			continue
		}
		refs := references(pod)
		switch resource {
		case "pods":
			if pod.Name == name {
				return true, nil
			}
		case "secrets":
			if slices.Contains(refs.secrets, name) {
				return true, nil
			}
		case "configmaps":
			if slices.Contains(refs.configMaps, name) {
				return true, nil
			}
		case "persistentvolumeclaims":
			if slices.Contains(refs.claims, name) {
				return true, nil
			}
		case "serviceaccounts":
			if refs.serviceAccount == name {
				return true, nil
			}
		case "persistentvolumes":
			for _, claim := range refs.claims {
				pvc, err := n.graph.PersistentVolumeClaim(pod.Namespace, claim)
				if err == nil && pvc.Spec.VolumeName == name {
					return true, nil
				}
			}
		}
	}
	return false, nil
}

func allow() (authorizer.Decision, string, error) { return authorizer.DecisionAllow, "", nil }

func noOpinion(format string, args ...any) (authorizer.Decision, string, error) {
	if len(args) > 0 {
		format = fmt.Sprintf(format, args...)
	}
	return authorizer.DecisionNoOpinion, format, nil
}
