// Markers: upstream's +optional and +required comments, for the fields
// where they say something the JSON tag does not.
//
// Interface:
//   - requiredMarkers[t][field] overrides isRequired (generate.go) for one
//     JSON field of struct type t: true for +required, false for
//     +optional.
//
// Upstream's generator reads a comment above each field as well as its
// JSON tag. Reflection sees tags only, and for most fields the tag alone
// gives upstream's answer. These are the exceptions in Kubernetes v1.37:
// fields written without omitempty (so an empty one comes out as null or
// "", byte for byte as upstream writes it) that upstream nevertheless
// marks +optional, and a few it marks +required. Getting them wrong has a
// cost a user sees: a required-but-optional field makes kubectl refuse a
// valid manifest (an aggregated ClusterRole has no rules). The test
// TestRequiredMatchesUpstream compares every definition with upstream's
// and fails when an entry here is missing, stale or redundant.
package openapi

import (
	"reflect"

	admissionregistrationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/admissionregistration/v1"
	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	authenticationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authentication/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	discoveryv1 "github.com/kubeworkbook/kubeworkbook/shared/api/discovery/v1"
	eventsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/events/v1"
	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
)

// requiredMarkers is read-only after package initialization.
var requiredMarkers = map[reflect.Type]map[string]bool{
	// +required: a Deployment or ReplicaSet without a spec is refused.
	reflect.TypeFor[appsv1.Deployment](): {"spec": true},
	reflect.TypeFor[appsv1.ReplicaSet](): {"spec": true},
	// +required, though written with omitempty: a TokenReview without a
	// token, a webhook that does not declare its side effects.
	reflect.TypeFor[authenticationv1.TokenReviewSpec]():          {"token": true},
	reflect.TypeFor[admissionregistrationv1.MutatingWebhook]():   {"sideEffects": true},
	reflect.TypeFor[admissionregistrationv1.ValidatingWebhook](): {"sideEffects": true},

	// +optional, though written without omitempty.
	reflect.TypeFor[appsv1.DeploymentCondition]():   {"type": false, "status": false},
	reflect.TypeFor[appsv1.ReplicaSetCondition]():   {"type": false, "status": false},
	reflect.TypeFor[corev1.ContainerImage]():        {"names": false},
	reflect.TypeFor[corev1.Event]():                 {"reportingComponent": false, "reportingInstance": false},
	reflect.TypeFor[corev1.ProjectedVolumeSource](): {"sources": false},
	reflect.TypeFor[discoveryv1.EndpointSlice]():    {"endpoints": false, "ports": false},
	reflect.TypeFor[eventsv1.Event]():               {"metadata": false},
	reflect.TypeFor[rbacv1.Role]():                  {"rules": false},
	reflect.TypeFor[rbacv1.ClusterRole]():           {"rules": false},
	reflect.TypeFor[rbacv1.RoleRef]():               {"apiGroup": false},
}
