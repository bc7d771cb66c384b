// Rule builder: the policy written as readable one-liners.
//
// Interface:
//   - rule(verbs...).groups(...).resources(...).names(...).rule()
//   - rule(verbs...).urls(...).rule()
//   - read, readUpdate and readWrite, the verb lists most rules use.
//   - metadata helpers: the bootstrapping label and the autoupdate
//     annotation every bootstrap object carries.
package bootstrap

import (
	"slices"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
)

// Verb lists.
var (
	read       = []string{"get", "list", "watch"}
	readUpdate = []string{"get", "list", "watch", "update", "patch"}
	readWrite  = []string{"get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"}
	write      = []string{"create", "update", "patch", "delete", "deletecollection"}
)

// API groups, by the names policy rules use.
const (
	legacyGroup                = ""
	admissionRegistrationGroup = "admissionregistration.k8s.io"
	appsGroup                  = "apps"
	authenticationGroup        = "authentication.k8s.io"
	authorizationGroup         = "authorization.k8s.io"
	autoscalingGroup           = "autoscaling"
	batchGroup                 = "batch"
	certificatesGroup          = "certificates.k8s.io"
	coordinationGroup          = "coordination.k8s.io"
	customMetricsGroup         = "custom.metrics.k8s.io"
	discoveryGroup             = "discovery.k8s.io"
	eventsGroup                = "events.k8s.io"
	extensionsGroup            = "extensions"
	externalMetricsGroup       = "external.metrics.k8s.io"
	networkingGroup            = "networking.k8s.io"
	nodeGroup                  = "node.k8s.io"
	policyGroup                = "policy"
	rbacGroup                  = "rbac.authorization.k8s.io"
	resourceGroup              = "resource.k8s.io"
	resourceMetricsGroup       = "metrics.k8s.io"
	storageGroup               = "storage.k8s.io"
	storageMigrationGroup      = "storagemigration.k8s.io"
)

// Metadata every bootstrap object carries, upstream's keys.
const (
	BootstrappingLabel      = "kubernetes.io/bootstrapping"
	BootstrappingLabelValue = "rbac-defaults"
	AutoUpdateAnnotation    = "rbac.authorization.kubernetes.io/autoupdate"
)

// The labels that select roles into admin, edit and view.
const (
	AggregateToAdmin = "rbac.authorization.k8s.io/aggregate-to-admin"
	AggregateToEdit  = "rbac.authorization.k8s.io/aggregate-to-edit"
	AggregateToView  = "rbac.authorization.k8s.io/aggregate-to-view"
)

// ruleBuilder accumulates one PolicyRule.
type ruleBuilder rbacv1.PolicyRule

// rule starts a rule granting verbs.
func rule(verbs ...string) ruleBuilder { return ruleBuilder{Verbs: verbs} }

func (b ruleBuilder) groups(g ...string) ruleBuilder    { b.APIGroups = g; return b }
func (b ruleBuilder) resources(r ...string) ruleBuilder { b.Resources = r; return b }
func (b ruleBuilder) names(n ...string) ruleBuilder     { b.ResourceNames = n; return b }
func (b ruleBuilder) urls(u ...string) ruleBuilder      { b.NonResourceURLs = u; return b }

// rule returns the PolicyRule with every list sorted and deduplicated, as
// upstream writes them (its builder keeps sets), so the objects read the
// same in kubectl get -o yaml.
func (b ruleBuilder) rule() rbacv1.PolicyRule {
	return rbacv1.PolicyRule{
		Verbs: sorted(b.Verbs), APIGroups: sorted(b.APIGroups), Resources: sorted(b.Resources),
		ResourceNames: sorted(b.ResourceNames), NonResourceURLs: sorted(b.NonResourceURLs),
	}
}

func sorted(s []string) []string {
	if s == nil {
		return nil
	}
	out := slices.Clone(s)
	slices.Sort(out)
	return slices.Compact(out)
}

// rules builds a list of rules.
func rules(bs ...ruleBuilder) []rbacv1.PolicyRule {
	out := make([]rbacv1.PolicyRule, len(bs))
	for i, b := range bs {
		out[i] = b.rule()
	}
	return out
}

// objectMeta is the metadata of a bootstrap object; extra labels (the
// aggregation labels) are added to the bootstrapping one.
func objectMeta(namespace, name string, extraLabels ...string) metav1.ObjectMeta {
	labels := map[string]string{BootstrappingLabel: BootstrappingLabelValue}
	for _, l := range extraLabels {
		labels[l] = "true"
	}
	return metav1.ObjectMeta{
		Name: name, Namespace: namespace, Labels: labels,
		Annotations: map[string]string{AutoUpdateAnnotation: "true"},
	}
}
