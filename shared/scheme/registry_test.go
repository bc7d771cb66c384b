package scheme

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

func TestTableInvariants(t *testing.T) {
	// Conventions rule 4, "One table, derived everywhere": these hold for
	// every entry, so discovery, storage and printing can rely on them.
	seenShort := map[string]string{}
	for _, r := range All() {
		t.Run(r.Group+"/"+r.Resource, func(t *testing.T) {
			obj := r.New()
			if got := reflect.TypeOf(obj).Elem().Name(); got != r.Kind {
				t.Errorf("New() makes a %s, want kind %s", got, r.Kind)
			}
			if r.NewList != nil {
				if got := reflect.TypeOf(r.NewList()).Elem().Name(); got != r.ListKind {
					t.Errorf("NewList() makes a %s, want %s", got, r.ListKind)
				}
			} else if r.HasVerb("list") {
				t.Errorf("listable resource without NewList")
			}
			if r.Singular == "" || strings.ToLower(r.Singular) != r.Singular || !strings.HasPrefix(r.Resource, r.Singular[:len(r.Singular)-1]) {
				t.Errorf("singular %q does not fit plural %q", r.Singular, r.Resource)
			}
			if !sortedStrings(r.Verbs) {
				t.Errorf("verbs %v are not sorted", r.Verbs)
			}
			for _, s := range r.Subresources {
				if !sortedStrings(s.Verbs) || s.Kind == "" {
					t.Errorf("subresource %s: kind %q, verbs %v", s.Name, s.Kind, s.Verbs)
				}
			}
			// A short name names one plural; two groups may serve that
			// plural (events and events.k8s.io share "ev").
			for _, s := range r.ShortNames {
				if other, dup := seenShort[s]; dup && other != r.Resource {
					t.Errorf("short name %q also used by %s", s, other)
				}
				seenShort[s] = r.Resource
			}

			// New decodes a sample of its kind.
			apiVersion, kind := r.GroupVersionKind().ToAPIVersionAndKind()
			sample := `{"apiVersion":"` + apiVersion + `","kind":"` + kind + `","metadata":{"name":"sample","labels":{"app":"x"}}}`
			if err := json.Unmarshal([]byte(sample), obj); err != nil {
				t.Fatalf("decode sample: %v", err)
			}
			if m := obj.GetObjectMeta(); m.Name != "sample" || m.Labels["app"] != "x" || obj.GetObjectKind().Kind != kind {
				t.Errorf("decoded %+v", obj)
			}

			// Every column computes on the sample without panicking, and
			// the first is the name unless this is an event.
			cols := r.TableColumns()
			cells := Row(r, obj, TableOptions{Wide: true})
			if len(cells) != len(cols) {
				t.Fatalf("%d cells for %d columns", len(cells), len(cols))
			}
			for i, c := range cells {
				switch c.(type) {
				case string, int64, bool:
				default:
					t.Errorf("column %s: cell %#v is not a string, int64 or bool", cols[i].Name, c)
				}
			}
			if r.Kind != "Event" && (cols[0].Format != "name" || cells[0] != "sample") {
				t.Errorf("first column %+v = %v, want the name", cols[0], cells[0])
			}
		})
	}
}

func sortedStrings(s []string) bool {
	for i := 1; i < len(s); i++ {
		if s[i-1] >= s[i] {
			return false
		}
	}
	return len(s) > 0
}

