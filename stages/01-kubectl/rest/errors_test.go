package rest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"testing"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// Non-2xx responses become *StatusError whose Error() is the line kubectl
// prints, whether the server sent a metav1.Status or only a code.
func TestStatusErrors(t *testing.T) {
	tests := []struct {
		name        string
		verb        string
		code        int
		contentType string
		body        string
		want        string
		is          func(error) bool
	}{
		{name: "Status body NotFound", code: 404, contentType: "application/json",
			body: `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"deployments.apps \"x\" not found","reason":"NotFound","details":{"name":"x","group":"apps","kind":"deployments"},"code":404}`,
			want: `Error from server (NotFound): deployments.apps "x" not found`, is: IsNotFound},
		{name: "Status body AlreadyExists", verb: "POST", code: 409, contentType: "application/json",
			body: `{"kind":"Status","apiVersion":"v1","status":"Failure","message":"pods \"nginx\" already exists","reason":"AlreadyExists","code":409}`,
			want: `Error from server (AlreadyExists): pods "nginx" already exists`, is: IsAlreadyExists},
		{name: "Status body Forbidden", code: 403, contentType: "application/json",
			body: `{"kind":"Status","apiVersion":"v1","status":"Failure","message":"pods is forbidden: User \"jane\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\"","reason":"Forbidden","code":403}`,
			want: `Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"`, is: IsForbidden},
		{name: "Status body Unauthorized", code: 401, contentType: "application/json",
			body: `{"kind":"Status","apiVersion":"v1","status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}`,
			want: `error: You must be logged in to the server (Unauthorized)`, is: IsUnauthorized},
		{name: "Status body Invalid with one cause", code: 422, contentType: "application/json",
			body: `{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Invalid","code":422,"message":"Deployment.apps \"x\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0","details":{"name":"x","group":"apps","kind":"Deployment","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: -1: must be greater than or equal to 0","field":"spec.replicas"}]}}`,
			want: `The Deployment "x" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0`, is: IsInvalid},
		{name: "Status body Invalid with two causes", code: 422, contentType: "application/json",
			body: `{"kind":"Status","status":"Failure","reason":"Invalid","code":422,"details":{"name":"x","kind":"Pod","causes":[{"message":"Required value","field":"spec.containers[0].image"},{"message":"Required value","field":"spec.containers[0].name"}]}}`,
			want: "The Pod \"x\" is invalid: \n* spec.containers[0].image: Required value\n* spec.containers[0].name: Required value", is: IsInvalid},
		{name: "plain 404 without Status", code: 404, contentType: "text/plain", body: "404 page not found\n",
			want: `Error from server (NotFound): the server could not find the requested resource`, is: IsNotFound},
		{name: "plain 401 without Status", code: 401,
			want: `error: You must be logged in to the server (the server has asked for the client to provide credentials)`, is: IsUnauthorized},
		{name: "409 on POST is AlreadyExists", verb: "POST", code: 409,
			want: `Error from server (AlreadyExists): the server reported a conflict`, is: IsAlreadyExists},
		{name: "409 on PUT is Conflict", verb: "PUT", code: 409,
			want: `Error from server (Conflict): the server reported a conflict`, is: IsConflict},
		{name: "500 keeps the text body", code: 500, contentType: "text/plain; charset=utf-8", body: "etcdserver: request timed out\n",
			want: `Error from server (InternalError): an error on the server ("etcdserver: request timed out") has prevented the request from succeeding`},
		{name: "500 with an HTML page says unknown", code: 502, contentType: "application/octet-stream", body: "\x00\x01",
			want: `Error from server (InternalError): an error on the server ("unknown") has prevented the request from succeeding`},
		{name: "unmapped code has no reason", code: 412,
			want: `Error from server: the server responded with the status code 412 but did not return more information`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := newAPIServer(t, serverOptions{handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tc.contentType != "" {
					w.Header().Set("Content-Type", tc.contentType)
				}
				w.WriteHeader(tc.code)
				_, _ = io.WriteString(w, tc.body)
			})})
			c, err := New(srv.config())
			if err != nil {
				t.Fatal(err)
			}
			resp, err := c.Do(context.Background(), Request{Verb: tc.verb, Path: "/x", Body: []byte("{}")})
			var se *StatusError
			if !errors.As(err, &se) {
				t.Fatalf("Do error = %T %v, want *StatusError", err, err)
			}
			if se.Error() != tc.want {
				t.Errorf("Error() =\n%s\nwant\n%s", se.Error(), tc.want)
			}
			if se.StatusCode() != tc.code || se.Status.Code != int32(tc.code) {
				t.Errorf("codes = %d/%d, want %d", se.StatusCode(), se.Status.Code, tc.code)
			}
			if resp == nil || string(resp.Body) != tc.body {
				t.Errorf("Do must return the response with the error; got %+v", resp)
			}
			if tc.is != nil && !tc.is(fmt.Errorf("get thing: %w", err)) {
				t.Errorf("reason helper does not recognise the (wrapped) error")
			}
		})
	}
}

func TestReasonHelpersAreExclusive(t *testing.T) {
	notFound := &StatusError{Code: 404, Status: metav1.Status{Reason: metav1.StatusReasonNotFound}}
	helpers := map[string]func(error) bool{
		"IsAlreadyExists": IsAlreadyExists, "IsConflict": IsConflict, "IsForbidden": IsForbidden,
		"IsUnauthorized": IsUnauthorized, "IsInvalid": IsInvalid,
	}
	for name, is := range helpers {
		if is(notFound) {
			t.Errorf("%s(NotFound) = true", name)
		}
	}
	if IsNotFound(errors.New("not a status")) || IsNotFound(nil) {
		t.Error("IsNotFound is true for a non-status error")
	}
}
