// Entry points: the three questions the REST layer asks before it writes.
//
// Interface:
//   - ValidateCreate(obj): is this new object valid?
//   - ValidateUpdate(obj, old): is obj valid, and is the change from old
//     allowed (immutable fields, roleRef, selectors, ...)?
//   - ValidateStatusUpdate(obj, old): is a write to the status
//     subresource valid?
//
// Each dispatches on the Go type to the per-kind functions in the other
// files of this package. The scope of a kind (namespaced or not) is read
// from shared/scheme, the one table of kinds; only the rules live here.

package validation

import (
	"fmt"
	"reflect"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	autoscalingv1 "github.com/kubeworkbook/kubeworkbook/shared/api/autoscaling/v1"
	batchv1 "github.com/kubeworkbook/kubeworkbook/shared/api/batch/v1"
	coordinationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/coordination/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	discoveryv1 "github.com/kubeworkbook/kubeworkbook/shared/api/discovery/v1"
	eventsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/events/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// ValidateCreate checks obj, a pointer to one of the shared/api types,
// as the API server does on create. obj must already be defaulted
// (stages/02-apiserver/defaults) and, for Jobs, carry the generated
// selector and metadata.uid, as upstream's job strategy has them by the
// time it validates. A generateName must already have been turned into a
// name. It returns nil when obj is valid, otherwise every problem found.
//
// A kind this package has no rules for is checked like any object:
// metadata only, with a DNS-1123 subdomain name.
func ValidateCreate(obj metav1.Object) field.ErrorList {
	switch o := obj.(type) {
	case *corev1.Pod:
		return validatePod(o)
	case *corev1.Binding:
		return validateBinding(o)
	case *corev1.Service:
		return validateService(o)
	case *corev1.Endpoints:
		return validateEndpoints(o)
	case *corev1.ConfigMap:
		return validateConfigMap(o)
	case *corev1.Secret:
		return validateSecret(o)
	case *corev1.ServiceAccount:
		return objectMeta(o, nameIsDNSSubdomain)
	case *corev1.Namespace:
		return validateNamespace(o)
	case *corev1.Node:
		return validateNode(o)
	case *corev1.Event:
		return validateEvent(o)
	case *corev1.PersistentVolume:
		return validatePersistentVolume(o)
	case *corev1.PersistentVolumeClaim:
		return validatePersistentVolumeClaim(o)
	case *corev1.LimitRange:
		return validateLimitRange(o)
	case *corev1.ResourceQuota:
		return validateResourceQuota(o)
	case *appsv1.Deployment:
		return validateDeployment(o)
	case *appsv1.ReplicaSet:
		return validateReplicaSet(o)
	case *batchv1.Job:
		return validateJob(o)
	case *rbacv1.Role:
		return validateRole(o)
	case *rbacv1.ClusterRole:
		return validateClusterRole(o)
	case *rbacv1.RoleBinding:
		return validateRoleBinding(o)
	case *rbacv1.ClusterRoleBinding:
		return validateClusterRoleBinding(o)
	case *coordinationv1.Lease:
		return validateLease(o)
	case *discoveryv1.EndpointSlice:
		return validateEndpointSlice(o)
	case *eventsv1.Event:
		return validateEventV1(o)
	case *autoscalingv1.Scale:
		return validateScale(o)
	}
	return objectMeta(obj, nameIsDNSSubdomain)
}

// ValidateUpdate checks obj as the API server does on update (PUT, and
// PATCH after the patch is applied), where old is the stored object. obj
// and old must have the same Go type; anything else is a programming
// error in the caller and panics. obj must be defaulted, and the REST
// layer must already have copied the fields the server maintains from old
// (uid, creationTimestamp, deletionTimestamp, generation), as upstream's
// rest.BeforeUpdate does.
//
// It runs every create check on obj, then the update rules of its kind
// (selector immutable on Deployments and ReplicaSets in apps/v1, pod
// updates limited to images, activeDeadlineSeconds and added
// tolerations, a Job's selector and template immutable, a Service's
// cluster IPs immutable, data immutable on an immutable ConfigMap or
// Secret, most of a claim's spec immutable, roleRef immutable, ...), and
// that no finalizer is added to an object being deleted.
//
// An events.k8s.io/v1 Event is the exception: its update rules replace
// the create checks (see validateEventV1Update), as upstream's do.
//
// Not checked here: changes of metadata.name or namespace (the REST layer
// answers those with 400 before validating), of metadata.uid (a 409
// precondition failure) and a missing resourceVersion (the REST layer
// either updates unconditionally or answers 409).
func ValidateUpdate(obj, old metav1.Object) field.ErrorList {
	mustMatch("ValidateUpdate", obj, old)
	if ev, ok := obj.(*eventsv1.Event); ok {
		return validateEventV1Update(ev, old.(*eventsv1.Event))
	}
	errs := ValidateCreate(obj)
	errs = append(errs, validateObjectMetaUpdate(obj.GetObjectMeta(), old.GetObjectMeta(), field.NewPath("metadata"))...)
	switch o := obj.(type) {
	case *corev1.Pod:
		errs = append(errs, validatePodUpdate(o, old.(*corev1.Pod))...)
	case *corev1.Service:
		errs = append(errs, validateServiceUpdate(o, old.(*corev1.Service))...)
	case *corev1.ConfigMap:
		errs = append(errs, validateConfigMapUpdate(o, old.(*corev1.ConfigMap))...)
	case *corev1.Secret:
		errs = append(errs, validateSecretUpdate(o, old.(*corev1.Secret))...)
	case *corev1.Node:
		errs = append(errs, validateNodeUpdate(o, old.(*corev1.Node))...)
	case *corev1.PersistentVolume:
		errs = append(errs, validatePersistentVolumeUpdate(o, old.(*corev1.PersistentVolume))...)
	case *corev1.PersistentVolumeClaim:
		errs = append(errs, validatePersistentVolumeClaimUpdate(o, old.(*corev1.PersistentVolumeClaim))...)
	case *corev1.ResourceQuota:
		errs = append(errs, validateResourceQuotaUpdate(o, old.(*corev1.ResourceQuota))...)
	case *appsv1.Deployment:
		errs = append(errs, immutable(o.Spec.Selector, old.(*appsv1.Deployment).Spec.Selector, field.NewPath("spec", "selector"))...)
	case *appsv1.ReplicaSet:
		errs = append(errs, immutable(o.Spec.Selector, old.(*appsv1.ReplicaSet).Spec.Selector, field.NewPath("spec", "selector"))...)
	case *batchv1.Job:
		errs = append(errs, validateJobUpdate(o, old.(*batchv1.Job))...)
	case *rbacv1.RoleBinding:
		errs = append(errs, roleRefUnchanged(o.RoleRef, old.(*rbacv1.RoleBinding).RoleRef)...)
	case *rbacv1.ClusterRoleBinding:
		errs = append(errs, roleRefUnchanged(o.RoleRef, old.(*rbacv1.ClusterRoleBinding).RoleRef)...)
	case *discoveryv1.EndpointSlice:
		errs = append(errs, immutable(o.AddressType, old.(*discoveryv1.EndpointSlice).AddressType, field.NewPath("addressType"))...)
	}
	return errs
}

// ValidateStatusUpdate checks a write to the status subresource of obj,
// old being the stored object. As for ValidateUpdate, both must have the
// same Go type; the REST layer must already have put old's spec back
// into obj, since a status write may only change status (and metadata).
//
// It checks the metadata change and the status of the kinds that have a
// status subresource: Pods (nodeName unchanged, pod IPs, terminated
// containers that would restart), Deployments and ReplicaSets (counts
// non-negative, ready <= replicas, collisionCount not decremented), Jobs
// (counts non-negative), Services (load balancer ingress), Nodes,
// Namespaces (phase), claims and quotas. Other kinds get the metadata
// checks only.
func ValidateStatusUpdate(obj, old metav1.Object) field.ErrorList {
	mustMatch("ValidateStatusUpdate", obj, old)
	meta := field.NewPath("metadata")
	errs := objectMetaCommon(obj.GetObjectMeta(), meta)
	errs = append(errs, validateObjectMetaUpdate(obj.GetObjectMeta(), old.GetObjectMeta(), meta)...)
	switch o := obj.(type) {
	case *corev1.Pod:
		errs = append(errs, validatePodStatusUpdate(o, old.(*corev1.Pod))...)
	case *corev1.Node:
		errs = append(errs, validateNodeResources(o)...)
	case *corev1.Service:
		errs = append(errs, validateLoadBalancerStatus(&o.Status.LoadBalancer, &o.Spec, field.NewPath("status", "loadBalancer"))...)
	case *corev1.Namespace:
		errs = append(errs, validateNamespaceStatus(o)...)
	case *corev1.PersistentVolumeClaim:
		errs = append(errs, validatePersistentVolumeClaimStatus(o)...)
	case *corev1.ResourceQuota:
		errs = append(errs, validateResourceQuotaStatus(&o.Status, field.NewPath("status"))...)
	case *appsv1.Deployment:
		errs = append(errs, validateDeploymentStatusUpdate(o, old.(*appsv1.Deployment))...)
	case *appsv1.ReplicaSet:
		errs = append(errs, validateReplicaSetStatus(&o.Status, field.NewPath("status"))...)
	case *batchv1.Job:
		errs = append(errs, validateJobStatus(&o.Status, field.NewPath("status"))...)
	}
	return errs
}

// mustMatch panics unless obj and old are non-nil and of one type: the
// REST layer always reads old from the same resource it decoded obj for.
func mustMatch(op string, obj, old metav1.Object) {
	if obj == nil || old == nil || reflect.TypeOf(obj) != reflect.TypeOf(old) {
		panic(fmt.Sprintf("validation: %s called with %T and %T", op, obj, old))
	}
}

// namespacedByType records, for each Go type in shared/scheme, whether
// its objects live in a namespace. Read-only after init.
var namespacedByType = func() map[reflect.Type]bool {
	m := map[reflect.Type]bool{}
	for _, r := range scheme.All() {
		m[reflect.TypeOf(r.New())] = r.Namespaced
	}
	// A Scale carries the metadata of the object it scales; every
	// scalable resource here is namespaced.
	m[reflect.TypeOf(&autoscalingv1.Scale{})] = true
	return m
}()

// isNamespaced reports whether obj's kind is namespaced according to
// shared/scheme. A type missing from the scheme is treated as namespaced
// when it carries a namespace, so that its metadata is still checked.
func isNamespaced(obj metav1.Object) bool {
	if ns, ok := namespacedByType[reflect.TypeOf(obj)]; ok {
		return ns
	}
	return obj.GetObjectMeta().Namespace != ""
}
