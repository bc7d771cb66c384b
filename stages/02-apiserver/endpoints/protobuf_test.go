package endpoints

import (
	"net/http"
	"strings"
	"testing"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	policyv1 "github.com/kubeworkbook/kubeworkbook/shared/api/policy/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/protobuf"
)

// protobufCall is a request whose body is obj in the protobuf envelope,
// labelled gvk, as client-go's typed clients send it.
func protobufCall(t *testing.T, method, path string, obj any, gvk metav1.GroupVersionKind) call {
	t.Helper()
	body, err := protobuf.EncodeObject(obj, gvk)
	if err != nil {
		t.Fatal(err)
	}
	return call{method: method, path: path, body: string(body), header: []string{"Content-Type: " + protobuf.MediaType}}
}

var deploymentGVK = metav1.GroupVersionKind{Group: "apps", Version: "v1", Kind: "Deployment"}

// Talk 000, "kubectl create": the upstream kubectl's generators and
// client-go's typed clients send protobuf; the server reads it into the
// same object a JSON body makes.
func TestProtobufCreate(t *testing.T) {
	s := newTestServer(t, Options{})
	replicas := int32(3)
	d := &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: "web", Labels: map[string]string{"app": "web"}},
		Spec: appsv1.DeploymentSpec{
			Replicas: &replicas,
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "web"}},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "web"}},
				Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "nginx", Image: "nginx:1.27"}}},
			},
		},
	}
	r := s.mustDo(protobufCall(t, http.MethodPost, deploymentsPath, d, deploymentGVK), http.StatusCreated)
	var got appsv1.Deployment
	if err := decodeInto(r.body, &got); err != nil {
		t.Fatal(err)
	}
	if got.Kind != "Deployment" || got.APIVersion != "apps/v1" || got.Name != "web" || *got.Spec.Replicas != 3 ||
		got.Spec.Template.Spec.Containers[0].Image != "nginx:1.27" || got.Labels["app"] != "web" {
		t.Errorf("created = %+v; want the protobuf body's deployment", got)
	}

	// The envelope's kind must be the URL's, as a JSON body's.
	for _, tc := range []struct {
		name string
		gvk  metav1.GroupVersionKind
		want string
	}{
		{"other version", metav1.GroupVersionKind{Group: "apps", Version: "v1beta1", Kind: "Deployment"},
			"the API version in the data (apps/v1beta1) does not match the expected API version (apps/v1)"},
		{"other kind", metav1.GroupVersionKind{Group: "apps", Version: "v1", Kind: "ReplicaSet"},
			"ReplicaSet in version \"v1\" cannot be handled as a Deployment"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := s.do(protobufCall(t, http.MethodPost, deploymentsPath, d, tc.gvk))
			if r.code != http.StatusBadRequest || !strings.Contains(r.status(t).Message, tc.want) {
				t.Errorf("= %d %s; want 400 containing %q", r.code, r.body, tc.want)
			}
		})
	}

	// A message cut short is a 400 that names the problem, and nothing is
	// stored.
	whole, _ := protobuf.EncodeObject(&appsv1.Deployment{ObjectMeta: metav1.ObjectMeta{Name: "cut"}}, deploymentGVK)
	cut := call{method: http.MethodPost, path: deploymentsPath, body: string(whole[:len(whole)-6]),
		header: []string{"Content-Type: " + protobuf.MediaType}}
	if r := s.do(cut); r.code != http.StatusBadRequest {
		t.Errorf("truncated body = %d %s; want 400", r.code, r.body)
	}
	if code := s.do(call{method: http.MethodGet, path: deploymentsPath + "/cut"}).code; code != http.StatusNotFound {
		t.Errorf("GET after a refused body = %d; want 404", code)
	}
}

// client-go sends DeleteOptions and an Eviction (kubectl drain) in
// protobuf too.
func TestProtobufDeleteOptionsAndEviction(t *testing.T) {
	s := newTestServer(t, Options{})
	s.create(podsPath, podJSON("web", "node-1"))
	s.create(podsPath, podJSON("api", ""))
	zero := int64(0)
	del := &metav1.DeleteOptions{GracePeriodSeconds: &zero}
	s.mustDo(protobufCall(t, http.MethodDelete, podsPath+"/web", del,
		metav1.GroupVersionKind{Group: "", Version: "v1", Kind: "DeleteOptions"}), http.StatusOK)
	if code := s.do(call{method: http.MethodGet, path: podsPath + "/web"}).code; code != http.StatusNotFound {
		t.Errorf("GET after a protobuf delete with grace 0 = %d; want 404", code)
	}

	ev := &policyv1.Eviction{ObjectMeta: metav1.ObjectMeta{Name: "api"}, DeleteOptions: del}
	s.mustDo(protobufCall(t, http.MethodPost, podsPath+"/api/eviction", ev,
		metav1.GroupVersionKind{Group: "policy", Version: "v1", Kind: "Eviction"}), http.StatusCreated)
	if code := s.do(call{method: http.MethodGet, path: podsPath + "/api"}).code; code != http.StatusNotFound {
		t.Errorf("GET of the evicted pod = %d; want 404", code)
	}
}
