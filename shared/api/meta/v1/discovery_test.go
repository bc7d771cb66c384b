package metav1

import (
	"encoding/json"
	"testing"
)

// Talk 000, "API discovery": the documents kubectl reads (and caches) to find
// a resource's path, in the upstream server's byte layout.
func TestDiscoveryJSON(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want string
	}{
		{
			name: "core versions",
			in: APIVersions{
				TypeMeta:                   TypeMeta{Kind: "APIVersions"},
				Versions:                   []string{"v1"},
				ServerAddressByClientCIDRs: []ServerAddressByClientCIDR{{ClientCIDR: "0.0.0.0/0", ServerAddress: "127.0.0.1:6443"}},
			},
			want: `{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"127.0.0.1:6443"}]}`,
		},
		{
			name: "group list",
			in: APIGroupList{
				TypeMeta: TypeMeta{Kind: "APIGroupList", APIVersion: "v1"},
				Groups: []APIGroup{{
					Name:             "apps",
					Versions:         []GroupVersionForDiscovery{{GroupVersion: "apps/v1", Version: "v1"}},
					PreferredVersion: GroupVersionForDiscovery{GroupVersion: "apps/v1", Version: "v1"},
				}},
			},
			want: `{"kind":"APIGroupList","apiVersion":"v1","groups":[{"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}],` +
				`"preferredVersion":{"groupVersion":"apps/v1","version":"v1"}}]}`,
		},
		{
			name: "resource list",
			in: APIResourceList{
				TypeMeta:     TypeMeta{Kind: "APIResourceList", APIVersion: "v1"},
				GroupVersion: "apps/v1",
				APIResources: []APIResource{
					{
						Name: "deployments", SingularName: "deployment", Namespaced: true, Kind: "Deployment",
						Verbs:      Verbs{"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"},
						ShortNames: []string{"deploy"}, Categories: []string{"all"}, StorageVersionHash: "8aSe+NMegvE=",
					},
					{Name: "deployments/scale", Namespaced: true, Group: "autoscaling", Version: "v1", Kind: "Scale", Verbs: Verbs{"get", "patch", "update"}},
				},
			},
			want: `{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"apps/v1","resources":[` +
				`{"name":"deployments","singularName":"deployment","namespaced":true,"kind":"Deployment",` +
				`"verbs":["create","delete","deletecollection","get","list","patch","update","watch"],` +
				`"shortNames":["deploy"],"categories":["all"],"storageVersionHash":"8aSe+NMegvE="},` +
				`{"name":"deployments/scale","singularName":"","namespaced":true,"group":"autoscaling","version":"v1","kind":"Scale",` +
				`"verbs":["get","patch","update"]}]}`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := json.Marshal(tc.in)
			if err != nil || string(got) != tc.want {
				t.Fatalf("Marshal:\n got %s (%v)\nwant %s", got, err, tc.want)
			}
		})
	}
}

func TestVerbsString(t *testing.T) {
	if got := (Verbs{"get", "list"}).String(); got != "[get list]" {
		t.Errorf("got %q", got)
	}
}
