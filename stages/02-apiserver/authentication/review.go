// Reviews: the two questions about identity the API answers.
// SelfSubjectReview ("who am I?", `kubectl auth whoami`) reports the user
// a request was authenticated as; TokenReview ("whose token is this?")
// runs a token through the server's token authenticators on behalf of
// someone else.
//
// Interface:
//   - SelfSubjectReview(u): the answer to a SelfSubjectReview create.
//   - ReviewToken(ctx, a, tr): fill a TokenReview's status.
//   - UserInfo(u): a user as the API writes it.
package authentication

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	authenticationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authentication/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
)

// SelfSubjectReview returns the review the server answers a
// SelfSubjectReview create with: u is the requesting user, after
// impersonation (user.From on the request's context).
func SelfSubjectReview(u user.Info) *authenticationv1.SelfSubjectReview {
	return &authenticationv1.SelfSubjectReview{
		TypeMeta: metav1.TypeMeta{APIVersion: authenticationv1.SchemeGroupVersion.String(), Kind: "SelfSubjectReview"},
		Status:   authenticationv1.SelfSubjectReviewStatus{UserInfo: UserInfo(u)},
	}
}

// UserInfo converts u to the API's form.
func UserInfo(u user.Info) authenticationv1.UserInfo {
	info := authenticationv1.UserInfo{Username: u.Name, UID: u.UID, Groups: append([]string(nil), u.Groups...)}
	if len(u.Extra) > 0 {
		info.Extra = make(map[string]authenticationv1.ExtraValue, len(u.Extra))
		for k, v := range u.Extra {
			info.Extra[k] = append(authenticationv1.ExtraValue(nil), v...)
		}
	}
	return info
}

// ReviewToken fills tr.Status by authenticating tr.Spec.Token as the
// bearer token of a request that carries nothing else, with a, the
// server's request authenticator (as upstream does, so the answer is
// exactly what a request with that token would get, system:authenticated
// included). On success: authenticated, the user, and the audiences the
// token is good for; otherwise the reason, if any, in status.error.
// tr.Spec.Audiences, when set, replace the API server's audiences as what
// the token must be for.
//
// The error is for the create itself: 400 for an empty token, 500 when an
// authenticator ignored the requested audiences. The caller has already
// authorized the create; the user of the review is not the user of the
// request.
func ReviewToken(ctx context.Context, a Authenticator, tr *authenticationv1.TokenReview) error {
	if strings.TrimSpace(tr.Spec.Token) == "" {
		return apierrors.NewBadRequest("token is required for TokenReview in authentication")
	}
	if len(tr.Spec.Audiences) > 0 {
		ctx = WithAudiences(ctx, tr.Spec.Audiences)
	}
	r, err := http.NewRequestWithContext(ctx, http.MethodPost, "/", nil)
	if err != nil {
		return apierrors.NewInternalError(fmt.Errorf("review token: %w", err))
	}
	r.Header.Set("Authorization", "Bearer "+tr.Spec.Token)
	tr.Status = authenticationv1.TokenReviewStatus{}
	resp, ok, err := a.AuthenticateRequest(r)
	if err != nil {
		tr.Status.Error = err.Error()
	}
	// Anonymous is no answer to "whose token is this": it only comes
	// back for a token no authenticator even looked at.
	if !ok || resp.Authenticator == NameAnonymous {
		return nil
	}
	if len(tr.Spec.Audiences) > 0 && len(IntersectAudiences(tr.Spec.Audiences, resp.Audiences)) == 0 {
		return apierrors.NewInternalError(errors.New("error validating audience"))
	}
	tr.Status.Authenticated = true
	tr.Status.User = UserInfo(resp.User)
	tr.Status.Audiences = append([]string(nil), resp.Audiences...)
	return nil
}
