package scheme

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"text/tabwriter"

	"github.com/google/go-cmp/cmp"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// regexpTrailing matches the spaces tabwriter leaves at line ends.
var regexpTrailing = regexp.MustCompile(`(?m) +$`)

var update = flag.Bool("update", false, "rewrite testdata golden files")

// TestAPIResourcesGolden prints every discovered resource the way
// `kubectl api-resources -o wide` does and compares it with
// testdata/api-resources.golden, so a student can read the whole table in
// one place. Run `go test ./shared/scheme -run Golden -update` after
// changing the table on purpose.
func TestAPIResourcesGolden(t *testing.T) {
	// Talk 002, "kubectl api-resources".
	var buf bytes.Buffer
	w := tabwriter.NewWriter(&buf, 0, 8, 3, ' ', 0)
	fmt.Fprintln(w, "NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND\tVERBS\tCATEGORIES")
	for _, gv := range Groups() {
		list, ok := APIResourceList(gv.String())
		if !ok {
			t.Fatalf("no resource list for %s", gv)
		}
		for _, r := range list.APIResources {
			if strings.Contains(r.Name, "/") {
				continue // kubectl api-resources leaves subresources out
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%v\t%s\t%s\t%s\n", r.Name, strings.Join(r.ShortNames, ","), list.GroupVersion,
				r.Namespaced, r.Kind, r.Verbs, strings.Join(r.Categories, ","))
		}
	}
	w.Flush()
	got := regexpTrailing.ReplaceAllString(buf.String(), "")
	const golden = "testdata/api-resources.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("api-resources changed (-golden +got):\n%s", diff)
	}
}

func TestAPIResourceList(t *testing.T) {
	tests := []struct {
		name         string
		groupVersion string
		wantOK       bool
		wantJSON     []string // fragments of the document
	}{
		{name: "core", groupVersion: "v1", wantOK: true, wantJSON: []string{
			`{"kind":"APIResourceList","groupVersion":"v1","resources":[{"name":"bindings","singularName":"binding","namespaced":true,"kind":"Binding","verbs":["create"]}`,
			`{"name":"pods","singularName":"pod","namespaced":true,"kind":"Pod","verbs":["create","delete","deletecollection","get","list","patch","update","watch"],"shortNames":["po"],"categories":["all"]},{"name":"pods/attach","singularName":"","namespaced":true,"kind":"PodAttachOptions","verbs":["create","get"]},{"name":"pods/binding","singularName":"","namespaced":true,"kind":"Binding","verbs":["create"]}`,
			`{"name":"pods/eviction","singularName":"","namespaced":true,"group":"policy","version":"v1","kind":"Eviction","verbs":["create"]}`,
			`{"name":"serviceaccounts/token","singularName":"","namespaced":true,"group":"authentication.k8s.io","version":"v1","kind":"TokenRequest","verbs":["create"]}`,
			`{"name":"namespaces","singularName":"namespace","namespaced":false,"kind":"Namespace","verbs":["create","delete","get","list","patch","update","watch"],"shortNames":["ns"]}`,
		}},
		{name: "apps", groupVersion: "apps/v1", wantOK: true, wantJSON: []string{
			`{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"apps/v1"`,
			`{"name":"deployments/scale","singularName":"","namespaced":true,"group":"autoscaling","version":"v1","kind":"Scale","verbs":["get","patch","update"]}`,
		}},
		// Talk 000, "Authorization chain": the reviews are create-only
		// questions; the local one lives in a namespace.
		{name: "authorization reviews", groupVersion: "authorization.k8s.io/v1", wantOK: true, wantJSON: []string{
			`{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"authorization.k8s.io/v1","resources":[` +
				`{"name":"localsubjectaccessreviews","singularName":"localsubjectaccessreview","namespaced":true,"kind":"LocalSubjectAccessReview","verbs":["create"]},` +
				`{"name":"selfsubjectaccessreviews","singularName":"selfsubjectaccessreview","namespaced":false,"kind":"SelfSubjectAccessReview","verbs":["create"]},` +
				`{"name":"selfsubjectrulesreviews","singularName":"selfsubjectrulesreview","namespaced":false,"kind":"SelfSubjectRulesReview","verbs":["create"]},` +
				`{"name":"subjectaccessreviews","singularName":"subjectaccessreview","namespaced":false,"kind":"SubjectAccessReview","verbs":["create"]}]}`,
		}},
		{name: "authentication reviews", groupVersion: "authentication.k8s.io/v1", wantOK: true, wantJSON: []string{
			`"resources":[{"name":"selfsubjectreviews","singularName":"selfsubjectreview","namespaced":false,"kind":"SelfSubjectReview","verbs":["create"]},` +
				`{"name":"tokenreviews","singularName":"tokenreview","namespaced":false,"kind":"TokenReview","verbs":["create"]}]`,
		}},
		{name: "webhook configurations", groupVersion: "admissionregistration.k8s.io/v1", wantOK: true, wantJSON: []string{
			`{"name":"mutatingwebhookconfigurations","singularName":"mutatingwebhookconfiguration","namespaced":false,"kind":"MutatingWebhookConfiguration","verbs":["create","delete","deletecollection","get","list","patch","update","watch"],"categories":["api-extensions"]}`,
			`{"name":"validatingwebhookconfigurations","singularName":"validatingwebhookconfiguration","namespaced":false,"kind":"ValidatingWebhookConfiguration","verbs":["create","delete","deletecollection","get","list","patch","update","watch"],"categories":["api-extensions"]}`,
		}},
		{name: "unserved version", groupVersion: "apps/v1beta1"},
		{name: "unserved group", groupVersion: "networking.k8s.io/v1"},
		{name: "malformed", groupVersion: "a/b/c"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			list, ok := APIResourceList(tc.groupVersion)
			if ok != tc.wantOK {
				t.Fatalf("ok = %v, want %v", ok, tc.wantOK)
			}
			if !ok {
				return
			}
			data, _ := json.Marshal(list)
			for _, frag := range tc.wantJSON {
				if !strings.Contains(string(data), frag) {
					t.Errorf("document lacks\n%s\nin\n%s", frag, data)
				}
			}
		})
	}
}

