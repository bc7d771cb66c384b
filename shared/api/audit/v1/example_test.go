package auditv1_test

import (
	"encoding/json"
	"fmt"

	auditv1 "github.com/kubeworkbook/kubeworkbook/shared/api/audit/v1"
	authenticationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authentication/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// The first line the audit log holds for `kubectl get pod web`: the
// request has arrived, nothing has answered it yet.
func ExampleEvent() {
	ev := auditv1.Event{
		TypeMeta:   metav1.TypeMeta{APIVersion: "audit.k8s.io/v1", Kind: "Event"},
		Level:      auditv1.LevelMetadata,
		AuditID:    "5b2a8c1e-3f4d-4e6a-9b7c-0d1e2f3a4b5c",
		Stage:      auditv1.StageRequestReceived,
		RequestURI: "/api/v1/namespaces/default/pods/web",
		Verb:       "get",
		User:       authenticationv1.UserInfo{Username: "kubernetes-admin", Groups: []string{"system:masters", "system:authenticated"}},
		ObjectRef:  &auditv1.ObjectReference{Resource: "pods", Namespace: "default", Name: "web", APIVersion: "v1"},
	}
	out, _ := json.Marshal(ev)
	fmt.Println(string(out))
	// Output:
	// {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"5b2a8c1e-3f4d-4e6a-9b7c-0d1e2f3a4b5c","stage":"RequestReceived","requestURI":"/api/v1/namespaces/default/pods/web","verb":"get","user":{"username":"kubernetes-admin","groups":["system:masters","system:authenticated"]},"objectRef":{"resource":"pods","namespace":"default","name":"web","apiVersion":"v1"},"requestReceivedTimestamp":null,"stageTimestamp":null}
}
