// Controller roles, continued: the controllers of nodes, volumes,
// certificates, dynamic resources and the cluster-wide housekeepers
// (garbage collector, namespace deletion, quota).
//
// Interface:
//   - infraControllerRules(): service account name -> rules, merged into
//     controllerRules by controllerroles.go.
package bootstrap

// Signer names the certificate controller may approve or sign for.
const (
	kubeletClientSigner = "kubernetes.io/kube-apiserver-client-kubelet"
	apiserverClient     = "kubernetes.io/kube-apiserver-client"
	kubeletServing      = "kubernetes.io/kubelet-serving"
	legacyUnknownSigner = "kubernetes.io/legacy-unknown"
)

func infraControllerRules() map[string][]ruleBuilder {
	return map[string][]ruleBuilder{
		// Housekeepers that act on any resource.
		"generic-garbage-collector": {
			rule("get", "list", "watch", "patch", "update", "delete").groups("*").resources("*"),
			eventsRule(),
		},
		"namespace-controller": {
			rule("get", "list", "watch", "delete").groups(legacyGroup).resources("namespaces"),
			rule("update").groups(legacyGroup).resources("namespaces/finalize", "namespaces/status"),
			rule("get", "list", "watch", "delete", "deletecollection").groups("*").resources("*"),
		},
		"resourcequota-controller": {
			// Quota may count anything, so it watches everything.
			rule("list", "watch").groups("*").resources("*"),
			rule("update").groups(legacyGroup).resources("resourcequotas/status"),
			eventsRule(),
		},
		"clusterrole-aggregation-controller": {
			rule("escalate", "get", "list", "watch", "update", "patch").groups(rbacGroup).resources("clusterroles"),
		},
		"storage-version-migrator-controller": {
			rule("list", "patch").groups("*").resources("*"),
			rule("get").groups("apiextensions.k8s.io").resources("customresourcedefinitions"),
			rule("patch").groups("apiextensions.k8s.io").resources("customresourcedefinitions/status"),
			rule("update").groups(storageMigrationGroup).resources("storageversionmigrations/status"),
		},
		"validatingadmissionpolicy-status-controller": {
			rule(read...).groups(admissionRegistrationGroup).resources("validatingadmissionpolicies"),
			rule("get", "patch", "update").groups(admissionRegistrationGroup).resources("validatingadmissionpolicies/status"),
			eventsRule(),
		},

		// Nodes and the pods on them.
		"node-controller": {
			rule("get", "list", "watch", "update", "delete", "patch").groups(legacyGroup).resources("nodes"),
			rule("patch", "update").groups(legacyGroup).resources("nodes/status"),
			rule("patch", "update").groups(legacyGroup).resources("pods/status"),
			rule("list", "watch", "get", "delete").groups(legacyGroup).resources("pods"),
			rule(read...).groups(coordinationGroup).resources("leases"),
			eventsRule(),
		},
		"pod-garbage-collector": {
			rule("list", "watch", "delete").groups(legacyGroup).resources("pods"),
			rule(read...).groups(legacyGroup).resources("nodes"),
			rule("patch").groups(legacyGroup).resources("pods/status"),
		},
		"ttl-controller": {
			rule("update", "patch", "list", "watch").groups(legacyGroup).resources("nodes"),
			eventsRule(),
		},
		"route-controller": {
			rule("list", "watch").groups(legacyGroup).resources("nodes"),
			rule("patch").groups(legacyGroup).resources("nodes/status"),
			eventsRule(),
		},
		"service-controller": {
			rule(read...).groups(legacyGroup).resources("services"),
			rule("patch", "update").groups(legacyGroup).resources("services/status"),
			rule("list", "watch").groups(legacyGroup).resources("nodes"),
			eventsRule(),
		},
		"service-cidrs-controller": {
			rule("get", "list", "watch", "patch", "update").groups(networkingGroup).resources("servicecidrs"),
			rule("patch", "update").groups(networkingGroup).resources("servicecidrs/finalizers"),
			rule("patch", "update").groups(networkingGroup).resources("servicecidrs/status"),
			rule(read...).groups(networkingGroup).resources("ipaddresses"),
			eventsRule(),
		},

		// Volumes.
		"attachdetach-controller": {
			rule("list", "watch").groups(legacyGroup).resources("persistentvolumes", "persistentvolumeclaims"),
			rule(read...).groups(legacyGroup).resources("nodes"),
			rule("patch", "update").groups(legacyGroup).resources("nodes/status"),
			rule("list", "watch").groups(legacyGroup).resources("pods"),
			eventsRule(),
			rule("get", "create", "delete", "list", "watch").groups(storageGroup).resources("volumeattachments"),
			rule(read...).groups(storageGroup).resources("csidrivers"),
			rule(read...).groups(storageGroup).resources("csinodes"),
		},
		"persistent-volume-binder": {
			rule("get", "list", "watch", "update", "create", "delete").groups(legacyGroup).resources("persistentvolumes"),
			rule("update").groups(legacyGroup).resources("persistentvolumes/status"),
			rule("get", "list", "watch", "update").groups(legacyGroup).resources("persistentvolumeclaims"),
			rule("update").groups(legacyGroup).resources("persistentvolumeclaims/status"),
			rule("list", "watch", "get", "create", "delete").groups(legacyGroup).resources("pods"),
			rule(read...).groups(storageGroup).resources("storageclasses"),
			rule("list", "watch").groups(legacyGroup).resources("nodes"),
			eventsRule(),
			// The recycler watches its pod's events.
			rule("watch").groups(legacyGroup).resources("events"),
		},
		"expand-controller": {
			rule("get", "list", "watch", "update", "patch").groups(legacyGroup).resources("persistentvolumes"),
			rule("update", "patch").groups(legacyGroup).resources("persistentvolumeclaims/status"),
			rule(read...).groups(legacyGroup).resources("persistentvolumeclaims"),
			eventsRule(),
		},
		"ephemeral-volume-controller": {
			rule(read...).groups(legacyGroup).resources("pods"),
			rule("update").groups(legacyGroup).resources("pods/finalizers"),
			rule("get", "list", "watch", "create").groups(legacyGroup).resources("persistentvolumeclaims"),
			eventsRule(),
		},
		"pvc-protection-controller": {
			rule("get", "list", "watch", "update").groups(legacyGroup).resources("persistentvolumeclaims"),
			rule("update").groups(legacyGroup).resources("persistentvolumeclaims/status"),
			rule(read...).groups(legacyGroup).resources("pods"),
			eventsRule(),
		},
		"pv-protection-controller": {
			rule("get", "list", "watch", "update").groups(legacyGroup).resources("persistentvolumes"),
			eventsRule(),
		},
		"volumeattributesclass-protection-controller": {
			rule(read...).groups(legacyGroup).resources("persistentvolumeclaims"),
			rule(read...).groups(legacyGroup).resources("persistentvolumes"),
			rule("get", "list", "watch", "update").groups(storageGroup).resources("volumeattributesclasses"),
			eventsRule(),
		},
		"selinux-warning-controller": {
			eventsRule(),
			rule(read...).groups(legacyGroup).resources("persistentvolumes"),
			rule(read...).groups(legacyGroup).resources("persistentvolumeclaims"),
			rule(read...).groups(legacyGroup).resources("pods"),
			rule(read...).groups(storageGroup).resources("csidrivers"),
		},

		// Certificates.
		"certificate-controller": {
			rule("get", "list", "watch", "delete").groups(certificatesGroup).resources("certificatesigningrequests"),
			rule("update").groups(certificatesGroup).resources("certificatesigningrequests/status", "certificatesigningrequests/approval"),
			rule("approve").groups(certificatesGroup).resources("signers").names(kubeletClientSigner),
			rule("sign").groups(certificatesGroup).resources("signers").names(
				legacyUnknownSigner, apiserverClient, kubeletClientSigner, kubeletServing),
			rule("create").groups(authorizationGroup).resources("subjectaccessreviews"),
			eventsRule(),
		},
		"podcertificaterequestcleaner": {
			rule("get", "list", "watch", "delete").groups(certificatesGroup).resources("podcertificaterequests"),
		},

		// Dynamic resource allocation.
		"resource-claim-controller": {
			rule(read...).groups(legacyGroup).resources("pods"),
			rule("update").groups(legacyGroup).resources("pods/finalizers"),
			rule("get", "list", "watch", "create", "delete").groups(resourceGroup).resources("resourceclaims"),
			rule("update", "patch").groups(resourceGroup).resources("resourceclaims", "resourceclaims/status"),
			rule("update", "patch").groups(legacyGroup).resources("pods/status"),
			eventsRule(),
		},
		"device-taint-eviction-controller": {
			// It evicts by deleting pods and records why in their conditions.
			rule("get", "list", "watch", "delete").groups(legacyGroup).resources("pods"),
			rule("update", "patch").groups(legacyGroup).resources("pods/status"),
			rule(read...).groups(resourceGroup).resources("resourceclaims"),
			rule(read...).groups(resourceGroup).resources("resourceslices"),
			rule(read...).groups(resourceGroup).resources("deviceclasses"),
			eventsRule(),
			rule("update", "patch").groups(resourceGroup).resources("devicetaintrules/status"),
			rule(read...).groups(resourceGroup).resources("devicetaintrules"),
		},
	}
}
