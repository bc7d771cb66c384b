package endpoints

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	authenticationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authentication/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

// `kubectl scale deployment web --replicas=5` reads and writes the
// autoscaling/v1 Scale; each way of writing it lands in spec.replicas.
func TestScale(t *testing.T) {
	s := newTestServer(t, Options{})
	s.create(deploymentsPath, deploymentJSON("web"))
	scale := s.mustDo(call{method: "GET", path: deploymentsPath + "/web/scale"}, http.StatusOK).object(t)
	if scale["kind"] != "Scale" || scale["apiVersion"] != "autoscaling/v1" || scale["spec"].(map[string]any)["replicas"] != 3.0 {
		t.Fatalf("scale = %v", scale)
	}
	for _, tc := range []struct {
		name, method, contentType, body string
		want                            int32
	}{
		{"put", http.MethodPut, mediaJSON, `{"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"web"},"spec":{"replicas":4}}`, 4},
		{"merge patch", http.MethodPatch, "application/merge-patch+json", `{"spec":{"replicas":5}}`, 5},
		{"json patch", http.MethodPatch, "application/json-patch+json", `[{"op":"replace","path":"/spec/replicas","value":6}]`, 6},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := s.mustDo(call{method: tc.method, path: deploymentsPath + "/web/scale", body: tc.body, header: []string{"Content-Type: " + tc.contentType}}, http.StatusOK)
			if r.object(t)["kind"] != "Scale" {
				t.Errorf("answer = %s", r.body)
			}
			if d := s.getDeployment("web"); *d.Spec.Replicas != tc.want {
				t.Errorf("replicas = %d, want %d", *d.Spec.Replicas, tc.want)
			}
		})
	}
	r := s.do(call{method: http.MethodPut, path: deploymentsPath + "/web/scale", body: `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"}}`})
	if r.code != http.StatusBadRequest || !strings.Contains(r.status(t).Message, "expected API version (autoscaling/v1)") {
		t.Errorf("a Deployment as scale = %d %s", r.code, r.body)
	}
	if code := s.do(call{method: "GET", path: "/api/v1/namespaces/default/pods/web/scale"}).code; code != http.StatusNotFound {
		t.Errorf("pods/scale = %d, want 404", code)
	}
}

// Talk 000, "Scheduler", and talk 004, step 7: the scheduler binds a pod
// by POSTing a Binding; a second binding is a conflict.
func TestBinding(t *testing.T) {
	s := newTestServer(t, Options{})
	s.create(podsPath, podJSON("web", ""))
	binding := `{"apiVersion":"v1","kind":"Binding","metadata":{"name":"web"},"target":{"kind":"Node","name":"node-1"}}`
	r := s.mustDo(call{method: http.MethodPost, path: podsPath + "/web/binding", body: binding}, http.StatusCreated)
	if st := r.status(t); st.Status != metav1.StatusSuccess || st.Code != http.StatusCreated {
		t.Errorf("binding answer = %s", r.body)
	}
	pod := s.mustDo(call{method: "GET", path: podsPath + "/web"}, http.StatusOK).object(t)
	if pod["spec"].(map[string]any)["nodeName"] != "node-1" {
		t.Errorf("pod after binding = %v", pod["spec"])
	}
	if code := s.do(call{method: http.MethodPost, path: podsPath + "/web/binding", body: binding}).code; code != http.StatusConflict {
		t.Errorf("second binding = %d, want 409", code)
	}
	r = s.do(call{method: http.MethodPost, path: podsPath + "/other/binding", body: binding})
	if r.code != http.StatusBadRequest || r.status(t).Message != "name in URL does not match name in Binding object" {
		t.Errorf("misnamed binding = %d %s", r.code, r.body)
	}
	// The older bindings collection takes the pod's name from the body.
	s.create(podsPath, podJSON("api", ""))
	s.mustDo(call{method: http.MethodPost, path: "/api/v1/namespaces/default/bindings",
		body: `{"metadata":{"name":"api"},"target":{"kind":"Node","name":"node-2"}}`}, http.StatusCreated)
}

// `kubectl drain` evicts pods.
func TestEviction(t *testing.T) {
	s := newTestServer(t, Options{})
	s.create(podsPath, podJSON("web", ""))
	eviction := `{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"web"},"deleteOptions":{"gracePeriodSeconds":0}}`
	s.mustDo(call{method: http.MethodPost, path: podsPath + "/web/eviction", body: eviction}, http.StatusCreated)
	if code := s.do(call{method: "GET", path: podsPath + "/web"}).code; code != http.StatusNotFound {
		t.Errorf("GET of the evicted pod = %d", code)
	}
}

