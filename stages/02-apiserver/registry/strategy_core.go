// Strategies of the core kinds besides pods and services: namespaces,
// nodes, events (and their events.k8s.io form), secrets and volumes.
//
// Interface:
//   - namespaceStrategy(): the "kubernetes" finalizer, phase Terminating
//     on delete, /finalize, and the namespaces that may not be deleted.
//   - nodeStrategy(), eventStrategy(), eventsV1Strategy() (events.k8s.io),
//     secretStrategy(), persistentVolumeStrategy(),
//     persistentVolumeClaimStrategy().
//   - ImmortalNamespaces: default, kube-system, kube-public.
//
// Deleting a namespace does not remove it: it turns Terminating, and the
// namespace controller (stage 3) deletes everything in it, removes the
// "kubernetes" finalizer through /finalize and deletes it again.
package registry

import (
	"errors"
	"slices"
	"time"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	eventsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/events/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/fields"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission/plugin/resourcequota"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/defaults"
)

// ImmortalNamespaces may not be deleted (upstream's NamespaceLifecycle
// admission). kube-node-lease is not among them, as upstream.
var ImmortalNamespaces = []string{corev1.NamespaceDefault, corev1.NamespaceSystem, "kube-public"}

// NamespaceNotDeletableMessage is upstream's reason for refusing to
// delete an immortal namespace (403).
const NamespaceNotDeletableMessage = "this namespace may not be deleted"

func namespaceStrategy() Strategy {
	return Strategy{
		ResetStatusOnCreate: true,
		PrepareForCreate: func(obj metav1.Object) {
			ns := obj.(*corev1.Namespace)
			defaults.PrepareNamespaceForCreate(ns)
			// A name generated after defaulting still needs its label.
			defaults.Namespace(ns)
		},
		PrepareForUpdate: func(obj, old metav1.Object) {
			// spec.finalizers change only through /finalize.
			obj.(*corev1.Namespace).Spec.Finalizers = old.(*corev1.Namespace).Spec.Finalizers
		},
		Fields: func(obj metav1.Object) fields.Set {
			return fields.Set{"status.phase": string(obj.(*corev1.Namespace).Status.Phase)}
		},
		NoNamespaceField: true,
		ValidateDelete: func(obj metav1.Object) error {
			name := obj.GetObjectMeta().Name
			if slices.Contains(ImmortalNamespaces, name) {
				return apierrors.NewForbidden(metav1.GroupResource{Resource: "namespaces"}, name, errors.New(NamespaceNotDeletableMessage))
			}
			return nil
		},
		Delete: deleteNamespace,
		Subresources: map[string]func(obj, old metav1.Object) metav1.Object{
			"finalize": finalizeNamespace,
		},
	}
}

// deleteNamespace is upstream's namespace REST Delete. The first delete
// marks the namespace (deletionTimestamp, phase Terminating, the
// propagation policy's finalizers) and keeps it; later ones keep it while
// spec.finalizers is not empty, and then fall back to the generic delete
// (metadata.finalizers still hold it).
func deleteNamespace(obj metav1.Object, opts *metav1.DeleteOptions, now time.Time) (DeleteAction, bool) {
	ns := obj.(*corev1.Namespace)
	if ns.DeletionTimestamp == nil {
		ns.DeletionTimestamp = timePtr(now)
		ns.Status.Phase = corev1.NamespaceTerminating
		setGCFinalizers(&ns.ObjectMeta, opts, false)
		return DeleteUpdate, true
	}
	if len(ns.Spec.Finalizers) > 0 {
		return DeleteKeep, true
	}
	return DeleteRemove, false
}

// finalizeNamespace is the write to /finalize: the stored namespace with
// the request's spec.finalizers (and its resourceVersion precondition).
func finalizeNamespace(obj, old metav1.Object) metav1.Object {
	ns, stored := obj.(*corev1.Namespace), old.(*corev1.Namespace)
	stored.Spec.Finalizers = ns.Spec.Finalizers
	stored.ResourceVersion = ns.ResourceVersion
	return stored
}

// nodeStrategy keeps the status a kubelet registers its node with; after
// that, status changes only through /status (talk 003, "kubelet: reports
// the status of the node").
func nodeStrategy() Strategy {
	return Strategy{
		Fields: func(obj metav1.Object) fields.Set {
			return fields.Set{"spec.unschedulable": boolString(obj.(*corev1.Node).Spec.Unschedulable)}
		},
		NoNamespaceField: true,
	}
}

