package openapi

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
)

// v3Operation returns the decoded operation of method on path in the v3
// document at gvPath, or nil.
func v3Op(t *testing.T, gvPath, path, method string) map[string]any {
	t.Helper()
	data, _ := served().V3(gvPath)
	item, _ := decodeJSON(t, data)["paths"].(map[string]any)[path].(map[string]any)
	op, _ := item[method].(map[string]any)
	return op
}

// Talk 000, "API discovery": each verb of the registry is one operation,
// named as upstream names it, so that clients find it by its action and
// kind.
func TestOperations(t *testing.T) {
	tests := []struct {
		name, gvPath, path, method string
		wantID, wantAction         string
		wantKind                   gvkExtension
	}{
		{"list pods in a namespace", "api/v1", "/api/v1/namespaces/{namespace}/pods", "get",
			"listCoreV1NamespacedPod", "list", gvkExtension{Version: "v1", Kind: "Pod"}},
		{"list pods everywhere", "api/v1", "/api/v1/pods", "get",
			"listCoreV1PodForAllNamespaces", "list", gvkExtension{Version: "v1", Kind: "Pod"}},
		{"create a pod", "api/v1", "/api/v1/namespaces/{namespace}/pods", "post",
			"createCoreV1NamespacedPod", "post", gvkExtension{Version: "v1", Kind: "Pod"}},
		{"delete a collection", "api/v1", "/api/v1/namespaces/{namespace}/pods", "delete",
			"deleteCoreV1CollectionNamespacedPod", "deletecollection", gvkExtension{Version: "v1", Kind: "Pod"}},
		{"bind a pod", "api/v1", "/api/v1/namespaces/{namespace}/pods/{name}/binding", "post",
			"createCoreV1NamespacedPodBinding", "post", gvkExtension{Version: "v1", Kind: "Binding"}},
		{"read a node (cluster scope)", "api/v1", "/api/v1/nodes/{name}", "get",
			"readCoreV1Node", "get", gvkExtension{Version: "v1", Kind: "Node"}},
		{"finalize a namespace", "api/v1", "/api/v1/namespaces/{name}/finalize", "put",
			"replaceCoreV1NamespaceFinalize", "put", gvkExtension{Version: "v1", Kind: "Namespace"}},
		{"replace a deployment", "apis/apps/v1", "/apis/apps/v1/namespaces/{namespace}/deployments/{name}", "put",
			"replaceAppsV1NamespacedDeployment", "put", gvkExtension{Group: "apps", Version: "v1", Kind: "Deployment"}},
		{"patch a deployment's status", "apis/apps/v1", "/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status", "patch",
			"patchAppsV1NamespacedDeploymentStatus", "patch", gvkExtension{Group: "apps", Version: "v1", Kind: "Deployment"}},
		{"scale speaks autoscaling/v1", "apis/apps/v1", "/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale", "get",
			"readAppsV1NamespacedDeploymentScale", "get", gvkExtension{Group: "autoscaling", Version: "v1", Kind: "Scale"}},
		{"watch one deployment", "apis/apps/v1", "/apis/apps/v1/watch/namespaces/{namespace}/deployments/{name}", "get",
			"watchAppsV1NamespacedDeployment", "watch", gvkExtension{Group: "apps", Version: "v1", Kind: "Deployment"}},
		{"watch every deployment", "apis/apps/v1", "/apis/apps/v1/watch/deployments", "get",
			"watchAppsV1DeploymentListForAllNamespaces", "watchlist", gvkExtension{Group: "apps", Version: "v1", Kind: "Deployment"}},
		{"a dotted group", "apis/rbac.authorization.k8s.io/v1", "/apis/rbac.authorization.k8s.io/v1/clusterroles", "post",
			"createRbacAuthorizationV1ClusterRole", "post", gvkExtension{Group: "rbac.authorization.k8s.io", Version: "v1", Kind: "ClusterRole"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			op := v3Op(t, tc.gvPath, tc.path, tc.method)
			if op == nil {
				t.Fatalf("no %s %s", tc.method, tc.path)
			}
			got := gvkExtension{}
			if m, ok := op["x-kubernetes-group-version-kind"].(map[string]any); ok {
				got = gvkExtension{Group: m["group"].(string), Version: m["version"].(string), Kind: m["kind"].(string)}
			}
			if op["operationId"] != tc.wantID || op["x-kubernetes-action"] != tc.wantAction || got != tc.wantKind {
				t.Errorf("got %v %v %v, want %s %s %v", op["operationId"], op["x-kubernetes-action"], got, tc.wantID, tc.wantAction, tc.wantKind)
			}
		})
	}
}