func TestAPIGroups(t *testing.T) {
	data, _ := json.Marshal(APIGroupList())
	const wantApps = `{"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}],"preferredVersion":{"groupVersion":"apps/v1","version":"v1"}}`
	if !strings.HasPrefix(string(data), `{"kind":"APIGroupList","apiVersion":"v1","groups":[`+wantApps) {
		t.Errorf("APIGroupList = %s", data)
	}
	if strings.Contains(string(data), `"name":""`) {
		t.Errorf("the core group is served at /api, not listed in /apis: %s", data)
	}
	tests := []struct {
		name   string
		group  string
		wantOK bool
	}{
		{name: "served", group: "rbac.authorization.k8s.io", wantOK: true},
		{name: "core has no group document", group: ""},
		{name: "only a subresource kind", group: "autoscaling"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g, ok := APIGroup(tc.group)
			if ok != tc.wantOK || (ok && (g.Kind != "APIGroup" || g.PreferredVersion.GroupVersion != tc.group+"/v1")) {
				t.Errorf("APIGroup(%q) = %+v, %v", tc.group, g, ok)
			}
		})
	}
	v, _ := json.Marshal(APIVersions("10.0.0.1:6443"))
	if string(v) != `{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"10.0.0.1:6443"}]}` {
		t.Errorf("APIVersions = %s", v)
	}
}

func TestAggregatedDiscovery(t *testing.T) {
	tests := []struct {
		name       string
		core       bool
		wantGroups []string
		resource   string
		want       string
	}{
		{name: "core at /api", core: true, wantGroups: []string{""}, resource: "pods",
			want: `{"resource":"pods","responseKind":{"group":"","version":"v1","kind":"Pod"},"scope":"Namespaced","singularResource":"pod","verbs":["create","delete","deletecollection","get","list","patch","update","watch"],"shortNames":["po"],"categories":["all"],"subresources":[{"subresource":"attach","responseKind":{"group":"","version":"v1","kind":"PodAttachOptions"},"verbs":["create","get"]},{"subresource":"binding","responseKind":{"group":"","version":"v1","kind":"Binding"},"verbs":["create"]}`},
		{name: "named groups at /apis", wantGroups: []string{"apps", "events.k8s.io", "authentication.k8s.io", "authorization.k8s.io", "batch",
			"rbac.authorization.k8s.io", "admissionregistration.k8s.io", "coordination.k8s.io", "discovery.k8s.io"},
			resource: "deployments",
			want:     `"subresources":[{"subresource":"scale","responseKind":{"group":"autoscaling","version":"v1","kind":"Scale"},"verbs":["get","patch","update"]},{"subresource":"status","responseKind":{"group":"apps","version":"v1","kind":"Deployment"},"verbs":["get","patch","update"]}]`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			list := AggregatedDiscovery(tc.core)
			var groups []string
			for _, g := range list.Items {
				groups = append(groups, g.Name)
				if len(g.Versions) != 1 || g.Versions[0].Freshness != metav1.DiscoveryFreshnessCurrent {
					t.Errorf("group %q versions %+v", g.Name, g.Versions)
				}
			}
			if diff := cmp.Diff(tc.wantGroups, groups); diff != "" {
				t.Errorf("groups (-want +got):\n%s", diff)
			}
			data, _ := json.Marshal(list)
			if !strings.HasPrefix(string(data), `{"kind":"APIGroupDiscoveryList","apiVersion":"apidiscovery.k8s.io/v2"`) || !strings.Contains(string(data), tc.want) {
				t.Errorf("document lacks %s:\n%s", tc.want, data)
			}
		})
	}
}