// eventStrategy: events are selected by the object they are about
// (`kubectl describe pod` lists involvedObject.name=<pod>).
func eventStrategy() Strategy {
	return Strategy{Fields: func(obj metav1.Object) fields.Set {
		ev := obj.(*corev1.Event)
		source := ev.Source.Component
		if source == "" {
			source = ev.ReportingController
		}
		ref := ev.InvolvedObject
		return fields.Set{
			"involvedObject.kind":            ref.Kind,
			"involvedObject.namespace":       ref.Namespace,
			"involvedObject.name":            ref.Name,
			"involvedObject.uid":             string(ref.UID),
			"involvedObject.apiVersion":      ref.APIVersion,
			"involvedObject.resourceVersion": ref.ResourceVersion,
			"involvedObject.fieldPath":       ref.FieldPath,
			"reason":                         ev.Reason,
			"reportingComponent":             ev.ReportingController,
			"source":                         source,
			"type":                           ev.Type,
		}
	}}
}

// eventsV1FieldLabels are the field labels of events.k8s.io events, each
// with the core event field it selects on (upstream's field label
// conversion of the group; metadata.name and metadata.namespace are
// every kind's). A core-only label such as involvedObject.name is a 400
// here.
var eventsV1FieldLabels = map[string]string{
	"regarding.kind":            "involvedObject.kind",
	"regarding.namespace":       "involvedObject.namespace",
	"regarding.name":            "involvedObject.name",
	"regarding.uid":             "involvedObject.uid",
	"regarding.apiVersion":      "involvedObject.apiVersion",
	"regarding.resourceVersion": "involvedObject.resourceVersion",
	"regarding.fieldPath":       "involvedObject.fieldPath",
	"reason":                    "reason",
	"reportingController":       "reportingComponent",
	"source":                    "source",
	"type":                      "type",
}

// eventsV1Strategy: an events.k8s.io event selects on the same values as
// its core form (eventStrategy), under the group's field names.
func eventsV1Strategy() Strategy {
	core := eventStrategy()
	return Strategy{Fields: func(obj metav1.Object) fields.Set {
		coreFields := core.Fields(eventsv1.ToCoreEvent(obj.(*eventsv1.Event)))
		set := make(fields.Set, len(eventsV1FieldLabels))
		for label, coreLabel := range eventsV1FieldLabels {
			set[label] = coreFields[coreLabel]
		}
		return set
	}}
}

// secretStrategy: stringData is folded into data on every write, and
// secrets are selected by type (the token controller lists
// service-account-token secrets).
func secretStrategy() Strategy {
	return Strategy{
		PrepareForCreate: func(obj metav1.Object) { foldStringData(obj.(*corev1.Secret)) },
		PrepareForUpdate: func(obj, _ metav1.Object) { foldStringData(obj.(*corev1.Secret)) },
		Fields: func(obj metav1.Object) fields.Set {
			return fields.Set{"type": string(obj.(*corev1.Secret).Type)}
		},
	}
}

// foldStringData moves stringData into data, a value of stringData
// replacing the one data has under the same key, and clears stringData:
// it is write-only, so validation, storage and every reader see data
// alone. Upstream does this while converting the request to the internal
// type; here the strategy runs before validation, which is the same point.
func foldStringData(s *corev1.Secret) {
	if len(s.StringData) == 0 {
		s.StringData = nil
		return
	}
	if s.Data == nil {
		s.Data = make(map[string][]byte, len(s.StringData))
	}
	for k, v := range s.StringData {
		s.Data[k] = []byte(v)
	}
	s.StringData = nil
}

// persistentVolumeStrategy: a new volume is Pending, since the moment
// its phase last changed, until the volume controller finds it
// Available.
func persistentVolumeStrategy() Strategy {
	return Strategy{
		ResetStatusOnCreate: true,
		PrepareForCreate: func(obj metav1.Object) {
			pv := obj.(*corev1.PersistentVolume)
			pv.Status.Phase = corev1.VolumePending
			pv.Status.LastPhaseTransitionTime = timePtr(time.Now())
		},
	}
}

// persistentVolumeClaimStrategy: a new claim is Pending until bound.
func persistentVolumeClaimStrategy() Strategy {
	return Strategy{
		ResetStatusOnCreate: true,
		PrepareForCreate: func(obj metav1.Object) {
			obj.(*corev1.PersistentVolumeClaim).Status.Phase = corev1.ClaimPending
		},
	}
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// resourceQuotaStrategy primes a quota's status with its hard limits and
// zero usage on create and on a change of spec, standing in for the part
// of stage 3's quota controller that needs no counting: without a status
// the ResourceQuota admission plugin cannot enforce the quota at all.
func resourceQuotaStrategy() Strategy {
	prime := func(obj metav1.Object) { resourcequota.PrimeStatus(obj.(*corev1.ResourceQuota)) }
	return Strategy{
		ResetStatusOnCreate: true,
		PrepareForCreate:    prime,
		PrepareForUpdate:    func(obj, _ metav1.Object) { prime(obj) },
	}
}
