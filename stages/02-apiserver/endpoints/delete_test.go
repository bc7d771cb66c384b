package endpoints

import (
	"net/http"
	"strings"
	"testing"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// What a delete answers, per resource and per case, as upstream: most
// resources a Success Status naming the object (Kind holds the resource);
// pods the pod itself; an object that is only marked (finalizers, a pod
// on a node) the object with its deletionTimestamp.
func TestDeleteResponses(t *testing.T) {
	for _, tc := range []struct {
		name, path, body, delete string
		wantKind                 string
		wantDeleted              bool // gone from storage afterwards
		check                    func(t *testing.T, obj map[string]any)
	}{
		{"deployment gives a status", deploymentsPath, deploymentJSON("web"), "/web", "Status", true,
			func(t *testing.T, obj map[string]any) {
				details := obj["details"].(map[string]any)
				if obj["status"] != metav1.StatusSuccess || details["name"] != "web" || details["group"] != "apps" || details["kind"] != "deployments" || details["uid"] == nil {
					t.Errorf("status = %v", obj)
				}
			}},
		{"unscheduled pod gives the pod", podsPath, podJSON("web", ""), "/web", "Pod", true, nil},
		{"pod on a node is only marked", podsPath, podJSON("web", "node-1"), "/web", "Pod", false,
			func(t *testing.T, obj map[string]any) {
				meta := obj["metadata"].(map[string]any)
				if meta["deletionTimestamp"] == nil || meta["deletionGracePeriodSeconds"] != 30.0 {
					t.Errorf("metadata = %v", meta)
				}
			}},
		{"grace period 0 in the query deletes now", podsPath, podJSON("web", "node-1"), "/web?gracePeriodSeconds=0", "Pod", true, nil},
		{"finalizers keep a configmap", "/api/v1/namespaces/default/configmaps", `{"metadata":{"name":"web","finalizers":["example.com/keep"]}}`, "/web", "ConfigMap", false, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestServer(t, Options{})
			s.create(tc.path, tc.body)
			obj := s.mustDo(call{method: http.MethodDelete, path: tc.path + tc.delete}, http.StatusOK).object(t)
			if obj["kind"] != tc.wantKind {
				t.Errorf("answer kind = %v, want %s", obj["kind"], tc.wantKind)
			}
			if tc.check != nil {
				tc.check(t, obj)
			}
			code := s.do(call{method: "GET", path: tc.path + "/web"}).code
			if (code == http.StatusNotFound) != tc.wantDeleted {
				t.Errorf("GET after delete = %d, want deleted %v", code, tc.wantDeleted)
			}
		})
	}
}

// kubectl sends DeleteOptions in the body; curl users put them in the
// query. Both are read, the body winning.
func TestDeleteOptionsBodyAndQuery(t *testing.T) {
	for _, tc := range []struct {
		name, query, body string
		wantDeleted       bool
	}{
		{"body grace 0", "", `{"kind":"DeleteOptions","apiVersion":"v1","gracePeriodSeconds":0}`, true},
		{"body wins over query", "?gracePeriodSeconds=0", `{"gracePeriodSeconds":30}`, false},
		{"query dry run", "?dryRun=All&gracePeriodSeconds=0", "", false},
		{"body dry run", "?gracePeriodSeconds=0", `{"dryRun":["All"]}`, false},
		{"preconditions hold", "", `{"gracePeriodSeconds":0,"preconditions":{"uid":"uid-1"}}`, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestServer(t, Options{})
			s.create(podsPath, podJSON("web", "node-1"))
			s.mustDo(call{method: http.MethodDelete, path: podsPath + "/web" + tc.query, body: tc.body}, http.StatusOK)
			code := s.do(call{method: "GET", path: podsPath + "/web"}).code
			if (code == http.StatusNotFound) != tc.wantDeleted {
				t.Errorf("GET after delete = %d, want deleted %v", code, tc.wantDeleted)
			}
		})
	}
	s := newTestServer(t, Options{})
	s.create(podsPath, podJSON("marked", "node-1"))
	if code := s.do(call{method: http.MethodDelete, path: podsPath + "/marked", body: `{"orphanDependents":false}`}).code; code != http.StatusAccepted {
		t.Errorf("graceful delete with orphanDependents=false = %d, want 202", code)
	}
	s.create(podsPath, podJSON("web", ""))
	both := s.do(call{method: http.MethodDelete, path: podsPath + "/web?orphanDependents=true&propagationPolicy=Background"})
	if both.code != http.StatusUnprocessableEntity ||
		!strings.Contains(string(both.body), `propagationPolicy: Invalid value: \"Background\": orphanDependents and deletionPropagation cannot be both set`) {
		t.Errorf("orphanDependents with propagationPolicy = %d %s, want 422 naming both", both.code, both.body)
	}
	r := s.do(call{method: http.MethodDelete, path: podsPath + "/web", body: `{"preconditions":{"uid":"someone-else"}}`})
	if r.code != http.StatusConflict {
		t.Errorf("failed precondition = %d %s", r.code, r.body)
	}
}

// deletecollection deletes what the selector selects and answers the
// deleted objects as a list.
func TestDeleteCollection(t *testing.T) {
	s := newTestServer(t, Options{})
	s.create(deploymentsPath, deploymentJSON("a"))
	s.create(deploymentsPath, deploymentJSON("b"))
	list := s.mustDo(call{method: http.MethodDelete, path: deploymentsPath + "?labelSelector=app%3Da"}, http.StatusOK).object(t)
	if list["kind"] != "DeploymentList" || len(list["items"].([]any)) != 1 {
		t.Errorf("deletecollection = %v", list)
	}
	left := s.mustDo(call{method: "GET", path: deploymentsPath}, http.StatusOK).object(t)["items"].([]any)
	if len(left) != 1 || nameOf(left[0].(map[string]any)) != "b" {
		t.Errorf("left = %v", left)
	}
}
