package testserver_test

import (
	"strings"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/testserver"
)

// replicaSetOf returns a ReplicaSet owned by the stored object owner.
func replicaSetOf(name string, owner map[string]any) map[string]any {
	uid, _ := unstructured.NestedString(owner, "metadata", "uid")
	rs := map[string]any{
		"apiVersion": "apps/v1", "kind": "ReplicaSet",
		"metadata": map[string]any{"name": name, "ownerReferences": []any{map[string]any{
			"apiVersion": "apps/v1", "kind": "Deployment", "name": unstructured.Name(owner), "uid": uid, "controller": true,
		}}},
		"spec": map[string]any{"selector": map[string]any{"matchLabels": map[string]any{"app": "web"}}},
	}
	return rs
}

// kubectl sends a delete's options as a DeleteOptions body, not in the
// query; the server reads either, as the API server does: dryRun keeps the
// object, propagationPolicy decides what happens to the ReplicaSet the
// Deployment owns. Talk 002, the Ghost demo's "delete".
func TestDeleteOptions(t *testing.T) {
	for _, tc := range []struct {
		name, query string
		body        any
		wantWeb     bool // the Deployment is still stored
		wantRS      bool // its ReplicaSet is still stored
		rsOwned     bool // ... and still names its owner
	}{
		{"dry run in the body", "", map[string]any{"kind": "DeleteOptions", "apiVersion": "v1", "dryRun": []any{"All"}}, true, true, true},
		{"dry run in the query", "?dryRun=All", nil, true, true, true},
		{"background by default", "", nil, false, false, false},
		{"foreground in the body", "", map[string]any{"propagationPolicy": "Foreground"}, false, false, false},
		{"orphan in the body", "", map[string]any{"propagationPolicy": "Orphan"}, false, true, false},
		{"orphan in the query", "?propagationPolicy=Orphan", nil, false, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := testserver.Start(t)
			web, err := srv.Create(deployment("web", 1, nil))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := srv.Create(replicaSetOf("web-1", web)); err != nil {
				t.Fatal(err)
			}
			code, _, body := call(t, srv, "DELETE", deployments+"/web"+tc.query, tc.body)
			if code != 200 || unstructured.Name(decode(t, body)) != "web" {
				t.Fatalf("DELETE: %d %s", code, body)
			}
			_, hasWeb := srv.Object("apps/v1", "Deployment", "default", "web")
			rs, hasRS := srv.Object("apps/v1", "ReplicaSet", "default", "web-1")
			_, owned := unstructured.NestedSlice(rs, "metadata", "ownerReferences")
			if hasWeb != tc.wantWeb || hasRS != tc.wantRS || owned != tc.rsOwned {
				t.Errorf("after delete: deployment %v, replicaset %v (owned %v); want %v, %v (%v)",
					hasWeb, hasRS, owned, tc.wantWeb, tc.wantRS, tc.rsOwned)
			}
		})
	}
}

// DeleteOptions are checked before anything is deleted, with upstream's
// reasons.
func TestDeleteOptionsInvalid(t *testing.T) {
	srv := testserver.Start(t, testserver.WithObjects(deployment("web", 1, nil)))
	for _, tc := range []struct {
		name  string
		query string
		body  any
		code  int
		want  string
	}{
		{"unknown policy", "", map[string]any{"propagationPolicy": "Later"}, 422,
			`DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \"Later\"`},
		{"unknown dry run", "?dryRun=Some", nil, 422, `dryRun: Unsupported value: \"Some\"`},
		{"grace period not a number", "?gracePeriodSeconds=soon", nil, 400, "gracePeriodSeconds"},
		{"grace period of the wrong type", "", map[string]any{"gracePeriodSeconds": "soon"}, 400, "could not be decoded as DeleteOptions"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, body := call(t, srv, "DELETE", deployments+"/web"+tc.query, tc.body)
			if code != tc.code || !strings.Contains(string(body), tc.want) {
				t.Errorf("DELETE: %d %s\nwant %d containing %s", code, body, tc.code, tc.want)
			}
		})
	}
	if _, ok := srv.Object("apps/v1", "Deployment", "default", "web"); !ok {
		t.Error("a refused delete removed the object")
	}
}

// The answer to a pod's delete carries the grace period it was given, as
// the API server's answer to a graceful delete does; 0 deletes at once.
func TestDeletePodGracePeriod(t *testing.T) {
	for _, tc := range []struct {
		name  string
		body  any
		grace int64 // 0: no deletionTimestamp
	}{
		{"pod default", nil, 30},
		{"from the body", map[string]any{"gracePeriodSeconds": 5}, 5},
		{"immediate", map[string]any{"gracePeriodSeconds": 0}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := testserver.Start(t, testserver.WithObjects(map[string]any{"apiVersion": "v1", "kind": "Pod",
				"metadata": map[string]any{"name": "p"}, "spec": map[string]any{"containers": []any{map[string]any{"name": "c", "image": "nginx"}}}}))
			_, _, body := call(t, srv, "DELETE", "/api/v1/namespaces/default/pods/p", tc.body)
			pod := decode(t, body)
			grace, _ := unstructured.NestedInt64(pod, "metadata", "deletionGracePeriodSeconds")
			ts, _ := unstructured.NestedString(pod, "metadata", "deletionTimestamp")
			if grace != tc.grace || (ts != "") != (tc.grace > 0) {
				t.Errorf("deletionGracePeriodSeconds %d, deletionTimestamp %q; want %d", grace, ts, tc.grace)
			}
			if _, ok := srv.Object("v1", "Pod", "default", "p"); ok {
				t.Error("the pod is still stored; with no kubelet to wait for it must be gone")
			}
		})
	}
}
