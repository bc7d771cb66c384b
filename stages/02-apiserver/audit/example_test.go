package audit_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"

	auditv1 "github.com/kubeworkbook/kubeworkbook/shared/api/audit/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/audit"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/endpoints"
)

// The audit step between authentication and authorization: a request
// authorization forbids is in the log with the user, the decision and
// the status.
func ExampleWithAudit() {
	policy, err := audit.ParsePolicy([]byte(`
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
- level: None
  nonResourceURLs: ["/healthz*"]
- level: Metadata
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	var log bytes.Buffer
	backend := audit.NewLogBackend(&log, audit.DefaultBufferSize)

	// A stand-in for the authorization step.
	authorize := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		audit.AddAnnotation(r.Context(), "authorization.k8s.io/decision", "forbid")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprint(w, `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods is forbidden","reason":"Forbidden","code":403}`)
	})
	handler := audit.WithAudit(authorize, backend, policy)

	// What the request-info and authentication steps leave behind.
	r := httptest.NewRequest(http.MethodDelete, "/api/v1/namespaces/default/pods/web", nil)
	info, _ := endpoints.NewRequestInfo(r)
	ctx := endpoints.WithRequestInfo(r.Context(), info)
	ctx = user.WithUser(ctx, user.Info{Name: "viewer", Groups: []string{user.AllAuthenticated}})
	handler.ServeHTTP(httptest.NewRecorder(), r.WithContext(ctx))
	backend.Shutdown()

	var ev auditv1.Event
	if err := json.Unmarshal(log.Bytes(), &ev); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ev.Stage, ev.Verb, ev.User.Username, ev.ObjectRef.Resource, ev.ObjectRef.Name)
	fmt.Println(ev.ResponseStatus.Code, ev.ResponseStatus.Reason, ev.ResponseStatus.Message)
	fmt.Println(ev.Annotations)
	// Output:
	// ResponseComplete delete viewer pods web
	// 403 Forbidden pods is forbidden
	// map[authorization.k8s.io/decision:forbid]
}
