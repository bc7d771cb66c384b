// Groups: which group-versions get a document, and which kinds each holds.
//
// Interface:
//   - servedGroupVersions lists the group-versions this project's API server
//     serves, with their path below /openapi/v3 and their scheme registration.
//   - newScheme registers all of them in one runtime.Scheme, the source of the
//     x-kubernetes-group-version-kind extensions.
//   - roots(scheme, gv) names the definitions a document starts from; the
//     builder adds everything they reference.
package main

import (
	"fmt"
	"sort"
	"strings"

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
	rbacv1 "k8s.io/api/rbac/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// groupVersion is one document to write.
type groupVersion struct {
	gv          schema.GroupVersion
	path        string // below /openapi/v3, as the server's index lists it
	addToScheme func(*runtime.Scheme) error
	// extra names definitions from other groups that this group-version's
	// routes return: the scale subresource of deployments, replicasets,
	// statefulsets and replicationcontrollers speaks autoscaling/v1 Scale,
	// serviceaccounts/token authentication.k8s.io/v1 TokenRequest.
	extra []string
}

// servedGroupVersions are the group-versions of the project's API server
// (stage 2); the schema package embeds one document per entry.
var servedGroupVersions = []groupVersion{
	{corev1.SchemeGroupVersion, "api/v1", corev1.AddToScheme, []string{autoscalingv1.Scale{}.OpenAPIModelName(), authenticationv1.TokenRequest{}.OpenAPIModelName()}},
	{appsv1.SchemeGroupVersion, "apis/apps/v1", appsv1.AddToScheme, []string{autoscalingv1.Scale{}.OpenAPIModelName()}},
	{batchv1.SchemeGroupVersion, "apis/batch/v1", batchv1.AddToScheme, nil},
	{rbacv1.SchemeGroupVersion, "apis/rbac.authorization.k8s.io/v1", rbacv1.AddToScheme, nil},
	{coordinationv1.SchemeGroupVersion, "apis/coordination.k8s.io/v1", coordinationv1.AddToScheme, nil},
	{discoveryv1.SchemeGroupVersion, "apis/discovery.k8s.io/v1", discoveryv1.AddToScheme, nil},
	{autoscalingv1.SchemeGroupVersion, "apis/autoscaling/v1", autoscalingv1.AddToScheme, nil},
	{eventsv1.SchemeGroupVersion, "apis/events.k8s.io/v1", eventsv1.AddToScheme, nil},
	{authenticationv1.SchemeGroupVersion, "apis/authentication.k8s.io/v1", authenticationv1.AddToScheme, nil},
	{authorizationv1.SchemeGroupVersion, "apis/authorization.k8s.io/v1", authorizationv1.AddToScheme, nil},
	{admissionregistrationv1.SchemeGroupVersion, "apis/admissionregistration.k8s.io/v1", admissionregistrationv1.AddToScheme, nil},
}

// everyDocument names the meta/v1 definitions every group-version's routes
// return: errors come back as a Status, and GET on the group-version itself
// returns its APIResourceList.
var everyDocument = []string{
	metav1.Status{}.OpenAPIModelName(),
	metav1.APIResourceList{}.OpenAPIModelName(),
}

// notServed are kinds the core/v1 scheme registers that no route returns or
// accepts, so the API server's document does not contain them either.
var notServed = map[string]bool{
	"List":                true, // a client-side container; kubectl validates its items one by one
	"PodStatusResult":     true,
	"RangeAllocation":     true,
	"SerializedReference": true,
}

// newScheme registers every served group-version, the way the API server's
// scheme does for the groups it installs.
func newScheme() (*runtime.Scheme, error) {
	s := runtime.NewScheme()
	for _, gv := range servedGroupVersions {
		if err := gv.addToScheme(s); err != nil {
			return nil, fmt.Errorf("register %s: %w", gv.gv, err)
		}
	}
	return s, nil
}

// roots returns the sorted definition names a document for gv starts from:
// every kind registered for gv except query-parameter types (the *Options
// other than DeleteOptions, which is a request body) and notServed, plus
// everyDocument and gv.extra.
func roots(s *runtime.Scheme, gv groupVersion) ([]string, error) {
	seen := map[string]bool{}
	for kind := range s.KnownTypes(gv.gv) {
		if notServed[kind] || (strings.HasSuffix(kind, "Options") && kind != "DeleteOptions") {
			continue
		}
		name, err := s.ToOpenAPIDefinitionName(gv.gv.WithKind(kind))
		if err != nil {
			return nil, fmt.Errorf("name %s: %w", kind, err)
		}
		seen[name] = true
	}
	for _, name := range append(append([]string{}, everyDocument...), gv.extra...) {
		seen[name] = true
	}
	names := make([]string, 0, len(seen))
	for name := range seen {
		names = append(names, name)
	}
	sort.Strings(names)
	return names, nil
}

// fileName turns a server path into the embedded file's name:
// "apis/apps/v1" → "apis__apps__v1.json".
func fileName(path string) string {
	return strings.ReplaceAll(path, "/", "__") + ".json"
}
