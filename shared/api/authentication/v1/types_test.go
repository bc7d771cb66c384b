package authenticationv1

import (
	"testing"

	"github.com/kubeworkbook/kubeworkbook/shared/api/internal/apitest"
)

// Talk 000, "Server side authentication": a bound service-account token
// request, as `kubectl create token` and the kubelet send it and the
// server answers it, decodes with no unknown field and encodes back the
// same.
func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		file string
		obj  any
	}{
		{"token request bound to a pod", "tokenrequest.json", &TokenRequest{}},
		{"token review of a service-account token", "tokenreview.json", &TokenReview{}},
		{"self subject review of the admin", "selfsubjectreview.json", &SelfSubjectReview{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			apitest.RoundTrip(t, tc.file, tc.obj)
		})
	}
}

// The shape of empty values is upstream's: TokenRequestSpec writes its
// three fields as null rather than leaving them out, and the statuses are
// objects even when empty.
func TestZeroValueShape(t *testing.T) {
	tests := []struct {
		name string
		obj  any
		want string
	}{
		{"token request spec", TokenRequestSpec{}, `{"audiences":null,"expirationSeconds":null,"boundObjectRef":null}`},
		{"token request status", TokenRequestStatus{}, `{"token":"","expirationTimestamp":null}`},
		{"token review", TokenReview{}, `{"metadata":{},"spec":{},"status":{"user":{}}}`},
		{"self subject review", SelfSubjectReview{}, `{"metadata":{},"status":{"userInfo":{}}}`},
		{"bound object reference", BoundObjectReference{}, `{}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			apitest.MarshalsTo(t, tc.obj, tc.want)
		})
	}
}
