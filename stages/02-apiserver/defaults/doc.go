// Package defaults fills in the fields an API object leaves unset, the way
// the upstream Kubernetes v1.37 API server does on every create and
// update, after decoding the body and before validating it.
//
// That is why `kubectl create deployment nginx --image=nginx` sends a
// Deployment with a name, a selector and one container, and
// `kubectl get deployment nginx -o yaml` shows strategy RollingUpdate
// 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600, and a
// container with imagePullPolicy Always and terminationMessagePath
// /dev/termination-log: the server wrote them before storing the object.
// Talk 000 ("Write to etcd!") and talk 004 (step 2, "Save Objects") show
// the object being stored; what is stored is the defaulted object, so
// every later reader - controllers, scheduler, kubelet - sees the same
// values without knowing the defaults.
//
// Usage, in the REST layer's create and update paths:
//
//	obj, err := decode(body)           // *appsv1.Deployment, ...
//	defaults.Default(obj)              // fill in what the client left out
//	if errs := validate(obj); len(errs) > 0 { ... 422 ... }
//	// then the strategy (uid, generation, status), then etcd
//
// Default dispatches on the Go type to one function per kind, named after
// the kind (Pod, Deployment, Service, ...); each names the upstream
// function it mirrors (SetDefaults_Pod, SetDefaults_Deployment, ...) and
// says why the default is what it is. The pod spec tree is shared:
// PodSpec defaults a Pod's spec and every workload's template alike,
// while a few defaults (enableServiceLinks, requests from limits) are for
// real Pods only - pod.go says why.
//
// Two contracts hold for every function here:
//
//   - a value the user set is never changed (the one exception is the
//     namespace name label, which belongs to the server);
//   - defaulting twice gives the same object as defaulting once, so an
//     update that sends back a stored object changes nothing.
//
// # What is not here
//
// Some fields a user sees filled in are set by other parts of upstream's
// API server, and belong to those parts of this stage:
//
//   - the strategy on create: a Pod's status.phase Pending and QoS class,
//     uid, creationTimestamp, generation, a Job's generated selector, a
//     Namespace's "kubernetes" finalizer (offered here as
//     PrepareNamespaceForCreate, for the strategy to call);
//   - the Service registry: clusterIP, node ports, and ipFamilyPolicy and
//     ipFamilies (offered here as ServiceIPFamilies, since they need the
//     stored object and the cluster's IP family);
//   - admission: serviceAccountName, priority from priorityClassName, a
//     PVC's storageClassName.
//
// Not implemented: the pod-level resources defaults of spec.resources
// (PodLevelResources), and Job fields shared/api does not model
// (podReplacementPolicy, backoffLimitPerIndex, podFailurePolicy).
package defaults
