// Package podresources adds up what a whole pod asks for, from its
// containers: the sums LimitRanger checks against a "Pod" limit and
// ResourceQuota charges against requests.cpu, limits.memory and the rest.
//
// Interface:
//   - Requests(pod) and Limits(pod): the pod's effective requests and
//     limits.
//   - Add(list, more) and Max(list, more): ResourceList arithmetic.
//
// The rule, as upstream's PodRequests: regular containers and sidecars
// (init containers with restartPolicy Always) run together, so they add
// up; ordinary init containers run one at a time before them, so the pod
// needs the largest of them (plus the sidecars started before it); the
// pod needs the larger of the two. A pod-level spec.resources, when set,
// replaces the sum for the resources it names.
package podresources