func TestUpstreamFacts(t *testing.T) {
	// Talk 002, "kubectl api-resources": the names, short names, scope
	// and categories a real API server reports for these resources.
	tests := []struct {
		group, resource string
		shortNames      []string
		namespaced      bool
		categories      []string
		subresources    []string
	}{
		{"", "pods", []string{"po"}, true, []string{"all"}, []string{"attach", "binding", "eviction", "exec", "log", "portforward", "status"}},
		{"", "services", []string{"svc"}, true, []string{"all"}, []string{"status"}},
		{"", "nodes", []string{"no"}, false, nil, []string{"proxy", "status"}},
		{"", "namespaces", []string{"ns"}, false, nil, []string{"finalize", "status"}},
		{"", "configmaps", []string{"cm"}, true, nil, nil},
		{"", "endpoints", []string{"ep"}, true, nil, nil},
		{"", "events", []string{"ev"}, true, nil, nil},
		{"events.k8s.io", "events", []string{"ev"}, true, nil, nil},
		{"", "limitranges", []string{"limits"}, true, nil, nil},
		{"", "resourcequotas", []string{"quota"}, true, nil, []string{"status"}},
		{"", "serviceaccounts", []string{"sa"}, true, nil, []string{"token"}},
		{"", "persistentvolumes", []string{"pv"}, false, nil, []string{"status"}},
		{"", "persistentvolumeclaims", []string{"pvc"}, true, nil, []string{"status"}},
		{"", "secrets", nil, true, nil, nil},
		{"", "bindings", nil, true, nil, nil},
		{"apps", "deployments", []string{"deploy"}, true, []string{"all"}, []string{"scale", "status"}},
		{"apps", "replicasets", []string{"rs"}, true, []string{"all"}, []string{"scale", "status"}},
		{"batch", "jobs", nil, true, []string{"all"}, []string{"status"}},
		{"rbac.authorization.k8s.io", "clusterroles", nil, false, nil, nil},
		{"rbac.authorization.k8s.io", "rolebindings", nil, true, nil, nil},
		{"coordination.k8s.io", "leases", nil, true, nil, nil},
		{"discovery.k8s.io", "endpointslices", nil, true, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.group+"/"+tc.resource, func(t *testing.T) {
			r, ok := ByResource(tc.group, tc.resource)
			if !ok {
				t.Fatalf("not registered")
			}
			var subs []string
			for _, s := range r.Subresources {
				subs = append(subs, s.Name)
			}
			got := []any{r.ShortNames, r.Namespaced, r.Categories, subs}
			want := []any{tc.shortNames, tc.namespaced, tc.categories, tc.subresources}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestLookups(t *testing.T) {
	tests := []struct {
		name    string
		find    func() (*Resource, bool)
		wantRes string
		// wantGroup is the group of the resource found.
		wantGroup string
		wantFind  bool
	}{
		{name: "by resource", find: func() (*Resource, bool) { return ByResource("apps", "deployments") }, wantRes: "deployments", wantGroup: "apps", wantFind: true},
		{name: "core group is empty", find: func() (*Resource, bool) { return ByResource("", "pods") }, wantRes: "pods", wantFind: true},
		{name: "wrong group", find: func() (*Resource, bool) { return ByResource("apps", "pods") }},
		{name: "by kind", find: func() (*Resource, bool) {
			return ByKind(metav1.GroupVersionKind{Group: "batch", Version: "v1", Kind: "Job"})
		}, wantRes: "jobs", wantGroup: "batch", wantFind: true},
		{name: "by kind, unserved version", find: func() (*Resource, bool) {
			return ByKind(metav1.GroupVersionKind{Group: "apps", Version: "v1beta1", Kind: "Deployment"})
		}},
		{name: "by group kind, any version", find: func() (*Resource, bool) {
			return ByGroupKind(metav1.GroupKind{Group: "apps", Kind: "Deployment"})
		}, wantRes: "deployments", wantGroup: "apps", wantFind: true},
		{name: "by short name", find: func() (*Resource, bool) { return ByShortName("deploy") }, wantRes: "deployments", wantGroup: "apps", wantFind: true},
		{name: "short name of two groups finds the core one", find: func() (*Resource, bool) { return ByShortName("ev") }, wantRes: "events", wantFind: true},
		{name: "unknown short name", find: func() (*Resource, bool) { return ByShortName("xyz") }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, ok := tc.find()
			if ok != tc.wantFind || (ok && (r.Resource != tc.wantRes || r.Group != tc.wantGroup)) {
				t.Errorf("found %v (%v), want %q in group %q (%v)", r, ok, tc.wantRes, tc.wantGroup, tc.wantFind)
			}
		})
	}
}

func TestByCategoryAndGroups(t *testing.T) {
	var all []string
	for _, r := range ByCategory("all") {
		all = append(all, r.Resource)
	}
	if diff := cmp.Diff([]string{"pods", "services", "deployments", "replicasets", "jobs"}, all); diff != "" {
		t.Errorf("kubectl get all (-want +got):\n%s", diff)
	}
	var extensions []string
	for _, r := range ByCategory("api-extensions") {
		extensions = append(extensions, r.Resource)
	}
	if diff := cmp.Diff([]string{"mutatingwebhookconfigurations", "validatingwebhookconfigurations"}, extensions); diff != "" {
		t.Errorf("kubectl get api-extensions (-want +got):\n%s", diff)
	}
	var groups []string
	for _, gv := range Groups() {
		groups = append(groups, gv.String())
	}
	// Upstream's group priorities: authentication and authorization
	// right after events, admissionregistration after rbac.
	want := []string{"v1", "apps/v1", "events.k8s.io/v1", "authentication.k8s.io/v1", "authorization.k8s.io/v1", "batch/v1",
		"rbac.authorization.k8s.io/v1", "admissionregistration.k8s.io/v1", "coordination.k8s.io/v1", "discovery.k8s.io/v1"}
	if diff := cmp.Diff(want, groups); diff != "" {
		t.Errorf("Groups (-want +got):\n%s", diff)
	}
}

func TestBuildRejectsDuplicates(t *testing.T) {
	tests := []struct {
		name string
		rs   []*Resource
		want string
	}{
		{name: "short name", rs: []*Resource{
			{Resource: "a", Kind: "A", ShortNames: []string{"x"}, New: newOf[corev1.Pod]()},
			{Resource: "b", Kind: "B", ShortNames: []string{"x"}, New: newOf[corev1.Pod]()},
		}, want: `scheme: short name "x" used by a and b`},
		{name: "short name of two plurals in two groups", rs: []*Resource{
			{Resource: "a", Kind: "A", ShortNames: []string{"x"}, New: newOf[corev1.Pod]()},
			{Group: "g", Resource: "b", Kind: "B", ShortNames: []string{"x"}, New: newOf[corev1.Pod]()},
		}, want: `scheme: short name "x" used by a and b`},
		{name: "resource", rs: []*Resource{
			{Resource: "a", Kind: "A", New: newOf[corev1.Pod]()},
			{Resource: "a", Kind: "B", New: newOf[corev1.Pod]()},
		}, want: "scheme: resource a registered twice"},
		{name: "no New", rs: []*Resource{{Resource: "a", Kind: "A"}}, want: "scheme: resource a has no New"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if got := recover(); got != tc.want {
					t.Errorf("panic = %v, want %q", got, tc.want)
				}
			}()
			build(tc.rs)
		})
	}
}

func TestFromUnstructured(t *testing.T) {
	tests := []struct {
		name     string
		in       map[string]any
		wantType string
		wantErr  string
	}{
		{name: "deployment", in: map[string]any{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": map[string]any{"name": "web"},
			"spec": map[string]any{"replicas": int64(3)}}, wantType: "*appsv1.Deployment"},
		{name: "unknown kind", in: map[string]any{"apiVersion": "v1", "kind": "Widget"}, wantErr: `convert object: no matches for kind "Widget" in version "v1"`},
		{name: "wrong type", in: map[string]any{"apiVersion": "v1", "kind": "Pod", "spec": "x"}, wantErr: "convert Pod: json: cannot unmarshal"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			obj, err := FromUnstructured(tc.in)
			if tc.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tc.wantErr) {
					t.Fatalf("error = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := reflect.TypeOf(obj).String(); got != tc.wantType {
				t.Errorf("type = %s", got)
			}
		})
	}
}
