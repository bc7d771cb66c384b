package registry_test

import (
	"slices"
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// Talk 002, "labels and selectors"; the kubelet lists its pods with
// spec.nodeName=<node> and `kubectl describe` a pod's events with
// involvedObject.name=<pod>.
func TestListSelectors(t *testing.T) {
	e := newEnv(t)
	pods := e.pods(t)
	for _, p := range []struct{ name, app, node string }{{"a", "web", "n1"}, {"b", "web", ""}, {"c", "db", "n1"}} {
		pod := newPod(p.name, map[string]string{"app": p.app})
		pod.Spec.NodeName = p.node
		create(t, pods, pod)
	}
	other := newPod("d", map[string]string{"app": "web"})
	other.Namespace = "kube-system"
	create(t, pods, other)
	events := e.storage(t, "", "events")
	for _, about := range []string{"a", "b"} {
		create(t, events, &corev1.Event{
			ObjectMeta:     metav1.ObjectMeta{Name: "ev-" + about, Namespace: "default"},
			InvolvedObject: corev1.ObjectReference{Kind: "Pod", Namespace: "default", Name: about},
			Reason:         "Scheduled",
		})
	}

	tests := []struct {
		name      string
		storage   registry.Storage
		namespace string
		label     string
		field     string
		want      string
	}{
		{"everything in default", pods, "default", "", "", "a,b,c"},
		{"every namespace", pods, "", "", "", "a,b,c,d"},
		{"label", pods, "default", "app=web", "", "a,b"},
		{"label set-based", pods, "", "app in (db)", "", "c"},
		{"spec.nodeName", pods, "default", "", "spec.nodeName=n1", "a,c"},
		{"unbound pods", pods, "default", "", "spec.nodeName=", "b"},
		{"legacy spec.host", pods, "default", "", "spec.host=n1", "a,c"},
		{"label and field", pods, "default", "app=web", "spec.nodeName!=", "a"},
		{"metadata.name", pods, "", "", "metadata.name=d", "d"},
		{"status.phase", pods, "default", "", "status.phase=Pending", "a,b,c"},
		{"involvedObject.name", events, "default", "", "involvedObject.name=b", "ev-b"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opts := registry.ListOptions{}
			if tc.label != "" {
				opts.Label = mustLabels(t, tc.label)
			}
			if tc.field != "" {
				opts.Field = mustFields(t, tc.field)
			}
			list, err := tc.storage.List(t.Context(), tc.namespace, opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := names(list.Items); got != tc.want {
				t.Errorf("selected %s, want %s", got, tc.want)
			}
		})
	}
}

// A field the kind cannot be selected by is a 400 in upstream's words,
// for list and watch alike.
func TestUnsupportedFieldSelector(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		name, group, resource, field, message string
	}{
		{"pods by spec.image", "", "pods", "spec.image=nginx", `^field label not supported: spec.image$`},
		{"nodes by namespace", "", "nodes", "metadata.namespace=default", `^field label not supported: metadata.namespace$`},
		{"configmaps by data", "", "configmaps", "data.k=v", `^field label not supported: data.k$`},
		{"events.k8s.io events by a core field", "events.k8s.io", "events", "involvedObject.name=web",
			`^field label not supported: involvedObject.name$`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := e.storage(t, tc.group, tc.resource)
			opts := registry.ListOptions{Field: mustFields(t, tc.field)}
			_, err := s.List(t.Context(), "", opts)
			wantStatus(t, err, 400, metav1.StatusReasonBadRequest, tc.message)
			_, err = s.Watch(t.Context(), "", opts)
			wantStatus(t, err, 400, metav1.StatusReasonBadRequest, tc.message)
		})
	}
}

// Each kind's selectable fields, as upstream's field label conversions.
func TestSelectableFields(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		group, resource string
		want            []string
	}{
		{"", "nodes", []string{"metadata.name", "spec.unschedulable"}},
		{"", "namespaces", []string{"metadata.name", "status.phase"}},
		{"", "secrets", []string{"metadata.name", "metadata.namespace", "type"}},
		{"", "services", []string{"metadata.name", "metadata.namespace", "spec.clusterIP", "spec.type"}},
		{"apps", "replicasets", []string{"metadata.name", "metadata.namespace", "status.replicas"}},
		{"batch", "jobs", []string{"metadata.name", "metadata.namespace", "status.successful"}},
		{"", "configmaps", []string{"metadata.name", "metadata.namespace"}},
		{"", "events", []string{"involvedObject.apiVersion", "involvedObject.fieldPath", "involvedObject.kind",
			"involvedObject.name", "involvedObject.namespace", "involvedObject.resourceVersion", "involvedObject.uid",
			"metadata.name", "metadata.namespace", "reason", "reportingComponent", "source", "type"}},
		{"events.k8s.io", "events", []string{"metadata.name", "metadata.namespace", "reason",
			"regarding.apiVersion", "regarding.fieldPath", "regarding.kind", "regarding.name", "regarding.namespace",
			"regarding.resourceVersion", "regarding.uid", "reportingController", "source", "type"}},
	}
	for _, tc := range tests {
		t.Run(tc.group+"/"+tc.resource, func(t *testing.T) {
			s, _ := e.reg.Store(tc.group, tc.resource)
			if got := s.SelectableFields(); !slices.Equal(got, tc.want) {
				t.Errorf("SelectableFields = %v, want %v", got, tc.want)
			}
		})
	}
}

// limit and continue page a list at one revision: a page read later
// does not see objects created in between.
func TestListPaging(t *testing.T) {
	e := newEnv(t)
	cms := e.storage(t, "", "configmaps")
	for _, n := range []string{"a", "b", "c"} {
		create(t, cms, newConfigMap(n))
	}
	first, err := cms.List(t.Context(), "default", registry.ListOptions{Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if names(first.Items) != "a,b" || first.Continue == "" || first.RemainingItemCount == nil || *first.RemainingItemCount != 1 {
		t.Fatalf("first page %s, continue %q, remaining %v", names(first.Items), first.Continue, first.RemainingItemCount)
	}
	create(t, cms, newConfigMap("d"))
	rest, err := cms.List(t.Context(), "default", registry.ListOptions{Limit: 2, Continue: first.Continue})
	if err != nil {
		t.Fatal(err)
	}
	if names(rest.Items) != "c" || rest.Continue != "" || rest.ResourceVersion != first.ResourceVersion {
		t.Errorf("second page %s at %s, continue %q; want c at %s", names(rest.Items), rest.ResourceVersion, rest.Continue, first.ResourceVersion)
	}
}

// Get and list honour resourceVersion: one in the future is refused.
func TestResourceVersionTooLarge(t *testing.T) {
	e := newEnv(t)
	cms := e.storage(t, "", "configmaps")
	future := formatInt(e.revision(t) + 1000)
	_, err := cms.List(t.Context(), "default", registry.ListOptions{ResourceVersion: future, ResourceVersionMatch: "NotOlderThan"})
	// As upstream: 504 Timeout with a retry hint, so a client that reached
	// a lagging apiserver retries (talk 003, "scaled horizontally").
	wantStatus(t, err, 504, metav1.StatusReasonTimeout, `^Timeout: Too large resource version: \d+, current: \d+$`)
}
