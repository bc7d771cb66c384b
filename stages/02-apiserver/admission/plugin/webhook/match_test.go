package webhook

import (
	"context"
	"testing"

	admissionregistrationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/admissionregistration/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
)

// A webhook is called only for requests its rules and selectors match; a
// request it does not want never leaves the server. Each row counts the
// calls the fake webhook received.
func TestMatchingDecidesTheCall(t *testing.T) {
	rule := func(ops []admissionregistrationv1.OperationType, groups, versions, resources []string, scope admissionregistrationv1.ScopeType) admissionregistrationv1.RuleWithOperations {
		return admissionregistrationv1.RuleWithOperations{Operations: ops, Rule: admissionregistrationv1.Rule{
			APIGroups: groups, APIVersions: versions, Resources: resources, Scope: &scope}}
	}
	create := []admissionregistrationv1.OperationType{admissionregistrationv1.Create}
	all := []admissionregistrationv1.OperationType{admissionregistrationv1.OperationAll}
	core, v1 := []string{""}, []string{"v1"}
	star := []string{"*"}
	status := func(a *admission.Attributes) { a.Operation, a.Subresource = admission.Update, "status" }
	tests := []struct {
		name      string
		rule      admissionregistrationv1.RuleWithOperations
		nsSel     *metav1.LabelSelector
		objSel    *metav1.LabelSelector
		change    func(*admission.Attributes) // turns the pod create into the request under test
		wantCalls int
	}{
		{name: "matching rule", rule: podRule, wantCalls: 1},
		{name: "other operation", rule: rule([]admissionregistrationv1.OperationType{admissionregistrationv1.Delete}, core, v1, []string{"pods"}, "*")},
		{name: "other group", rule: rule(create, []string{"apps"}, v1, []string{"pods"}, "*")},
		{name: "other version", rule: rule(create, core, []string{"v2"}, []string{"pods"}, "*")},
		{name: "wildcards everywhere", rule: rule(all, star, star, star, "*"), wantCalls: 1},
		{name: "pods does not match pods/status", rule: rule(all, core, v1, []string{"pods"}, "*"), change: status},
		{name: "pods/status matches pods/status", rule: rule(all, core, v1, []string{"pods/status"}, "*"), change: status, wantCalls: 1},
		{name: "pods/* matches pods/status", rule: rule(all, core, v1, []string{"pods/*"}, "*"), change: status, wantCalls: 1},
		{name: "* does not match a subresource", rule: rule(all, core, v1, star, "*"), change: status},
		{name: "*/* matches a subresource", rule: rule(all, core, v1, []string{"*/*"}, "*"), change: status, wantCalls: 1},
		{name: "Cluster scope skips a namespaced pod", rule: rule(create, core, v1, []string{"pods"}, admissionregistrationv1.ClusterScope)},
		{name: "Namespaced scope takes it", rule: rule(create, core, v1, []string{"pods"}, admissionregistrationv1.NamespacedScope), wantCalls: 1},
		{name: "Cluster scope takes a Namespace object", rule: rule(create, core, v1, []string{"namespaces"}, admissionregistrationv1.ClusterScope),
			change: func(a *admission.Attributes) {
				a.Resource.Resource, a.Namespace, a.Name = "namespaces", "team", "team"
				a.Object = &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "team"}}
			}, wantCalls: 1},
		{name: "namespaceSelector matches the namespace's labels", rule: podRule,
			nsSel: &metav1.LabelSelector{MatchLabels: map[string]string{"env": "prod"}}, wantCalls: 1},
		{name: "namespaceSelector that does not match", rule: podRule,
			nsSel: &metav1.LabelSelector{MatchLabels: map[string]string{"env": "dev"}}},
		{name: "objectSelector that does not match", rule: podRule,
			objSel: &metav1.LabelSelector{MatchLabels: map[string]string{"inject": "true"}}},
		{name: "objectSelector matching the old object only", rule: podRule,
			objSel: &metav1.LabelSelector{MatchLabels: map[string]string{"inject": "true"}},
			change: func(a *admission.Attributes) {
				a.Operation, a.OldObject = admission.Update, testPod(map[string]string{"inject": "true"})
			}, wantCalls: 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hook := newFakeWebhook(t, allow)
			w := validatingHook("w.example.com", hook.clientConfig("/"), admissionregistrationv1.Fail)
			w.Rules = []admissionregistrationv1.RuleWithOperations{tc.rule}
			w.NamespaceSelector, w.ObjectSelector = tc.nsSel, tc.objSel
			v := validating(t, &recorder{}, namespaces{"team": {"env": "prod"}}, w)
			a := createPod(testPod(map[string]string{"app": "web"}))
			if tc.change != nil {
				tc.change(a)
			}
			if err := v.Validate(context.Background(), a); err != nil {
				t.Fatalf("Validate = %v", err)
			}
			if got := hook.calls(); got != tc.wantCalls {
				t.Errorf("webhook calls = %d, want %d", got, tc.wantCalls)
			}
		})
	}
}

// A namespaceSelector needs the namespace; when it cannot be read the
// request fails rather than skipping a webhook that may have wanted it.
func TestNamespaceLookupFailure(t *testing.T) {
	hook := newFakeWebhook(t, allow)
	w := validatingHook("w.example.com", hook.clientConfig("/"), admissionregistrationv1.Ignore)
	w.NamespaceSelector = &metav1.LabelSelector{MatchLabels: map[string]string{"env": "prod"}}
	v := validating(t, &recorder{}, namespaces{}, w)
	err := v.Validate(context.Background(), createPod(testPod(nil)))
	want := `Internal error occurred: webhook "w.example.com": get namespace team for its namespaceSelector: not found`
	if err == nil || err.Error() != want {
		t.Errorf("Validate = %v, want %s", err, want)
	}
}
