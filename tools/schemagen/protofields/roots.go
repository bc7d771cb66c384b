// Roots: where the walk over upstream's types starts.
//
// Interface:
//   - rootTypes() returns the Go types of every kind registered for a
//     served group-version, plus the few types from other groups that a
//     served route accepts or returns.
//
// The served group-versions are the ones tools/schemagen writes OpenAPI
// documents for (groups.go in the parent directory); shared/protobuf's
// tests fail when one of the main module's scheme types has no message
// here, so the two lists cannot drift apart unnoticed.
package main

import (
	"fmt"
	"reflect"
	"sort"

	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	appsv1 "k8s.io/api/apps/v1"
	authenticationv1 "k8s.io/api/authentication/v1"
	authorizationv1 "k8s.io/api/authorization/v1"
	autoscalingv1 "k8s.io/api/autoscaling/v1"
	batchv1 "k8s.io/api/batch/v1"
	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	eventsv1 "k8s.io/api/events/v1"
	policyv1 "k8s.io/api/policy/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// servedSchemes register the group-versions the project's API server serves.
var servedSchemes = []func(*runtime.Scheme) error{
	corev1.AddToScheme,
	appsv1.AddToScheme,
	batchv1.AddToScheme,
	rbacv1.AddToScheme,
	coordinationv1.AddToScheme,
	discoveryv1.AddToScheme,
	autoscalingv1.AddToScheme,
	eventsv1.AddToScheme,
	authenticationv1.AddToScheme,
	authorizationv1.AddToScheme,
	admissionregistrationv1.AddToScheme,
}

// extraRoots are types of other group-versions that served routes speak:
// pods/NAME/eviction accepts a policy/v1 Eviction, and a client may ask for
// metadata only (PartialObjectMetadata, as `kubectl get` does for some
// resources).
var extraRoots = []any{
	policyv1.Eviction{},
	metav1.PartialObjectMetadata{},
	metav1.PartialObjectMetadataList{},
}

// rootTypes returns every root, sorted by name so the output is stable.
func rootTypes() ([]reflect.Type, error) {
	s := runtime.NewScheme()
	for _, add := range servedSchemes {
		if err := add(s); err != nil {
			return nil, fmt.Errorf("register scheme: %w", err)
		}
	}
	seen := map[reflect.Type]bool{}
	for gvk, t := range s.AllKnownTypes() {
		if gvk.Version != runtime.APIVersionInternal {
			seen[t] = true
		}
	}
	for _, v := range extraRoots {
		seen[reflect.TypeOf(v)] = true
	}
	out := make([]reflect.Type, 0, len(seen))
	for t := range seen {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return fullName(out[i]) < fullName(out[j]) })
	return out, nil
}
