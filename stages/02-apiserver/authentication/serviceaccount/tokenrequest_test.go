package serviceaccount

import (
	"context"
	"slices"
	"testing"
	"time"

	authenticationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authentication/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

// `kubectl create token builder` and the kubelet's projected volumes post
// a TokenRequest; the answer, or the refusal, reads as upstream's.
func TestCreateToken(t *testing.T) {
	podRef := func(name string, uid metav1.UID) *authenticationv1.BoundObjectReference {
		return &authenticationv1.BoundObjectReference{Kind: "Pod", APIVersion: "v1", Name: name, UID: uid}
	}
	tests := []struct {
		name        string
		sa          string
		spec        authenticationv1.TokenRequestSpec
		wantCode    int32
		wantMessage string
		wantPod     string
		wantNode    string
	}{
		{name: "defaults", sa: "builder", wantCode: 200},
		{name: "bound to its pod, with the pod's node", sa: "builder", spec: authenticationv1.TokenRequestSpec{BoundObjectRef: podRef("builder-7d4b9", "pod-uid-1")},
			wantCode: 200, wantPod: "builder-7d4b9", wantNode: "worker-1"},
		{name: "bound to an unscheduled pod", sa: "builder", spec: authenticationv1.TokenRequestSpec{BoundObjectRef: podRef("pending", "")},
			wantCode: 200, wantPod: "pending"},
		{name: "no such service account", sa: "ghost", wantCode: 404, wantMessage: `serviceaccounts "ghost" not found`},
		{name: "no such pod", sa: "builder", spec: authenticationv1.TokenRequestSpec{BoundObjectRef: podRef("ghost", "")},
			wantCode: 404, wantMessage: `pods "ghost" not found`},
		{name: "pod of another service account", sa: "other", spec: authenticationv1.TokenRequestSpec{BoundObjectRef: podRef("builder-7d4b9", "")},
			wantCode: 400, wantMessage: `cannot bind token for serviceaccount "other" to pod running with different serviceaccount name.`},
		{name: "pod recreated since the reference was taken", sa: "builder", spec: authenticationv1.TokenRequestSpec{BoundObjectRef: podRef("builder-7d4b9", "pod-uid-0")},
			wantCode: 409, wantMessage: `Operation cannot be fulfilled on Pod "builder-7d4b9": the UID in the bound object reference (pod-uid-0) does not match the UID in record. The object might have been deleted and then recreated`},
		{name: "unsupported kind", sa: "builder", spec: authenticationv1.TokenRequestSpec{BoundObjectRef: &authenticationv1.BoundObjectReference{Kind: "Deployment", APIVersion: "apps/v1", Name: "web"}},
			wantCode: 400, wantMessage: "cannot bind token to object of type apps/v1, Kind=Deployment"},
		{name: "too short", sa: "builder", spec: authenticationv1.TokenRequestSpec{ExpirationSeconds: seconds(60)},
			wantCode: 422, wantMessage: `TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			tr := &authenticationv1.TokenRequest{Spec: tc.spec}
			err := f.issuer.CreateToken(context.Background(), f.objects, "default", tc.sa, tr)
			if tc.wantCode != 200 {
				s := apierrors.StatusFor(err)
				if s.Code != tc.wantCode || s.Message != tc.wantMessage {
					t.Fatalf("status = %d %q; want %d %q", s.Code, s.Message, tc.wantCode, tc.wantMessage)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tr.Name != tc.sa || tr.Namespace != "default" || !tr.CreationTimestamp.Time.Equal(t0) {
				t.Errorf("metadata = %+v", tr.ObjectMeta)
			}
			if !slices.Equal(tr.Spec.Audiences, []string{testIssuer}) || *tr.Spec.ExpirationSeconds != 3600 {
				t.Errorf("spec not defaulted: %v %v", tr.Spec.Audiences, *tr.Spec.ExpirationSeconds)
			}
			if !tr.Status.ExpirationTimestamp.Time.Equal(t0.Add(time.Hour)) {
				t.Errorf("expirationTimestamp = %v", tr.Status.ExpirationTimestamp)
			}
			resp, ok, err := f.verifier.AuthenticateToken(context.Background(), tr.Status.Token)
			if !ok || err != nil {
				t.Fatalf("issued token does not verify: %v", err)
			}
			if got := first(resp.User.Extra[ExtraPodName]); got != tc.wantPod {
				t.Errorf("pod-name = %q, want %q", got, tc.wantPod)
			}
			if got := first(resp.User.Extra[ExtraNodeName]); got != tc.wantNode {
				t.Errorf("node-name = %q, want %q", got, tc.wantNode)
			}
		})
	}
}

func first(values []string) string {
	if len(values) == 0 {
		return ""
	}
	return values[0]
}
