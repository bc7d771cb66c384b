package metav1

import "testing"

func TestParseGroupVersion(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    GroupVersion
		wantErr string
	}{
		{name: "named group", in: "apps/v1", want: GroupVersion{Group: "apps", Version: "v1"}},
		{name: "core group", in: "v1", want: GroupVersion{Version: "v1"}},
		{name: "dotted group", in: "rbac.authorization.k8s.io/v1", want: GroupVersion{Group: "rbac.authorization.k8s.io", Version: "v1"}},
		{name: "empty", in: "", want: GroupVersion{}},
		{name: "slash only", in: "/", want: GroupVersion{}},
		{name: "two slashes", in: "a/b/c", wantErr: "unexpected GroupVersion string: a/b/c"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseGroupVersion(tc.in)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("ParseGroupVersion(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
			}
			if tc.in != "/" && got.String() != tc.in {
				t.Errorf("String() = %q, want %q", got.String(), tc.in)
			}
		})
	}
}

// The String forms appear in error messages, so they must match upstream's.
func TestStringForms(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"gvk", GroupVersionKind{Group: "apps", Version: "v1", Kind: "Deployment"}.String(), "apps/v1, Kind=Deployment"},
		{"core gvk", GroupVersionKind{Version: "v1", Kind: "Pod"}.String(), "/v1, Kind=Pod"},
		{"gvr", GroupVersionResource{Group: "apps", Version: "v1", Resource: "deployments"}.String(), "apps/v1, Resource=deployments"},
		{"group resource", GroupResource{Group: "apps", Resource: "deployments"}.String(), "deployments.apps"},
		{"core group resource", GroupResource{Resource: "pods"}.String(), "pods"},
		{"group kind", GroupKind{Group: "apps", Kind: "Deployment"}.String(), "Deployment.apps"},
		{"core group kind", GroupKind{Kind: "Pod"}.String(), "Pod"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %q, want %q", tc.got, tc.want)
			}
		})
	}
}

func TestParseGroupResource(t *testing.T) {
	tests := []struct {
		in   string
		want GroupResource
	}{
		{"pods", GroupResource{Resource: "pods"}},
		{"deployments.apps", GroupResource{Group: "apps", Resource: "deployments"}},
		{"roles.rbac.authorization.k8s.io", GroupResource{Group: "rbac.authorization.k8s.io", Resource: "roles"}},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := ParseGroupResource(tc.in); got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestConversions(t *testing.T) {
	gv := GroupVersion{Group: "apps", Version: "v1"}
	gvk := gv.WithKind("Deployment")
	if gvk.GroupVersion() != gv || gvk.GroupKind() != (GroupKind{Group: "apps", Kind: "Deployment"}) {
		t.Errorf("gvk parts wrong: %+v", gvk)
	}
	if gvk.GroupKind().WithVersion("v1") != gvk {
		t.Errorf("GroupKind.WithVersion did not restore %+v", gvk)
	}
	gvr := gv.WithResource("deployments")
	if gvr.GroupResource().WithVersion("v1") != gvr || gvr.GroupVersion() != gv {
		t.Errorf("gvr parts wrong: %+v", gvr)
	}
	if apiVersion, kind := gvk.ToAPIVersionAndKind(); apiVersion != "apps/v1" || kind != "Deployment" {
		t.Errorf("ToAPIVersionAndKind = %q, %q", apiVersion, kind)
	}
	if !(GroupVersionKind{}).Empty() || gvk.Empty() || !(GroupVersion{}).Empty() {
		t.Error("Empty() wrong")
	}
}
