// Reviews: the create-only resources that answer a question instead of
// storing an object. A client POSTs a TokenReview ("whose token is
// this?"), a SelfSubjectReview ("who am I?", `kubectl auth whoami`), or
// one of the access reviews ("may this user do that?", `kubectl auth
// can-i`), and the server answers 201 Created with the same object, its
// status filled in. Nothing reaches etcd.
//
// Interface:
//   - newReviewStorages(authn, authz, rules): one registry.Storage per
//     review resource, keyed by group and resource, for cachedRegistry
//     to serve beside the stored resources. A nil authenticator,
//     authorizer or rule resolver makes the reviews needing it answer 503.
//   - reviewStorage: Create answers; every other verb is upstream's 405
//     MethodNotSupported (the REST handler already refuses them by the
//     scheme's verbs, so only a direct caller meets these).
//
// The answers themselves come from stages/02-apiserver/authentication
// (ReviewToken, SelfSubjectReview) and stages/02-apiserver/authorization
// (Evaluate*); the user of a self review is the one the authentication
// filter put in the request's context (user.From). Talk 000,
// "Authorization chain": the reviews ask the same authorizers every
// request passes.
package server

import (
	"context"
	"fmt"
	"time"

	authenticationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authentication/v1"
	authorizationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authorization/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// reviewFunc answers one review. obj is the decoded request body, of the
// resource's Go type; namespace is the request path's ("" for the
// cluster-scoped reviews). It returns the answered review, or a
// *apierrors.StatusError for the client.
type reviewFunc func(ctx context.Context, namespace string, obj metav1.Object) (metav1.Object, error)

// reviewStorage serves one review resource: Create runs review, and
// nothing is ever stored, so there is nothing to get, list or watch.
type reviewStorage struct {
	res    *scheme.Resource
	review reviewFunc
}

var _ registry.Storage = (*reviewStorage)(nil)

// newReviewStorages returns the storage of each review resource of
// shared/scheme. authn answers TokenReviews; authz the subject, local and
// self access reviews; rules SelfSubjectRulesReviews. Each may be nil
// (the server runs without that part of the chain): the reviews needing
// it then answer 503 ServiceUnavailable saying so. SelfSubjectReview
// needs none of them, only the user in the request's context.
func newReviewStorages(authn authentication.Authenticator, authz authorizer.Authorizer, rules authorizer.RuleResolver) map[metav1.GroupResource]registry.Storage {
	authnGroup, authzGroup := authenticationv1.GroupName, authorizationv1.GroupName
	reviews := map[metav1.GroupResource]reviewFunc{
		{Group: authnGroup, Resource: "tokenreviews"}: typed(func(ctx context.Context, _ string, tr *authenticationv1.TokenReview) (metav1.Object, error) {
			if authn == nil {
				return nil, errNotConfigured("authentication", "TokenReviews")
			}
			if err := authentication.ReviewToken(ctx, authn, tr); err != nil {
				return nil, err
			}
			return tr, nil
		}),
		{Group: authnGroup, Resource: "selfsubjectreviews"}: typed(selfSubjectReview(time.Now)),
		{Group: authzGroup, Resource: "subjectaccessreviews"}: typed(func(ctx context.Context, _ string, r *authorizationv1.SubjectAccessReview) (metav1.Object, error) {
			if authz == nil {
				return nil, errNotConfigured("authorization", "SubjectAccessReviews")
			}
			return authorization.EvaluateSubjectAccessReview(ctx, authz, r)
		}),
		{Group: authzGroup, Resource: "localsubjectaccessreviews"}: typed(func(ctx context.Context, namespace string, r *authorizationv1.LocalSubjectAccessReview) (metav1.Object, error) {
			if authz == nil {
				return nil, errNotConfigured("authorization", "LocalSubjectAccessReviews")
			}
			return authorization.EvaluateLocalSubjectAccessReview(ctx, authz, namespace, r)
		}),
		{Group: authzGroup, Resource: "selfsubjectaccessreviews"}: typed(func(ctx context.Context, _ string, r *authorizationv1.SelfSubjectAccessReview) (metav1.Object, error) {
			if authz == nil {
				return nil, errNotConfigured("authorization", "SelfSubjectAccessReviews")
			}
			return authorization.EvaluateSelfSubjectAccessReview(ctx, authz, r)
		}),
		{Group: authzGroup, Resource: "selfsubjectrulesreviews"}: typed(func(ctx context.Context, _ string, r *authorizationv1.SelfSubjectRulesReview) (metav1.Object, error) {
			if rules == nil {
				return nil, errNotConfigured("authorization", "SelfSubjectRulesReviews")
			}
			return authorization.EvaluateSelfSubjectRulesReview(ctx, rules, r)
		}),
	}
	out := make(map[metav1.GroupResource]registry.Storage, len(reviews))
	for gr, review := range reviews {
		res, ok := scheme.ByResource(gr.Group, gr.Resource)
		if !ok {
			panic(fmt.Sprintf("server: review resource %s is not in shared/scheme", gr))
		}
		out[gr] = &reviewStorage{res: res, review: review}
	}
	return out
}

// selfSubjectReview answers "who am I?" with the request's user, stamped
// with the time of the answer as upstream does; now is the clock.
func selfSubjectReview(now func() time.Time) func(context.Context, string, *authenticationv1.SelfSubjectReview) (metav1.Object, error) {
	return func(ctx context.Context, _ string, _ *authenticationv1.SelfSubjectReview) (metav1.Object, error) {
		who, ok := user.From(ctx)
		if !ok {
			return nil, apierrors.NewBadRequest("no user present on request")
		}
		out := authentication.SelfSubjectReview(who)
		out.CreationTimestamp = metav1.NewTime(now())
		return out, nil
	}
}

// typed adapts a review of one Go type to a reviewFunc. The REST handler
// decodes bodies into the resource's own type, so another type is a
// programming error, reported as upstream's 400.
func typed[T any, PT interface {
	*T
	metav1.Object
}](f func(ctx context.Context, namespace string, review PT) (metav1.Object, error)) reviewFunc {
	return func(ctx context.Context, namespace string, obj metav1.Object) (metav1.Object, error) {
		review, ok := obj.(PT)
		if !ok {
			return nil, apierrors.NewBadRequest(fmt.Sprintf("not a %T: %T", PT(nil), obj))
		}
		return f(ctx, namespace, review)
	}
}

// errNotConfigured is the 503 of a review whose part of the request chain
// the server runs without.
func errNotConfigured(part, kind string) error {
	return apierrors.NewServiceUnavailable(fmt.Sprintf(
		"%s is not configured: this API server was started without it, so it cannot answer %s", part, kind))
}

// Resource is the review's registry entry.
func (s *reviewStorage) Resource() *scheme.Resource { return s.res }

// Create answers the review obj, created in namespace. Reviews change
// nothing, so a dry run answers exactly like a real one.
func (s *reviewStorage) Create(ctx context.Context, namespace string, obj metav1.Object, _ registry.CreateOptions) (metav1.Object, error) {
	return s.review(ctx, namespace, obj)
}

// Get is not served: a review is never stored.
func (s *reviewStorage) Get(context.Context, registry.Key, registry.GetOptions) (metav1.Object, error) {
	return nil, s.notSupported("get")
}

// List is not served.
func (s *reviewStorage) List(context.Context, string, registry.ListOptions) (*registry.List, error) {
	return nil, s.notSupported("list")
}

// Update is not served.
func (s *reviewStorage) Update(context.Context, registry.Key, registry.UpdateFunc, registry.UpdateOptions) (metav1.Object, bool, error) {
	return nil, false, s.notSupported("update")
}

// Delete is not served.
func (s *reviewStorage) Delete(context.Context, registry.Key, metav1.DeleteOptions, bool) (metav1.Object, bool, error) {
	return nil, false, s.notSupported("delete")
}

// DeleteCollection is not served.
func (s *reviewStorage) DeleteCollection(context.Context, string, registry.ListOptions, metav1.DeleteOptions, bool) (*registry.List, error) {
	return nil, s.notSupported("deletecollection")
}

// Watch is not served.
func (s *reviewStorage) Watch(context.Context, string, registry.ListOptions) (registry.Watcher, error) {
	return nil, s.notSupported("watch")
}

// notSupported is upstream's 405 for a verb the resource lacks.
func (s *reviewStorage) notSupported(verb string) error {
	return apierrors.NewMethodNotSupported(metav1.GroupResource{Group: s.res.Group, Resource: s.res.Resource}, verb)
}