// What a resource cannot do has no operation: the registry's verbs and
// subresources decide.
func TestOperationsFollowVerbs(t *testing.T) {
	tests := []struct {
		name, gvPath, path, method string
	}{
		{"bindings are only created", "api/v1", "/api/v1/namespaces/{namespace}/bindings/{name}", "get"},
		{"namespaces have no deletecollection", "api/v1", "/api/v1/namespaces", "delete"},
		{"pods/log is a text stream", "api/v1", "/api/v1/namespaces/{namespace}/pods/{name}/log", "get"},
		{"pods/eviction has no Go type here", "api/v1", "/api/v1/namespaces/{namespace}/pods/{name}/eviction", "post"},
		{"nodes are not namespaced", "api/v1", "/api/v1/namespaces/{namespace}/nodes", "get"},
		{"status cannot be created", "apis/apps/v1", "/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status", "post"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if op := v3Op(t, tc.gvPath, tc.path, tc.method); op != nil {
				t.Errorf("%s %s exists: %v", tc.method, tc.path, op["operationId"])
			}
		})
	}
}

// A patch operation offers strategic merge patch only for kinds whose Go
// types carry patch directives (strategic.go explains kubectl apply's
// reasons); the other patch types are always offered.
func TestStrategicMergePatchOffer(t *testing.T) {
	body := v3Op(t, "apis/apps/v1", "/apis/apps/v1/namespaces/{namespace}/deployments/{name}", "patch")["requestBody"].(map[string]any)
	var got []string
	for ct := range body["content"].(map[string]any) {
		got = append(got, ct)
	}
	slices.Sort(got)
	// Deployments carry patchMergeKey tags (containers by name), so the
	// strategic merge patch is offered, as upstream does for built-in kinds.
	want := []string{contentApplyPatch, contentJSONPatch, contentMergePatch, contentStrategic}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("patch content types (-want +got):\n%s", diff)
	}

	// A kind whose type carries a patchMergeKey tag gets the offer.
	r := &scheme.Resource{Group: "example.com", Version: "v1", Kind: "Merged", Resource: "mergeds",
		Verbs: []string{"patch"}, New: func() metav1.Object { return new(mergedKind) }}
	c := newCatalog([]*scheme.Resource{r})
	ops := c.paths(r.GroupVersion())
	if len(ops) != 1 || len(ops[0].ops) != 1 {
		t.Fatalf("paths = %+v, want one patch operation", ops)
	}
	if !slices.Contains(ops[0].ops[0].consumes, contentStrategic) {
		t.Errorf("consumes = %v, want %s among them", ops[0].ops[0].consumes, contentStrategic)
	}
}

// mergedKind is a kind whose spec has a strategic merge patch directive.
type mergedKind struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              merged `json:"spec"`
}

func TestNames(t *testing.T) {
	tests := []struct {
		gv               metav1.GroupVersion
		path, op, tagged string
	}{
		{metav1.GroupVersion{Version: "v1"}, "api/v1", "CoreV1", "core_v1"},
		{metav1.GroupVersion{Group: "apps", Version: "v1"}, "apis/apps/v1", "AppsV1", "apps_v1"},
		{metav1.GroupVersion{Group: "coordination.k8s.io", Version: "v1"}, "apis/coordination.k8s.io/v1", "CoordinationV1", "coordination_v1"},
		{metav1.GroupVersion{Group: "rbac.authorization.k8s.io", Version: "v1"}, "apis/rbac.authorization.k8s.io/v1", "RbacAuthorizationV1", "rbacAuthorization_v1"},
	}
	for _, tc := range tests {
		t.Run(tc.gv.String(), func(t *testing.T) {
			if got := groupVersionPath(tc.gv); got != tc.path {
				t.Errorf("groupVersionPath = %q, want %q", got, tc.path)
			}
			if got := operationPrefix(tc.gv); got != tc.op {
				t.Errorf("operationPrefix = %q, want %q", got, tc.op)
			}
			if got := tag(tc.gv); got != tc.tagged {
				t.Errorf("tag = %q, want %q", got, tc.tagged)
			}
		})
	}
}
