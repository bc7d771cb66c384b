package node

import (
	"fmt"
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
)

// graph: on worker-1, web-0 uses a secret volume, a projected configmap,
// an env secret, envFrom a configmap, an image pull secret and a claim
// bound to pv-1; on worker-2, db-0 uses db-secret.
func graph() *StaticGraph {
	optional := true
	return &StaticGraph{
		Pods: []corev1.Pod{
			{ObjectMeta: metav1.ObjectMeta{Name: "web-0", Namespace: "default"}, Spec: corev1.PodSpec{
				NodeName: "worker-1", ServiceAccountName: "web",
				ImagePullSecrets: []corev1.LocalObjectReference{{Name: "registry"}},
				Volumes: []corev1.Volume{
					{Name: "tls", VolumeSource: corev1.VolumeSource{Secret: &corev1.SecretVolumeSource{SecretName: "web-tls"}}},
					{Name: "all", VolumeSource: corev1.VolumeSource{Projected: &corev1.ProjectedVolumeSource{Sources: []corev1.VolumeProjection{
						{ConfigMap: &corev1.ConfigMapProjection{LocalObjectReference: corev1.LocalObjectReference{Name: "kube-root-ca.crt"}}},
					}}}},
					{Name: "data", VolumeSource: corev1.VolumeSource{PersistentVolumeClaim: &corev1.PersistentVolumeClaimVolumeSource{ClaimName: "web-data"}}},
				},
				InitContainers: []corev1.Container{{Name: "init", EnvFrom: []corev1.EnvFromSource{
					{ConfigMapRef: &corev1.ConfigMapEnvSource{LocalObjectReference: corev1.LocalObjectReference{Name: "web-env"}}},
				}}},
				Containers: []corev1.Container{{Name: "web", Env: []corev1.EnvVar{
					{Name: "PASSWORD", ValueFrom: &corev1.EnvVarSource{SecretKeyRef: &corev1.SecretKeySelector{
						LocalObjectReference: corev1.LocalObjectReference{Name: "db-password"}, Key: "password", Optional: &optional}}},
				}}},
			}},
			{ObjectMeta: metav1.ObjectMeta{Name: "db-0", Namespace: "default"}, Spec: corev1.PodSpec{
				NodeName: "worker-2",
				Volumes: []corev1.Volume{
					{Name: "s", VolumeSource: corev1.VolumeSource{Secret: &corev1.SecretVolumeSource{SecretName: "db-secret"}}},
				},
			}},
		},
		Claims: []corev1.PersistentVolumeClaim{
			{ObjectMeta: metav1.ObjectMeta{Name: "web-data", Namespace: "default"}, Spec: corev1.PersistentVolumeClaimSpec{VolumeName: "pv-1"}},
		},
	}
}

var worker1 = user.Info{Name: "system:node:worker-1", Groups: []string{user.NodesGroup, user.AllAuthenticated}}

func req(verb, group, resource, sub, ns, name string) authorizer.Attributes {
	return authorizer.Attributes{User: worker1, Verb: verb, ResourceRequest: true, APIGroup: group,
		Resource: resource, Subresource: sub, Namespace: ns, Name: name}
}

