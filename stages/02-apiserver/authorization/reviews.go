// Access reviews: the chain's answer to a question, instead of to a
// request.
//
// Interface:
//   - EvaluateSubjectAccessReview: may spec.user do this?
//   - EvaluateLocalSubjectAccessReview: the same, in the namespace of the
//     request's path.
//   - EvaluateSelfSubjectAccessReview: may I? (kubectl auth can-i)
//   - EvaluateSelfSubjectRulesReview: what may I do here? (kubectl auth
//     can-i --list)
//
// Each validates the review as upstream does (422 Invalid, or 400 for a
// missing user or namespace), fills in status, and returns the review.
// Nothing is stored: the coordinator serves them as create-only resources.
package authorization

import (
	"context"
	"fmt"
	"reflect"

	authorizationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authorization/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
)

// emptyMeta reports whether a review's metadata says nothing. Its
// managedFields do not count: the server records them on every create,
// and upstream's validation ignores them too.
func emptyMeta(m metav1.ObjectMeta) bool {
	m.ManagedFields = nil
	return reflect.DeepEqual(m, metav1.ObjectMeta{})
}

// EvaluateSubjectAccessReview answers review about the user of its spec.
// The user is taken as given: no group is added, so a review for "jane"
// without groups asks about jane in no group at all.
func EvaluateSubjectAccessReview(ctx context.Context, a authorizer.Authorizer, review *authorizationv1.SubjectAccessReview) (*authorizationv1.SubjectAccessReview, error) {
	errs := validateSpec(review.Spec.ResourceAttributes, review.Spec.NonResourceAttributes, field.NewPath("spec"))
	errs = append(errs, validateSubject(review.Spec)...)
	if !emptyMeta(review.ObjectMeta) {
		errs = append(errs, field.Invalid(field.NewPath("metadata"), review.ObjectMeta, "must be empty"))
	}
	if len(errs) > 0 {
		return nil, apierrors.NewInvalid(kind("SubjectAccessReview"), "", errs)
	}
	out := *review
	out.Status = evaluate(ctx, a, specUser(review.Spec), review.Spec.ResourceAttributes, review.Spec.NonResourceAttributes)
	return &out, nil
}

// EvaluateLocalSubjectAccessReview answers review, created in namespace
// (the request path's); review's namespaces must equal it.
func EvaluateLocalSubjectAccessReview(ctx context.Context, a authorizer.Authorizer, namespace string, review *authorizationv1.LocalSubjectAccessReview) (*authorizationv1.LocalSubjectAccessReview, error) {
	spec := review.Spec
	errs := validateSpec(spec.ResourceAttributes, spec.NonResourceAttributes, field.NewPath("spec"))
	errs = append(errs, validateSubject(spec)...)
	meta := review.ObjectMeta
	meta.Namespace = ""
	if !emptyMeta(meta) {
		errs = append(errs, field.Invalid(field.NewPath("metadata"), review.ObjectMeta, "must be empty except for namespace"))
	}
	if spec.ResourceAttributes != nil && spec.ResourceAttributes.Namespace != review.Namespace {
		errs = append(errs, field.Invalid(field.NewPath("spec", "resourceAttributes", "namespace"), spec.ResourceAttributes.Namespace, "must match metadata.namespace"))
	}
	if spec.NonResourceAttributes != nil {
		errs = append(errs, field.Invalid(field.NewPath("spec", "nonResourceAttributes"), spec.NonResourceAttributes, "disallowed on this kind of request"))
	}
	if len(errs) > 0 {
		return nil, apierrors.NewInvalid(kind("LocalSubjectAccessReview"), "", errs)
	}
	if namespace == "" {
		return nil, apierrors.NewBadRequest(fmt.Sprintf("namespace is required on this type: %v", namespace))
	}
	if namespace != review.Namespace {
		return nil, apierrors.NewBadRequest(fmt.Sprintf("spec.resourceAttributes.namespace must match namespace: %v", namespace))
	}
	out := *review
	out.Status = evaluate(ctx, a, specUser(spec), spec.ResourceAttributes, nil)
	return &out, nil
}

// EvaluateSelfSubjectAccessReview answers review about the caller, the
// user in ctx.
func EvaluateSelfSubjectAccessReview(ctx context.Context, a authorizer.Authorizer, review *authorizationv1.SelfSubjectAccessReview) (*authorizationv1.SelfSubjectAccessReview, error) {
	errs := validateSpec(review.Spec.ResourceAttributes, review.Spec.NonResourceAttributes, field.NewPath("spec"))
	if !emptyMeta(review.ObjectMeta) {
		errs = append(errs, field.Invalid(field.NewPath("metadata"), review.ObjectMeta, "must be empty"))
	}
	if len(errs) > 0 {
		return nil, apierrors.NewInvalid(kind("SelfSubjectAccessReview"), "", errs)
	}
	who, ok := user.From(ctx)
	if !ok {
		return nil, apierrors.NewBadRequest("no user present on request")
	}
	out := *review
	out.Status = evaluate(ctx, a, who, review.Spec.ResourceAttributes, review.Spec.NonResourceAttributes)
	return &out, nil
}

