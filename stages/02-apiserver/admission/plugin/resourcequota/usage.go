// Usage: what one object counts against a quota.
//
// Interface:
//   - Usage(gr, obj): the quota resources obj uses, for the quota
//     controller (stage 3) as much as for this plugin.
//   - evaluatorFor(gr): how a resource is counted - pods (pods.go),
//     services, persistentvolumeclaims, and object counts for the rest.
//
// Object counts are named count/<resource>.<group> ("count/pods",
// "count/deployments.apps"); a few core resources also have the older
// bare names ("services", "configmaps", "secrets").
package resourcequota

import (
	"fmt"
	"slices"
	"strings"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
)

// evaluator knows how one resource is counted.
type evaluator struct {
	// resources are the quota names the resource is charged under;
	// prefixes match families of names (hugepages-2Mi, ...).
	resources []corev1.ResourceName
	prefixes  []string
	// extended also matches "requests.<extended resource>".
	extended bool
	// usage measures one object.
	usage func(obj metav1.Object) (corev1.ResourceList, error)
	// constraints checks an object against the names a quota caps; nil
	// means none.
	constraintsFn func(required []corev1.ResourceName, obj metav1.Object) error
	// handles says which operations can change usage.
	handles func(a *admission.Attributes) bool
	// scope says whether obj falls in a quota scope; nil means no object
	// of this resource is in any scope, so scoped quotas never count it.
	scope func(sel corev1.ScopedResourceSelectorRequirement, obj metav1.Object) (bool, error)
}

// ObjectCountName returns "count/<resource>" for the core group and
// "count/<resource>.<group>" otherwise.
func ObjectCountName(gr metav1.GroupResource) corev1.ResourceName {
	return corev1.ResourceName("count/" + gr.String())
}

// Usage returns the quota resources obj (of resource gr) uses.
func Usage(gr metav1.GroupResource, obj metav1.Object) (corev1.ResourceList, error) {
	return evaluatorFor(gr).usage(obj)
}

func one() resource.Quantity { return *resource.NewQuantity(1, resource.DecimalSI) }

func createsOnly(a *admission.Attributes) bool { return a.Operation == admission.Create }

func createsAndUpdates(a *admission.Attributes) bool {
	return a.Operation == admission.Create || a.Operation == admission.Update
}

// evaluatorFor returns the evaluator of gr; every resource has one.
func evaluatorFor(gr metav1.GroupResource) *evaluator {
	switch gr {
	case metav1.GroupResource{Resource: "pods"}:
		return podEvaluator()
	case metav1.GroupResource{Resource: "services"}:
		return serviceEvaluator()
	case metav1.GroupResource{Resource: "persistentvolumeclaims"}:
		return claimEvaluator()
	}
	legacy := map[metav1.GroupResource]corev1.ResourceName{
		{Resource: "configmaps"}:             corev1.ResourceConfigMaps,
		{Resource: "secrets"}:                corev1.ResourceSecrets,
		{Resource: "replicationcontrollers"}: corev1.ResourceReplicationControllers,
		{Resource: "resourcequotas"}:         corev1.ResourceQuotas,
	}
	return objectCountEvaluator(gr, legacy[gr])
}

// objectCountEvaluator counts each object once, under count/... and, when
// given, its legacy alias. Only creates change the count.
func objectCountEvaluator(gr metav1.GroupResource, alias corev1.ResourceName) *evaluator {
	names := []corev1.ResourceName{ObjectCountName(gr)}
	if alias != "" {
		names = append(names, alias)
	}
	return &evaluator{
		resources: names,
		usage: func(metav1.Object) (corev1.ResourceList, error) {
			out := corev1.ResourceList{}
			for _, n := range names {
				out[n] = one()
			}
			return out, nil
		},
		handles: createsOnly,
	}
}

// serviceEvaluator counts services, and the load balancers and node
// ports they take. Updates count too: a ClusterIP service turned
// LoadBalancer takes a load balancer.
func serviceEvaluator() *evaluator {
	return &evaluator{
		resources: []corev1.ResourceName{ObjectCountName(metav1.GroupResource{Resource: "services"}),
			corev1.ResourceServices, corev1.ResourceServicesLoadBalancers, corev1.ResourceServicesNodePorts},
		usage: func(obj metav1.Object) (corev1.ResourceList, error) {
			svc, ok := obj.(*corev1.Service)
			if !ok {
				return nil, fmt.Errorf("resourcequota: expected a Service, got %T", obj)
			}
			out := corev1.ResourceList{
				ObjectCountName(metav1.GroupResource{Resource: "services"}): one(),
				corev1.ResourceServices: one(),
			}
			ports := int64(len(svc.Spec.Ports))
			switch svc.Spec.Type {
			case corev1.ServiceTypeNodePort:
				out[corev1.ResourceServicesNodePorts] = *resource.NewQuantity(ports, resource.DecimalSI)
			case corev1.ServiceTypeLoadBalancer:
				if a := svc.Spec.AllocateLoadBalancerNodePorts; a != nil && !*a {
					ports = 0
				}
				out[corev1.ResourceServicesNodePorts] = *resource.NewQuantity(ports, resource.DecimalSI)
				out[corev1.ResourceServicesLoadBalancers] = one()
			}
			return out, nil
		},
		handles: createsAndUpdates,
	}
}