// Talk 000, "Authorization chain": the Node authorizer lets a kubelet
// work on its node and on what the pods bound to it use, and nothing
// more. Each row is one kubelet request.
func TestAuthorize(t *testing.T) {
	a := New(graph())
	noRelation := fmt.Sprintf(ReasonNoRelationship, "worker-1")
	listBySelector := req("list", "", "pods", "", "", "")
	listBySelector.FieldSelector = "spec.nodeName=worker-1"
	listOthers := req("watch", "", "pods", "", "", "")
	listOthers.FieldSelector = "spec.nodeName=worker-2"
	tests := []struct {
		name       string
		attrs      authorizer.Attributes
		want       authorizer.Decision
		wantReason string
	}{
		{"get its node", req("get", "", "nodes", "", "", "worker-1"), authorizer.DecisionAllow, ""},
		{"get another node", req("get", "", "nodes", "", "", "worker-2"), authorizer.DecisionNoOpinion, "node 'worker-1' cannot read 'worker-2', only its own Node object"},
		{"list all nodes", req("list", "", "nodes", "", "", ""), authorizer.DecisionNoOpinion, "node 'worker-1' cannot read all nodes, only its own Node object"},
		{"register its node", req("create", "", "nodes", "", "", ""), authorizer.DecisionAllow, ""},
		{"update node status", req("patch", "", "nodes", "status", "", "worker-1"), authorizer.DecisionAllow, ""},
		{"delete a node", req("delete", "", "nodes", "", "", "worker-1"), authorizer.DecisionNoOpinion, ""},
		{"get its pod", req("get", "", "pods", "", "default", "web-0"), authorizer.DecisionAllow, ""},
		{"get another node's pod", req("get", "", "pods", "", "default", "db-0"), authorizer.DecisionNoOpinion, noRelation},
		{"list its pods by selector", listBySelector, authorizer.DecisionAllow, ""},
		{"watch another node's pods", listOthers, authorizer.DecisionNoOpinion, ReasonPodSelector},
		{"list every pod", req("list", "", "pods", "", "", ""), authorizer.DecisionNoOpinion, ReasonPodSelector},
		{"update pod status", req("update", "", "pods", "status", "default", "web-0"), authorizer.DecisionAllow, ""},
		{"create a mirror pod", req("create", "", "pods", "", "kube-system", ""), authorizer.DecisionAllow, ""},
		{"evict a pod", req("create", "", "pods", "eviction", "default", "web-0"), authorizer.DecisionAllow, ""},
		{"exec into a pod", req("create", "", "pods", "exec", "default", "web-0"), authorizer.DecisionNoOpinion, ""},
		{"secret volume", req("get", "", "secrets", "", "default", "web-tls"), authorizer.DecisionAllow, ""},
		{"secret env", req("get", "", "secrets", "", "default", "db-password"), authorizer.DecisionAllow, ""},
		{"image pull secret", req("watch", "", "secrets", "", "default", "registry"), authorizer.DecisionAllow, ""},
		{"another node's secret", req("get", "", "secrets", "", "default", "db-secret"), authorizer.DecisionNoOpinion, noRelation},
		{"same name, other namespace", req("get", "", "secrets", "", "prod", "web-tls"), authorizer.DecisionNoOpinion, noRelation},
		{"list secrets", req("list", "", "secrets", "", "default", ""), authorizer.DecisionNoOpinion, ReasonNoName},
		{"write a secret", req("update", "", "secrets", "", "default", "web-tls"), authorizer.DecisionNoOpinion, ReasonReadOnly},
		{"projected configmap", req("get", "", "configmaps", "", "default", "kube-root-ca.crt"), authorizer.DecisionAllow, ""},
		{"envFrom configmap of an init container", req("get", "", "configmaps", "", "default", "web-env"), authorizer.DecisionAllow, ""},
		{"claim", req("get", "", "persistentvolumeclaims", "", "default", "web-data"), authorizer.DecisionAllow, ""},
		{"claim status", req("patch", "", "persistentvolumeclaims", "status", "default", "web-data"), authorizer.DecisionAllow, ""},
		{"volume of the claim", req("get", "", "persistentvolumes", "", "", "pv-1"), authorizer.DecisionAllow, ""},
		{"another volume", req("get", "", "persistentvolumes", "", "", "pv-2"), authorizer.DecisionNoOpinion, noRelation},
		{"token for its pod's service account", req("create", "", "serviceaccounts", "token", "default", "web"), authorizer.DecisionAllow, ""},
		{"token for another service account", req("create", "", "serviceaccounts", "token", "default", "default"), authorizer.DecisionNoOpinion, noRelation},
		{"read a service account", req("get", "", "serviceaccounts", "", "default", "web"), authorizer.DecisionNoOpinion, ReasonTokenOnly},
		{"renew its lease", req("update", "coordination.k8s.io", "leases", "", NodeLeaseNamespace, "worker-1"), authorizer.DecisionAllow, ""},
		{"renew another lease", req("update", "coordination.k8s.io", "leases", "", NodeLeaseNamespace, "worker-2"), authorizer.DecisionNoOpinion, ReasonLeaseName},
		{"lease elsewhere", req("get", "coordination.k8s.io", "leases", "", "kube-system", "worker-1"), authorizer.DecisionNoOpinion, ReasonLeaseNamespace},
		{"its CSINode", req("update", "storage.k8s.io", "csinodes", "", "", "worker-1"), authorizer.DecisionAllow, ""},
		{"record an event", req("create", "", "events", "", "default", ""), authorizer.DecisionAllow, ""},
		{"read services", req("list", "", "services", "", "", ""), authorizer.DecisionAllow, ""},
		{"create a deployment", req("create", "apps", "deployments", "", "default", ""), authorizer.DecisionNoOpinion, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, reason, err := a.Authorize(t.Context(), tc.attrs)
			if d != tc.want || reason != tc.wantReason || err != nil {
				t.Errorf("Authorize = %v %q %v, want %v %q", d, reason, err, tc.want, tc.wantReason)
			}
		})
	}
}

// Only kubelets are the Node authorizer's business: a user named like a
// node but outside system:nodes, or any other user, gets no opinion and
// no reason, so RBAC decides alone.
func TestOnlyKubelets(t *testing.T) {
	a := New(graph())
	tests := []struct {
		name       string
		user       user.Info
		wantReason string
	}{
		{"not in system:nodes", user.Info{Name: "system:node:worker-1"}, ""},
		{"ordinary user", user.Info{Name: "jane", Groups: []string{user.NodesGroup}}, ""},
		{"no node name", user.Info{Name: "system:node:", Groups: []string{user.NodesGroup}}, `unknown node for user "system:node:"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			attrs := req("get", "", "nodes", "", "", "worker-1")
			attrs.User = tc.user
			d, reason, _ := a.Authorize(t.Context(), attrs)
			if d != authorizer.DecisionNoOpinion || reason != tc.wantReason {
				t.Errorf("Authorize = %v %q, want NoOpinion %q", d, reason, tc.wantReason)
			}
		})
	}
}

// A kubelet's permissions depend on the graph, so they cannot be listed.
func TestRulesFor(t *testing.T) {
	a := New(graph())
	if r, err := a.RulesFor(t.Context(), worker1, "default"); !r.Incomplete || err == nil {
		t.Errorf("kubelet: %+v, %v; want incomplete with an error", r, err)
	}
	if r, err := a.RulesFor(t.Context(), user.Info{Name: "jane"}, "default"); r.Incomplete || err != nil {
		t.Errorf("jane: %+v, %v; want nothing", r, err)
	}
}
