package endpoints

import (
	"net/http/httptest"
	"slices"
	"testing"
)

// Upstream's RequestInfo examples (apiserver's requestinfo_test): the
// authorizer of issue 5 decides on these fields, so they must read the
// same here. Talk 000, "Authorization": verb, namespace, resource.
func TestNewRequestInfo(t *testing.T) {
	for _, tc := range []struct {
		name, method, url                       string
		verb, prefix, group, version, namespace string
		resource, subresource, objName          string
		parts                                   []string
	}{
		{"list namespaces", "GET", "/api/v1/namespaces", "list", "api", "", "v1", "", "namespaces", "", "", []string{"namespaces"}},
		{"get a namespace names itself", "GET", "/api/v1/namespaces/other", "get", "api", "", "v1", "other", "namespaces", "", "other", []string{"namespaces", "other"}},
		{"patch of a namespace has none", "PATCH", "/api/v1/namespaces/new-namespace", "patch", "api", "", "v1", "", "namespaces", "", "new-namespace", []string{"namespaces", "new-namespace"}},
		{"list pods in a namespace", "GET", "/api/v1/namespaces/other/pods", "list", "api", "", "v1", "other", "pods", "", "", []string{"pods"}},
		{"get a pod", "GET", "/api/v1/namespaces/other/pods/foo", "get", "api", "", "v1", "other", "pods", "", "foo", []string{"pods", "foo"}},
		{"head is get", "HEAD", "/api/v1/namespaces/other/pods/foo", "get", "api", "", "v1", "other", "pods", "", "foo", []string{"pods", "foo"}},
		{"list across namespaces", "GET", "/api/v1/pods", "list", "api", "", "v1", "", "pods", "", "", []string{"pods"}},
		{"legacy proxy path", "GET", "/api/v1/proxy/namespaces/other/pods/foo", "proxy", "api", "", "v1", "other", "pods", "", "foo", []string{"pods", "foo"}},
		{"legacy proxy keeps its subpath", "GET", "/api/v1/proxy/namespaces/other/pods/foo/subpath/not/a/subresource", "proxy", "api", "", "v1", "other", "pods", "", "foo",
			[]string{"pods", "foo", "subpath", "not", "a", "subresource"}},
		{"legacy watch path", "GET", "/api/v1/watch/pods", "watch", "api", "", "v1", "", "pods", "", "", []string{"pods"}},
		{"watch=true", "GET", "/api/v1/pods?watch=true", "watch", "api", "", "v1", "", "pods", "", "", []string{"pods"}},
		{"watch=false", "GET", "/api/v1/pods?watch=false", "list", "api", "", "v1", "", "pods", "", "", []string{"pods"}},
		{"legacy watch in a namespace", "GET", "/api/v1/watch/namespaces/other/pods", "watch", "api", "", "v1", "other", "pods", "", "", []string{"pods"}},
		{"watch=1", "GET", "/api/v1/namespaces/other/pods?watch=1", "watch", "api", "", "v1", "other", "pods", "", "", []string{"pods"}},
		{"watch=0", "GET", "/api/v1/namespaces/other/pods?watch=0", "list", "api", "", "v1", "other", "pods", "", "", []string{"pods"}},
		{"status subresource", "GET", "/api/v1/namespaces/other/pods/foo/status", "get", "api", "", "v1", "other", "pods", "status", "foo", []string{"pods", "foo", "status"}},
		{"proxy subresource", "GET", "/api/v1/namespaces/other/pods/foo/proxy/subpath", "get", "api", "", "v1", "other", "pods", "proxy", "foo", []string{"pods", "foo", "proxy", "subpath"}},
		{"namespace finalize", "PUT", "/api/v1/namespaces/other/finalize", "update", "api", "", "v1", "other", "namespaces", "finalize", "other", []string{"namespaces", "other", "finalize"}},
		{"namespace status", "PUT", "/api/v1/namespaces/other/status", "update", "api", "", "v1", "other", "namespaces", "status", "other", []string{"namespaces", "other", "status"}},
		{"patch", "PATCH", "/api/v1/namespaces/other/pods/foo", "patch", "api", "", "v1", "other", "pods", "", "foo", []string{"pods", "foo"}},
		{"delete", "DELETE", "/api/v1/namespaces/other/pods/foo", "delete", "api", "", "v1", "other", "pods", "", "foo", []string{"pods", "foo"}},
		{"create", "POST", "/api/v1/namespaces/other/pods", "create", "api", "", "v1", "other", "pods", "", "", []string{"pods"}},
		{"deletecollection of nodes", "DELETE", "/api/v1/nodes", "deletecollection", "api", "", "v1", "", "nodes", "", "", []string{"nodes"}},
		{"deletecollection in a namespace", "DELETE", "/api/v1/namespaces/other/pods", "deletecollection", "api", "", "v1", "other", "pods", "", "", []string{"pods"}},
		{"named group", "POST", "/apis/apps/v1/namespaces/other/deployments", "create", "apis", "apps", "v1", "other", "deployments", "", "", []string{"deployments"}},
		{"other version", "POST", "/apis/extensions/v1beta3/namespaces/other/pods", "create", "apis", "extensions", "v1beta3", "other", "pods", "", "", []string{"pods"}},
		{"name from a field selector", "GET", "/apis/apps/v1/deployments?fieldSelector=metadata.name=web", "list", "apis", "apps", "v1", "", "deployments", "", "web", []string{"deployments"}},
		{"bad field selector names nothing", "GET", "/apis/apps/v1/deployments?fieldSelector=metadata.name=web,foo&watch=true", "watch", "apis", "apps", "v1", "", "deployments", "", "", []string{"deployments"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			info, err := NewRequestInfo(httptest.NewRequest(tc.method, tc.url, nil))
			if err != nil {
				t.Fatalf("NewRequestInfo: %v", err)
			}
			got := []string{info.Verb, info.APIPrefix, info.APIGroup, info.APIVersion, info.Namespace, info.Resource, info.Subresource, info.Name}
			want := []string{tc.verb, tc.prefix, tc.group, tc.version, tc.namespace, tc.resource, tc.subresource, tc.objName}
			if !slices.Equal(got, want) || !slices.Equal(info.Parts, tc.parts) || !info.IsResourceRequest {
				t.Errorf("verb/prefix/group/version/namespace/resource/subresource/name = %q parts %q\nwant %q parts %q", got, info.Parts, want, tc.parts)
			}
		})
	}
}

