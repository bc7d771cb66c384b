package authorization

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	authorizationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authorization/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
)

// Talk 000, "Authorization chain": kubectl auth can-i asks the same chain
// that guards requests, through a SelfSubjectAccessReview.
func TestSelfSubjectAccessReview(t *testing.T) {
	chain := newChain(t, ModeNode, ModeRBAC)
	tests := []struct {
		name        string
		who         user.Info
		res         *authorizationv1.ResourceAttributes
		nonRes      *authorizationv1.NonResourceAttributes
		wantAllowed bool
		wantReason  string
	}{
		{"can-i create deployments as editor", editor,
			&authorizationv1.ResourceAttributes{Namespace: "default", Verb: "create", Group: "apps", Resource: "deployments"}, nil,
			true, `RBAC: allowed by RoleBinding "erin-edit/default" of ClusterRole "edit" to User "erin"`},
		{"can-i create pods as viewer", viewer,
			&authorizationv1.ResourceAttributes{Namespace: "default", Verb: "create", Resource: "pods"}, nil, false, ""},
		{"can-i get /healthz anonymously", anonymous, nil,
			&authorizationv1.NonResourceAttributes{Path: "/healthz", Verb: "get"}, true,
			`RBAC: allowed by ClusterRoleBinding "system:public-info-viewer" of ClusterRole "system:public-info-viewer" to Group "system:unauthenticated"`},
		{"kubelet lists its pods by field selector", kubelet,
			&authorizationv1.ResourceAttributes{Verb: "list", Resource: "pods", FieldSelector: &authorizationv1.FieldSelectorAttributes{
				Requirements: []authorizationv1.FieldSelectorRequirement{{Key: "spec.nodeName", Operator: "In", Values: []string{"worker-1"}}},
			}}, nil, true, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			review := &authorizationv1.SelfSubjectAccessReview{Spec: authorizationv1.SelfSubjectAccessReviewSpec{
				ResourceAttributes: tc.res, NonResourceAttributes: tc.nonRes,
			}}
			got, err := EvaluateSelfSubjectAccessReview(user.WithUser(t.Context(), tc.who), chain, review)
			if err != nil {
				t.Fatal(err)
			}
			if got.Status.Allowed != tc.wantAllowed || got.Status.Reason != tc.wantReason || got.Status.Denied {
				t.Errorf("status = %+v, want allowed %v reason %q", got.Status, tc.wantAllowed, tc.wantReason)
			}
		})
	}
}

// A SubjectAccessReview asks about the user of its spec, exactly as
// given; errors of the chain end up in status.evaluationError and an
// explicit deny in status.denied.
func TestSubjectAccessReview(t *testing.T) {
	chain := newChain(t, ModeRBAC)
	ask := func(a authorizer.Authorizer, spec authorizationv1.SubjectAccessReviewSpec) authorizationv1.SubjectAccessReviewStatus {
		t.Helper()
		got, err := EvaluateSubjectAccessReview(t.Context(), a, &authorizationv1.SubjectAccessReview{Spec: spec})
		if err != nil {
			t.Fatal(err)
		}
		return got.Status
	}
	listPods := &authorizationv1.ResourceAttributes{Namespace: "default", Verb: "list", Resource: "pods"}
	if s := ask(chain, authorizationv1.SubjectAccessReviewSpec{User: "erin", ResourceAttributes: listPods}); !s.Allowed {
		t.Errorf("erin list pods: %+v, want allowed", s)
	}
	// system:masters is a group: without groups the admin is nobody.
	if s := ask(chain, authorizationv1.SubjectAccessReviewSpec{User: "kubernetes-admin", ResourceAttributes: listPods}); s.Allowed {
		t.Errorf("kubernetes-admin in no group: %+v, want not allowed", s)
	}
	if s := ask(chain, authorizationv1.SubjectAccessReviewSpec{Groups: []string{user.SystemPrivilegedGroup}, ResourceAttributes: listPods}); !s.Allowed {
		t.Errorf("group system:masters: %+v, want allowed", s)
	}
	denyAll := authorizer.AuthorizerFunc(func(context.Context, authorizer.Attributes) (authorizer.Decision, string, error) {
		return authorizer.DecisionDeny, "closed for maintenance", errMaintenance
	})
	s := ask(denyAll, authorizationv1.SubjectAccessReviewSpec{User: "erin", ResourceAttributes: listPods})
	want := authorizationv1.SubjectAccessReviewStatus{Denied: true, Reason: "closed for maintenance", EvaluationError: "maintenance"}
	if s != want {
		t.Errorf("status = %+v, want %+v", s, want)
	}
}

