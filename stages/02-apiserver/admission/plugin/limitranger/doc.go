// Package limitranger is the LimitRanger admission plugin: it applies the
// LimitRanges of a namespace to the pods and claims created in it.
//
// A LimitRange is an administrator's policy for one namespace: every
// container gets at least this much and at most that much CPU or memory,
// limits may be at most N times the requests, a claim asks for between
// 1Gi and 10Gi. It also supplies defaults, so that users who write no
// resources at all still produce pods the scheduler can place sensibly
// and that a ResourceQuota on requests.cpu will accept.
//
// The mutating pass fills in, for every container and init container,
// each default limit (spec.limits[].default) and default request
// (defaultRequest) of a "Container" item that the container leaves out,
// and records what it set in the annotation
//
//	kubernetes.io/limit-ranger: LimitRanger plugin set: cpu, memory request for container web
//
// The validating pass checks every item against the result:
//
//   - Container: min and max of each container's requests and limits,
//     and maxLimitRequestRatio;
//   - Pod: the same for the pod's totals (internal/podresources);
//   - PersistentVolumeClaim: min and max of spec.resources.requests.
//
// A violation is a 403 listing every broken rule in upstream's words:
//
//	pods "web" is forbidden: maximum cpu usage per Container is 1, but limit is 2
//
// Pod updates are not checked: containers' resources cannot change after
// create (in-place resize is a subresource this project does not serve).
//
// Talk 000, "Admission controllers": a plugin that both modifies and
// rejects. The talk's Initializers - controllers that finished objects
// before anyone else saw them - were removed from Kubernetes in favour of
// mutating webhooks; defaulting like this stays built in.
package limitranger