// EvaluateSelfSubjectRulesReview lists the caller's rules in
// spec.namespace. An error of the resolver is reported in
// status.evaluationError, next to the rules that were found.
func EvaluateSelfSubjectRulesReview(ctx context.Context, r authorizer.RuleResolver, review *authorizationv1.SelfSubjectRulesReview) (*authorizationv1.SelfSubjectRulesReview, error) {
	who, ok := user.From(ctx)
	if !ok {
		return nil, apierrors.NewBadRequest("no user present on request")
	}
	if review.Spec.Namespace == "" {
		return nil, apierrors.NewBadRequest("no namespace on request")
	}
	rules, err := r.RulesFor(ctx, who, review.Spec.Namespace)
	out := *review
	out.Status = authorizationv1.SubjectRulesReviewStatus{
		ResourceRules: rules.Resource, NonResourceRules: rules.NonResource, Incomplete: rules.Incomplete,
	}
	if err != nil {
		out.Status.EvaluationError = err.Error()
	}
	return &out, nil
}

func kind(k string) metav1.GroupKind {
	return metav1.GroupKind{Group: authorizationv1.GroupName, Kind: k}
}

// validateSpec checks that exactly one of the attribute sets is given.
func validateSpec(res *authorizationv1.ResourceAttributes, nonRes *authorizationv1.NonResourceAttributes, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	switch {
	case res != nil && nonRes != nil:
		errs = append(errs, field.Invalid(path.Child("nonResourceAttributes"), nonRes, "cannot be specified in combination with resourceAttributes"))
	case res == nil && nonRes == nil:
		errs = append(errs, field.Invalid(path.Child("resourceAttributes"), nonRes, "exactly one of nonResourceAttributes or resourceAttributes must be specified"))
	}
	if res != nil && res.FieldSelector != nil && res.FieldSelector.RawSelector != "" && len(res.FieldSelector.Requirements) > 0 {
		errs = append(errs, field.Invalid(path.Child("resourceAttributes", "fieldSelector", "rawSelector"), res.FieldSelector.RawSelector, "may not specified at the same time as requirements"))
	}
	return errs
}

func validateSubject(spec authorizationv1.SubjectAccessReviewSpec) field.ErrorList {
	if spec.User == "" && len(spec.Groups) == 0 {
		return field.ErrorList{field.Invalid(field.NewPath("spec", "user"), spec.User, "at least one of user or group must be specified")}
	}
	return nil
}

// specUser is the user a review's spec describes.
func specUser(spec authorizationv1.SubjectAccessReviewSpec) user.Info {
	u := user.Info{Name: spec.User, UID: spec.UID, Groups: spec.Groups}
	if len(spec.Extra) > 0 {
		u.Extra = make(map[string][]string, len(spec.Extra))
		for k, v := range spec.Extra {
			u.Extra[k] = v
		}
	}
	return u
}

// evaluate asks a and turns the answer into a status.
func evaluate(ctx context.Context, a authorizer.Authorizer, who user.Info, res *authorizationv1.ResourceAttributes, nonRes *authorizationv1.NonResourceAttributes) authorizationv1.SubjectAccessReviewStatus {
	d, reason, err := a.Authorize(ctx, reviewAttributes(who, res, nonRes))
	status := authorizationv1.SubjectAccessReviewStatus{
		Allowed: d == authorizer.DecisionAllow, Denied: d == authorizer.DecisionDeny, Reason: reason,
	}
	if err != nil {
		status.EvaluationError = err.Error()
	}
	return status
}

// reviewAttributes turns a review's question into Attributes. An empty
// version means every version, as upstream reads it.
func reviewAttributes(who user.Info, res *authorizationv1.ResourceAttributes, nonRes *authorizationv1.NonResourceAttributes) authorizer.Attributes {
	if res == nil {
		return authorizer.Attributes{User: who, Verb: nonRes.Verb, Path: nonRes.Path}
	}
	a := authorizer.Attributes{
		User: who, Verb: res.Verb, ResourceRequest: true, Namespace: res.Namespace,
		APIGroup: res.Group, APIVersion: res.Version, Resource: res.Resource,
		Subresource: res.Subresource, Name: res.Name,
	}
	if a.APIVersion == "" {
		a.APIVersion = "*"
	}
	if fs := res.FieldSelector; fs != nil {
		a.FieldSelector = fs.RawSelector
		if len(fs.Requirements) > 0 {
			a.FieldSelector = fieldSelectorString(fs.Requirements)
		}
	}
	if res.LabelSelector != nil {
		a.LabelSelector = res.LabelSelector.RawSelector
	}
	return a
}

// fieldSelectorString writes the requirements a field selector can
// express (In or NotIn with one value) as "key=value,key!=value". Others
// are dropped: a selector only narrows a request, so ignoring one asks a
// wider question, never a narrower one.
func fieldSelectorString(reqs []authorizationv1.FieldSelectorRequirement) string {
	var s string
	for _, r := range reqs {
		if len(r.Values) != 1 {
			continue
		}
		op := "="
		switch r.Operator {
		case authorizationv1.FieldSelectorOpIn:
		case authorizationv1.FieldSelectorOpNotIn:
			op = "!="
		default:
			continue
		}
		if s != "" {
			s += ","
		}
		s += r.Key + op + r.Values[0]
	}
	return s
}