var errMaintenance = errors.New("maintenance")

// The server records managedFields on every create, reviews included;
// they do not make the metadata "not empty", but a name does.
func TestReviewMetadataManagedFields(t *testing.T) {
	chain := newChain(t, ModeRBAC)
	spec := authorizationv1.SubjectAccessReviewSpec{User: "erin",
		ResourceAttributes: &authorizationv1.ResourceAttributes{Namespace: "default", Verb: "list", Resource: "pods"}}
	managed := metav1.ObjectMeta{ManagedFields: []metav1.ManagedFieldsEntry{{Manager: "kubectl", Operation: "Update"}}}
	got, err := EvaluateSubjectAccessReview(t.Context(), chain, &authorizationv1.SubjectAccessReview{ObjectMeta: managed, Spec: spec})
	if err != nil || !got.Status.Allowed || len(got.ManagedFields) != 1 {
		t.Errorf("with managedFields: %+v, %v; want allowed, managedFields kept", got, err)
	}
	named := metav1.ObjectMeta{Name: "x"}
	if _, err := EvaluateSubjectAccessReview(t.Context(), chain, &authorizationv1.SubjectAccessReview{ObjectMeta: named, Spec: spec}); err == nil {
		t.Error("with a name: no error; want 422 metadata must be empty")
	}
}