// Until stage 5 there is no kubelet to proxy to; each answer says so, and
// checks first what upstream checks without a kubelet.
func TestKubeletSubresources(t *testing.T) {
	s := newTestServer(t, Options{})
	s.create(podsPath, podJSON("pending", ""))
	s.create(podsPath, podJSON("running", "node-1"))
	s.create(podsPath, `{"metadata":{"name":"two"},"spec":{"nodeName":"node-1","containers":[{"name":"a","image":"x"},{"name":"b","image":"x"}]}}`)
	s.create("/api/v1/nodes", `{"metadata":{"name":"node-1"}}`)
	s.create("/api/v1/namespaces/default/serviceaccounts", `{"metadata":{"name":"default"}}`)
	for _, tc := range []struct {
		name, method, path string
		code               int
		message            string
	}{
		{"log of an unscheduled pod is empty", "GET", podsPath + "/pending/log", 200, ""},
		{"log on a node needs stage 5", "GET", podsPath + "/running/log", 503, `pods "running": log is served by the kubelet on node "node-1"`},
		{"log needs a container of two", "GET", podsPath + "/two/log", 400, "a container name must be specified for pod two, choose one of: [a b]"},
		{"log of an unknown container", "GET", podsPath + "/two/log?container=c", 400, "container c is not valid for pod two"},
		{"log of a missing pod", "GET", podsPath + "/nope/log", 404, `pods "nope" not found`},
		{"exec of an unscheduled pod", "POST", podsPath + "/pending/exec?command=ls", 400, "pod pending does not have a host assigned"},
		{"exec on a node needs stage 5", "POST", podsPath + "/running/exec?command=ls", 503, "stage 5"},
		{"port-forward needs stage 5", "POST", podsPath + "/running/portforward", 503, "stage 5"},
		{"node proxy needs stage 5", "GET", "/api/v1/nodes/node-1/proxy/metrics", 503, `nodes "node-1": proxy is served by the kubelet`},
		{"proxy of a missing node", "GET", "/api/v1/nodes/nope/proxy/metrics", 404, `nodes "nope" not found`},
		{"token request without a signing key", "POST", "/api/v1/namespaces/default/serviceaccounts/default/token", 501, "started without a service-account signing key"},
		{"token request of a missing service account", "POST", "/api/v1/namespaces/default/serviceaccounts/nope/token", 404, `serviceaccounts "nope" not found`},
		{"attach on a node needs stage 5", "POST", podsPath + "/running/attach", 503, `pods "running": attach is served by the kubelet`},
		{"attach of an unscheduled pod", "GET", podsPath + "/pending/attach", 400, "pod pending does not have a host assigned"},
		{"log takes no POST", "POST", podsPath + "/running/log", 405, "does not allow this method"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := s.do(call{method: tc.method, path: tc.path})
			if r.code != tc.code {
				t.Fatalf("= %d %s, want %d", r.code, r.body, tc.code)
			}
			if tc.message == "" {
				if len(r.body) != 0 {
					t.Errorf("body = %q, want none", r.body)
				}
				return
			}
			if msg := r.status(t).Message; !strings.Contains(msg, tc.message) {
				t.Errorf("message = %q, want it to contain %q", msg, tc.message)
			}
		})
	}
}

// Talk 000, "Authentication": `kubectl create token builder` posts a
// TokenRequest to the service account's token subresource, and the
// server answers 201 with the signed token and when it expires.
func TestTokenRequest(t *testing.T) {
	expiry := metav1.NewTime(testNow.Add(time.Hour))
	var asked []string
	issue := func(_ context.Context, namespace, name string, tr *authenticationv1.TokenRequest) error {
		asked = append(asked, namespace+"/"+name+" "+strings.Join(tr.Spec.Audiences, ","))
		if name != "builder" {
			return apierrors.NewNotFound(metav1.GroupResource{Resource: "serviceaccounts"}, name)
		}
		tr.Name, tr.Namespace = name, namespace
		tr.Status = authenticationv1.TokenRequestStatus{Token: "signed." + name, ExpirationTimestamp: expiry}
		return nil
	}
	s := newTestServer(t, Options{TokenRequests: issue})
	const path = "/api/v1/namespaces/default/serviceaccounts/builder/token"
	yamlBody := "apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nspec:\n  audiences: [vault]\n"
	proto := protobufCall(t, "POST", path, &authenticationv1.TokenRequest{Spec: authenticationv1.TokenRequestSpec{Audiences: []string{"vault"}}},
		metav1.GroupVersionKind{Group: authenticationv1.GroupName, Version: "v1", Kind: "TokenRequest"})
	tests := []struct {
		name      string
		call      call
		wantCode  int
		wantAsked string
		want      string // in the body
	}{
		{name: "kubectl create token", call: call{method: "POST", path: path, body: `{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{"audiences":["vault"],"expirationSeconds":3600}}`},
			wantCode: 201, wantAsked: "default/builder vault", want: `"status":{"token":"signed.builder","expirationTimestamp":"2025-01-02T01:00:00Z"}`},
		{name: "yaml body", call: call{method: "POST", path: path, body: yamlBody, header: []string{"Content-Type: application/yaml"}},
			wantCode: 201, wantAsked: "default/builder vault", want: `"kind":"TokenRequest","apiVersion":"authentication.k8s.io/v1"`},
		{name: "protobuf body, as client-go sends it", call: proto, wantCode: 201, wantAsked: "default/builder vault", want: `"token":"signed.builder"`},
		{name: "missing service account", call: call{method: "POST", path: "/api/v1/namespaces/default/serviceaccounts/nope/token", body: `{}`},
			wantCode: 404, wantAsked: "default/nope ", want: `serviceaccounts \"nope\" not found`},
		{name: "body names another service account", call: call{method: "POST", path: path, body: `{"metadata":{"name":"other"}}`},
			wantCode: 422, want: "metadata.name: Invalid value: \\\"other\\\": must match the service account name if specified"},
		{name: "body of another kind", call: call{method: "POST", path: path, body: `{"apiVersion":"v1","kind":"Pod"}`},
			wantCode: 400, want: "does not match the expected API version"},
		{name: "token requests are only created", call: call{method: "GET", path: path}, wantCode: 405},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			asked = nil
			r := s.do(tc.call)
			if r.code != tc.wantCode {
				t.Fatalf("= %d %s, want %d", r.code, r.body, tc.wantCode)
			}
			if got := strings.Join(asked, ";"); got != tc.wantAsked {
				t.Errorf("issuer asked for %q, want %q", got, tc.wantAsked)
			}
			if !strings.Contains(string(r.body), tc.want) {
				t.Errorf("body %s lacks %s", r.body, tc.want)
			}
		})
	}
}