func TestNewRequestInfoNonResource(t *testing.T) {
	for _, tc := range []struct{ name, url string }{
		{"root", "/"},
		{"api versions", "/api"},
		{"core discovery", "/api/v1"},
		{"group discovery", "/apis/apps/v1"},
		{"groups", "/apis"},
		{"health", "/healthz"},
		{"other prefix", "/badprefix/version/resource"},
		{"group missing", "/apis/version/resource"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			info, err := NewRequestInfo(httptest.NewRequest("GET", tc.url, nil))
			if err != nil || info.IsResourceRequest || info.Verb != "get" {
				t.Errorf("NewRequestInfo(%s) = resource %v verb %q err %v, want a non-resource get", tc.url, info.IsResourceRequest, info.Verb, err)
			}
		})
	}
}

func TestNewRequestInfoSelectors(t *testing.T) {
	info, _ := NewRequestInfo(httptest.NewRequest("GET", "/api/v1/pods?labelSelector=app%3Dweb&fieldSelector=spec.nodeName%3Dn1", nil))
	if info.LabelSelector != "app=web" || info.FieldSelector != "spec.nodeName=n1" {
		t.Errorf("selectors = %q %q", info.LabelSelector, info.FieldSelector)
	}
	info, _ = NewRequestInfo(httptest.NewRequest("GET", "/api/v1/watch/pods?labelSelector=app%3Dweb", nil))
	if info.LabelSelector != "" {
		t.Errorf("legacy watch path reported selector %q; upstream reports none", info.LabelSelector)
	}
	if _, err := NewRequestInfo(httptest.NewRequest("GET", "/api/v1/watch", nil)); err == nil {
		t.Error("a watch path without a resource parsed without error")
	}
}

func TestRequestInfoContext(t *testing.T) {
	info := &RequestInfo{Verb: "get"}
	got, ok := RequestInfoFrom(WithRequestInfo(t.Context(), info))
	if !ok || got != info {
		t.Errorf("RequestInfoFrom = %v %v", got, ok)
	}
	if _, ok := RequestInfoFrom(t.Context()); ok {
		t.Error("RequestInfoFrom found an info in an empty context")
	}
}