// Reviews are validated as upstream validates them: 422 with the field
// at fault, or 400 when the namespace or user is missing.
func TestReviewValidation(t *testing.T) {
	chain := newChain(t, ModeRBAC)
	ctx := user.WithUser(t.Context(), editor)
	pods := &authorizationv1.ResourceAttributes{Namespace: "team-a", Verb: "get", Resource: "pods"}
	path := &authorizationv1.NonResourceAttributes{Path: "/healthz", Verb: "get"}
	tests := []struct {
		name string
		call func() error
		want string
	}{
		{"both attribute sets", func() error {
			_, err := EvaluateSubjectAccessReview(ctx, chain, &authorizationv1.SubjectAccessReview{Spec: authorizationv1.SubjectAccessReviewSpec{
				User: "erin", ResourceAttributes: pods, NonResourceAttributes: path}})
			return err
		}, `SubjectAccessReview.authorization.k8s.io "" is invalid: spec.nonResourceAttributes: Invalid value: `},
		{"no attribute set", func() error {
			_, err := EvaluateSelfSubjectAccessReview(ctx, chain, &authorizationv1.SelfSubjectAccessReview{})
			return err
		}, "exactly one of nonResourceAttributes or resourceAttributes must be specified"},
		{"no user or group", func() error {
			_, err := EvaluateSubjectAccessReview(ctx, chain, &authorizationv1.SubjectAccessReview{Spec: authorizationv1.SubjectAccessReviewSpec{ResourceAttributes: pods}})
			return err
		}, "spec.user: Invalid value: \"\": at least one of user or group must be specified"},
		{"metadata set", func() error {
			_, err := EvaluateSelfSubjectAccessReview(ctx, chain, &authorizationv1.SelfSubjectAccessReview{
				ObjectMeta: metav1.ObjectMeta{Name: "mine"}, Spec: authorizationv1.SelfSubjectAccessReviewSpec{ResourceAttributes: pods}})
			return err
		}, "metadata: Invalid value"},
		{"local review in another namespace", func() error {
			_, err := EvaluateLocalSubjectAccessReview(ctx, chain, "default", &authorizationv1.LocalSubjectAccessReview{
				ObjectMeta: metav1.ObjectMeta{Namespace: "team-a"}, Spec: authorizationv1.SubjectAccessReviewSpec{User: "erin", ResourceAttributes: pods}})
			return err
		}, "spec.resourceAttributes.namespace must match namespace: default"},
		{"local review of a path", func() error {
			_, err := EvaluateLocalSubjectAccessReview(ctx, chain, "team-a", &authorizationv1.LocalSubjectAccessReview{
				ObjectMeta: metav1.ObjectMeta{Namespace: "team-a"}, Spec: authorizationv1.SubjectAccessReviewSpec{User: "erin", NonResourceAttributes: path}})
			return err
		}, "spec.nonResourceAttributes: Invalid value: ",
		},
		{"self review without a user", func() error {
			_, err := EvaluateSelfSubjectAccessReview(t.Context(), chain, &authorizationv1.SelfSubjectAccessReview{
				Spec: authorizationv1.SelfSubjectAccessReviewSpec{ResourceAttributes: pods}})
			return err
		}, "no user present on request"},
		{"rules review without a namespace", func() error {
			_, err := EvaluateSelfSubjectRulesReview(ctx, chain, &authorizationv1.SelfSubjectRulesReview{})
			return err
		}, "no namespace on request"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// A namespace admin may ask, with a LocalSubjectAccessReview, what others
// may do in their namespace.
func TestLocalSubjectAccessReview(t *testing.T) {
	chain := newChain(t, ModeRBAC)
	review := &authorizationv1.LocalSubjectAccessReview{
		ObjectMeta: metav1.ObjectMeta{Namespace: "team-a"},
		Spec: authorizationv1.SubjectAccessReviewSpec{User: "nadia", ResourceAttributes: &authorizationv1.ResourceAttributes{
			Namespace: "team-a", Verb: "create", Group: "rbac.authorization.k8s.io", Resource: "rolebindings"}},
	}
	got, err := EvaluateLocalSubjectAccessReview(t.Context(), chain, "team-a", review)
	if err != nil {
		t.Fatal(err)
	}
	if want := `RBAC: allowed by RoleBinding "nadia-admin/team-a" of ClusterRole "admin" to User "nadia"`; !got.Status.Allowed || got.Status.Reason != want {
		t.Errorf("status = %+v, want allowed by %s", got.Status, want)
	}
}

// kubectl auth can-i --list: the rules of the caller in a namespace. A
// mode that cannot list its rules (Node, for a kubelet) makes the list
// incomplete and says why.
func TestSelfSubjectRulesReview(t *testing.T) {
	tests := []struct {
		name           string
		modes          []string
		who            user.Info
		namespace      string
		wantResource   string // a resource the rules must grant "create" on
		wantIncomplete bool
		wantError      string
	}{
		{"editor in default", []string{ModeRBAC}, editor, "default", "deployments", false, ""},
		{"namespace admin in team-a", []string{ModeRBAC}, nsAdmin, "team-a", "rolebindings", false, ""},
		{"every user may ask", []string{ModeRBAC}, viewer, "default", "selfsubjectrulesreviews", false, ""},
		{"kubelet under Node", []string{ModeNode, ModeRBAC}, kubelet, "default", "selfsubjectaccessreviews", true,
			"node authorizer does not support user rule resolution"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			chain := newChain(t, tc.modes...)
			review := &authorizationv1.SelfSubjectRulesReview{Spec: authorizationv1.SelfSubjectRulesReviewSpec{Namespace: tc.namespace}}
			got, err := EvaluateSelfSubjectRulesReview(user.WithUser(t.Context(), tc.who), chain, review)
			if err != nil {
				t.Fatal(err)
			}
			s := got.Status
			if s.Incomplete != tc.wantIncomplete || s.EvaluationError != tc.wantError {
				t.Errorf("incomplete %v error %q, want %v %q", s.Incomplete, s.EvaluationError, tc.wantIncomplete, tc.wantError)
			}
			granted := slices.ContainsFunc(s.ResourceRules, func(r authorizationv1.ResourceRule) bool {
				return slices.Contains(r.Resources, tc.wantResource) && (slices.Contains(r.Verbs, "create") || slices.Contains(r.Verbs, "*"))
			})
			if !granted {
				t.Errorf("no rule grants create on %s: %+v", tc.wantResource, s.ResourceRules)
			}
			if !slices.ContainsFunc(s.NonResourceRules, func(r authorizationv1.NonResourceRule) bool {
				return slices.Contains(r.NonResourceURLs, "/healthz")
			}) {
				t.Errorf("no rule for /healthz: %+v", s.NonResourceRules)
			}
		})
	}
}