// storageClassSuffix turns a class name into the per-class quota names
// "<class>.storageclass.storage.k8s.io/requests.storage".
const storageClassSuffix = ".storageclass.storage.k8s.io/"

// claimEvaluator counts claims and the storage they request, in total
// and per storage class. Updates count: a claim may grow.
func claimEvaluator() *evaluator {
	count := ObjectCountName(metav1.GroupResource{Resource: "persistentvolumeclaims"})
	return &evaluator{
		resources: []corev1.ResourceName{count, corev1.ResourcePersistentVolumeClaims, corev1.ResourceRequestsStorage},
		usage: func(obj metav1.Object) (corev1.ResourceList, error) {
			pvc, ok := obj.(*corev1.PersistentVolumeClaim)
			if !ok {
				return nil, fmt.Errorf("resourcequota: expected a PersistentVolumeClaim, got %T", obj)
			}
			out := corev1.ResourceList{count: one(), corev1.ResourcePersistentVolumeClaims: one()}
			class := ""
			if pvc.Spec.StorageClassName != nil {
				class = *pvc.Spec.StorageClassName
			}
			if class != "" {
				out[corev1.ResourceName(class+storageClassSuffix+string(corev1.ResourcePersistentVolumeClaims))] = one()
			}
			if storage, ok := pvc.Spec.Resources.Requests[corev1.ResourceStorage]; ok {
				out[corev1.ResourceRequestsStorage] = storage
				if class != "" {
					out[corev1.ResourceName(class+storageClassSuffix+string(corev1.ResourceRequestsStorage))] = storage
				}
			}
			return out, nil
		},
		handles: createsAndUpdates,
	}
}

// matchingResources returns the names in input this evaluator charges.
func (e *evaluator) matchingResources(input []corev1.ResourceName) []corev1.ResourceName {
	var out []corev1.ResourceName
	for _, n := range input {
		s := string(n)
		switch {
		case slices.Contains(e.resources, n):
		case slices.ContainsFunc(e.prefixes, func(p string) bool { return strings.HasPrefix(s, p) }):
		case e.extended && isExtendedQuotaName(n):
		case e.usesStorageClassNames() && strings.Contains(s, storageClassSuffix):
		default:
			continue
		}
		out = append(out, n)
	}
	return out
}

// usesStorageClassNames is true for the claim evaluator, whose per-class
// names cannot be listed in advance.
func (e *evaluator) usesStorageClassNames() bool {
	return slices.Contains(e.resources, corev1.ResourceRequestsStorage)
}

// matches reports whether quota q counts obj: it caps something this
// resource uses, and obj is in every one of its scopes.
func (e *evaluator) matches(q *corev1.ResourceQuota, obj metav1.Object) (bool, error) {
	if len(e.matchingResources(names(q.Status.Hard))) == 0 {
		return false, nil
	}
	for _, sel := range scopeSelectors(q) {
		if e.scope == nil {
			return false, nil
		}
		in, err := e.scope(sel, obj)
		if err != nil || !in {
			return false, err
		}
	}
	return true, nil
}

// constraints runs constraintsFn, if any.
func (e *evaluator) constraints(required []corev1.ResourceName, obj metav1.Object) error {
	if e.constraintsFn == nil {
		return nil
	}
	return e.constraintsFn(required, obj)
}

// scopeSelectors turns spec.scopes into Exists requirements and appends
// spec.scopeSelector's.
func scopeSelectors(q *corev1.ResourceQuota) []corev1.ScopedResourceSelectorRequirement {
	var out []corev1.ScopedResourceSelectorRequirement
	for _, s := range q.Spec.Scopes {
		out = append(out, corev1.ScopedResourceSelectorRequirement{ScopeName: s, Operator: corev1.ScopeSelectorOpExists})
	}
	if q.Spec.ScopeSelector != nil {
		out = append(out, q.Spec.ScopeSelector.MatchExpressions...)
	}
	return out
}
