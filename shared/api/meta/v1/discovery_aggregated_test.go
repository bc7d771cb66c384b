package metav1

import (
	"encoding/json"
	"testing"
)

// Aggregated discovery: the one-request document kubectl asks for first,
// in the upstream server's byte layout (talk 000, "API discovery").
func TestAggregatedDiscoveryJSON(t *testing.T) {
	in := APIGroupDiscoveryList{
		TypeMeta: TypeMeta{Kind: "APIGroupDiscoveryList", APIVersion: "apidiscovery.k8s.io/v2"},
		Items: []APIGroupDiscovery{{
			ObjectMeta: ObjectMeta{Name: "apps"},
			Versions: []APIVersionDiscovery{{
				Version: "v1",
				Resources: []APIResourceDiscovery{{
					Resource:         "deployments",
					ResponseKind:     &GroupVersionKind{Group: "apps", Version: "v1", Kind: "Deployment"},
					Scope:            ScopeNamespace,
					SingularResource: "deployment",
					Verbs:            []string{"get", "list"},
					ShortNames:       []string{"deploy"},
					Subresources: []APISubresourceDiscovery{{
						Subresource:  "scale",
						ResponseKind: &GroupVersionKind{Group: "autoscaling", Version: "v1", Kind: "Scale"},
						Verbs:        []string{"get", "patch", "update"},
					}},
				}},
				Freshness: DiscoveryFreshnessCurrent,
			}},
		}},
	}
	want := `{"kind":"APIGroupDiscoveryList","apiVersion":"apidiscovery.k8s.io/v2","metadata":{},"items":[{"metadata":{"name":"apps"},` +
		`"versions":[{"version":"v1","resources":[{"resource":"deployments","responseKind":{"group":"apps","version":"v1","kind":"Deployment"},` +
		`"scope":"Namespaced","singularResource":"deployment","verbs":["get","list"],"shortNames":["deploy"],` +
		`"subresources":[{"subresource":"scale","responseKind":{"group":"autoscaling","version":"v1","kind":"Scale"},` +
		`"verbs":["get","patch","update"]}]}],"freshness":"Current"}]}]}`
	got, err := json.Marshal(in)
	if err != nil || string(got) != want {
		t.Fatalf("Marshal:\n got %s (%v)\nwant %s", got, err, want)
	}
	var back APIGroupDiscoveryList
	if err := json.Unmarshal(got, &back); err != nil {
		t.Fatalf("unmarshal: %v", err)
	}
	res := back.Items[0].Versions[0].Resources[0]
	if res.Scope != ScopeNamespace || res.ResponseKind.Kind != "Deployment" || res.Subresources[0].Subresource != "scale" {
		t.Errorf("decoded resource = %+v", res)
	}
}
