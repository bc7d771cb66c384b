package metav1

import (
	"encoding/json"
	"testing"
)

// The bytes the upstream API server sends for errors; kubectl decodes them
// into "Error from server (NotFound): ..." (talk 000, "Let's take a verbose
// look at a request").
func TestStatusJSON(t *testing.T) {
	tests := []struct {
		name string
		in   Status
		want string
	}{
		{
			name: "not found",
			in: Status{
				TypeMeta: TypeMeta{Kind: "Status", APIVersion: "v1"},
				Status:   StatusFailure,
				Message:  `pods "web" not found`,
				Reason:   StatusReasonNotFound,
				Details:  &StatusDetails{Name: "web", Kind: "pods"},
				Code:     404,
			},
			want: `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \"web\" not found",` +
				`"reason":"NotFound","details":{"name":"web","kind":"pods"},"code":404}`,
		},
		{
			name: "invalid with causes, whose type is written as reason",
			in: Status{
				TypeMeta: TypeMeta{Kind: "Status", APIVersion: "v1"},
				Status:   StatusFailure,
				Message:  `Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0`,
				Reason:   StatusReasonInvalid,
				Details: &StatusDetails{Name: "web", Group: "apps", Kind: "Deployment", Causes: []StatusCause{{
					Type:    CauseTypeFieldValueInvalid,
					Message: "Invalid value: -1: must be greater than or equal to 0",
					Field:   "spec.replicas",
				}}},
				Code: 422,
			},
			want: `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Deployment.apps \"web\" is invalid: ` +
				`spec.replicas: Invalid value: -1: must be greater than or equal to 0","reason":"Invalid","details":{"name":"web",` +
				`"group":"apps","kind":"Deployment","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: -1: must be ` +
				`greater than or equal to 0","field":"spec.replicas"}]},"code":422}`,
		},
		{
			name: "success of a delete",
			in: Status{
				TypeMeta: TypeMeta{Kind: "Status", APIVersion: "v1"},
				Status:   StatusSuccess,
				Details:  &StatusDetails{Name: "web", Kind: "pods", UID: "u1"},
			},
			want: `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","details":{"name":"web","kind":"pods","uid":"u1"}}`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := json.Marshal(tc.in)
			if err != nil || string(got) != tc.want {
				t.Fatalf("Marshal:\n got %s (%v)\nwant %s", got, err, tc.want)
			}
			var back Status
			if err := json.Unmarshal(got, &back); err != nil {
				t.Fatalf("unmarshal: %v", err)
			}
			again, _ := json.Marshal(back)
			if string(again) != tc.want {
				t.Errorf("round trip:\n got %s\nwant %s", again, tc.want)
			}
		})
	}
}

// The reason strings are compared by clients; each must be upstream's.
func TestStatusReasonValues(t *testing.T) {
	tests := []struct {
		reason StatusReason
		want   string
	}{
		{StatusReasonUnknown, ""},
		{StatusReasonUnauthorized, "Unauthorized"},
		{StatusReasonForbidden, "Forbidden"},
		{StatusReasonNotFound, "NotFound"},
		{StatusReasonAlreadyExists, "AlreadyExists"},
		{StatusReasonConflict, "Conflict"},
		{StatusReasonGone, "Gone"},
		{StatusReasonInvalid, "Invalid"},
		{StatusReasonServerTimeout, "ServerTimeout"},
		{StatusReasonStoreReadError, "StorageReadError"},
		{StatusReasonTimeout, "Timeout"},
		{StatusReasonTooManyRequests, "TooManyRequests"},
		{StatusReasonBadRequest, "BadRequest"},
		{StatusReasonMethodNotAllowed, "MethodNotAllowed"},
		{StatusReasonNotAcceptable, "NotAcceptable"},
		{StatusReasonRequestEntityTooLarge, "RequestEntityTooLarge"},
		{StatusReasonUnsupportedMediaType, "UnsupportedMediaType"},
		{StatusReasonInternalError, "InternalError"},
		{StatusReasonExpired, "Expired"},
		{StatusReasonServiceUnavailable, "ServiceUnavailable"},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			if string(tc.reason) != tc.want {
				t.Errorf("got %q, want %q", tc.reason, tc.want)
			}
		})
	}
}
