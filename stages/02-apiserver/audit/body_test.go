package audit

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

	auditv1 "github.com/kubeworkbook/kubeworkbook/shared/api/audit/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/protobuf"
)

// The policy's omitStages and omitManagedFields reach the events.
func TestOmitStagesAndManagedFields(t *testing.T) {
	backend := &memoryBackend{}
	policy := mustPolicy(t, `
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
omitManagedFields: true
rules:
- level: RequestResponse
`)
	WithAudit(reply(http.StatusCreated, createdPod), backend, policy).ServeHTTP(httptest.NewRecorder(),
		request(t, http.MethodPost, "/api/v1/namespaces/default/pods", podJSON, &admin))
	events := backend.all()
	if got := backend.stages(); !slices.Equal(got, []auditv1.Stage{auditv1.StageResponseComplete}) {
		t.Fatalf("stages %v, want RequestReceived omitted", got)
	}
	for _, body := range []string{string(events[0].RequestObject), string(events[0].ResponseObject)} {
		if body == "" || strings.Contains(body, "managedFields") {
			t.Errorf("recorded body %s: want it present, without managedFields", body)
		}
	}
}

// A body the level asks for but the log cannot hold is left out, and an
// annotation says why.
func TestOmittedBodies(t *testing.T) {
	tests := []struct {
		name        string
		contentType string
		body        string
		want        string
	}{
		{"truncated protobuf", "application/vnd.kubernetes.protobuf", "k8s\x00\n\x0f\n\x02v1\x12\x03Pod",
			"undecodable protobuf: protobuf: decode envelope: read field 1 (bytes): length runs past the end of the message"},
		{"protobuf is recorded as JSON", "application/vnd.kubernetes.protobuf", protobufPod(t), ""},
		{"too large", "application/json", `{"data":"` + strings.Repeat("x", MaxObjectBytes) + `"}`, fmt.Sprintf("larger than %d bytes", MaxObjectBytes)},
		{"server-side apply YAML is recorded as JSON", "application/apply-patch+yaml", "kind: Pod\napiVersion: v1\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			backend := &memoryBackend{}
			r := request(t, http.MethodPatch, "/api/v1/namespaces/default/pods/web", tc.body, &admin)
			r.Header.Set("Content-Type", tc.contentType)
			WithAudit(reply(http.StatusOK, `{}`), backend, policyAt(t, auditv1.LevelRequest)).ServeHTTP(httptest.NewRecorder(), r)
			last := backend.all()[1]
			if got := last.Annotations[RequestObjectOmittedAnnotation]; got != tc.want {
				t.Errorf("annotation %q, want %q", got, tc.want)
			}
			if recorded := last.RequestObject != nil; recorded != (tc.want == "") {
				t.Errorf("requestObject %s", last.RequestObject)
			}
		})
	}
}

// protobufPod is a Pod as client-go's typed clients send it.
func protobufPod(t *testing.T) string {
	t.Helper()
	data, err := protobuf.EncodeObject(&corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web"}},
		metav1.GroupVersionKind{Version: "v1", Kind: "Pod"})
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
