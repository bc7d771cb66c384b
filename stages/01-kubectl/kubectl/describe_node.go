// Describing a Node: what the kubelet reported (conditions, addresses,
// capacity, system info) and what the scheduler placed on it.
//
// Interface:
//   - describeNode(w, node, pods, events, now) writes upstream's layout;
//     pods are the node's non-terminated pods (describe.go lists them with
//     the field selector spec.nodeName=NAME), from which the
//     "Allocated resources" table sums requests and limits.
//   - nodeRoles reads node-role.kubernetes.io/<role> labels.
//
// Talk 000, "kubelet": the node status these lines show is what stage 5's
// kubelet will report.

package kubectl

import (
	"fmt"
	"sort"
	"strings"
	"time"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
)

func describeNode(w *prefixWriter, node *corev1.Node, pods []corev1.Pod, events []corev1.Event, now time.Time) {
	writeObjectMeta(w, node.ObjectMeta, false)
	w.Write(0, "Roles:\t%s\n", joinOrNone(nodeRoles(node.Labels), ","))
	writeLabels(w, "Labels", node.Labels)
	writeAnnotations(w, "Annotations", node.Annotations)
	w.Write(0, "CreationTimestamp:\t%s\n", describeTime(node.CreationTimestamp))
	var taints []string
	for _, t := range node.Spec.Taints {
		taints = append(taints, taintString(t))
	}
	if len(taints) == 0 {
		w.Write(0, "Taints:\t<none>\n")
	}
	for i, t := range taints {
		if i == 0 {
			w.Write(0, "Taints:\t%s\n", t)
		} else {
			w.Write(0, "\t%s\n", t)
		}
	}
	w.Write(0, "Unschedulable:\t%v\n", node.Spec.Unschedulable)
	if len(node.Status.Conditions) > 0 {
		w.Write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n")
		w.Write(1, "----\t------\t-----------------\t------------------\t------\t-------\n")
		for _, c := range node.Status.Conditions {
			w.Write(1, "%v \t%v \t%s \t%s \t%v \t%v\n", c.Type, c.Status,
				describeTime(c.LastHeartbeatTime), describeTime(c.LastTransitionTime), c.Reason, c.Message)
		}
	}
	w.Write(0, "Addresses:\n")
	for _, a := range node.Status.Addresses {
		w.Write(1, "%s:\t%s\n", a.Type, a.Address)
	}
	writeNodeResources(w, "Capacity", node.Status.Capacity)
	writeNodeResources(w, "Allocatable", node.Status.Allocatable)
	info := node.Status.NodeInfo
	w.Write(0, "System Info:\n")
	w.Write(0, "  Machine ID:\t%s\n", info.MachineID)
	w.Write(0, "  System UUID:\t%s\n", info.SystemUUID)
	w.Write(0, "  Boot ID:\t%s\n", info.BootID)
	w.Write(0, "  Kernel Version:\t%s\n", info.KernelVersion)
	w.Write(0, "  OS Image:\t%s\n", info.OSImage)
	w.Write(0, "  Operating System:\t%s\n", info.OperatingSystem)
	w.Write(0, "  Architecture:\t%s\n", info.Architecture)
	w.Write(0, "  Container Runtime Version:\t%s\n", info.ContainerRuntimeVersion)
	w.Write(0, "  Kubelet Version:\t%s\n", info.KubeletVersion)
	if node.Spec.PodCIDR != "" {
		w.Write(0, "PodCIDR:\t%s\n", node.Spec.PodCIDR)
		w.Write(0, "PodCIDRs:\t%s\n", strings.Join(node.Spec.PodCIDRs, ","))
	}
	if node.Spec.ProviderID != "" {
		w.Write(0, "ProviderID:\t%s\n", node.Spec.ProviderID)
	}
	writeNodePods(w, node, pods, now)
	writeEvents(w, events, now)
}

// nodeRoles lists the roles named by node-role.kubernetes.io/<role>
// labels (and the older kubernetes.io/role=<role>), sorted.
func nodeRoles(labels map[string]string) []string {
	var roles []string
	for k, v := range labels {
		switch {
		case strings.HasPrefix(k, "node-role.kubernetes.io/"):
			if role := strings.TrimPrefix(k, "node-role.kubernetes.io/"); role != "" {
				roles = append(roles, role)
			}
		case k == "kubernetes.io/role" && v != "":
			roles = append(roles, v)
		}
	}
	sort.Strings(roles)
	return roles
}

func taintString(t corev1.Taint) string {
	if t.Value == "" {
		return fmt.Sprintf("%s:%s", t.Key, t.Effect)
	}
	return fmt.Sprintf("%s=%s:%s", t.Key, t.Value, t.Effect)
}

func writeNodeResources(w *prefixWriter, title string, rl corev1.ResourceList) {
	if len(rl) == 0 {
		return
	}
	w.Write(0, "%s:\n", title)
	for _, name := range sortedResourceNames(rl) {
		q := rl[name]
		w.Write(1, "%s:\t%s\n", name, q.String())
	}
}

func sortedResourceNames(rl corev1.ResourceList) []corev1.ResourceName {
	names := make([]corev1.ResourceName, 0, len(rl))
	for n := range rl {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return names[i] < names[j] })
	return names
}

// writeNodePods prints the per-pod table and the summed allocation, each
// quantity with its share of the node's allocatable amount.
func writeNodePods(w *prefixWriter, node *corev1.Node, pods []corev1.Pod, now time.Time) {
	alloc := node.Status.Allocatable
	w.Write(0, "Non-terminated Pods:\t(%d in total)\n", len(pods))
	w.Write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n")
	w.Write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n")
	reqs, limits := corev1.ResourceList{}, corev1.ResourceList{}
	for _, p := range pods {
		pr, pl := podRequestsAndLimits(&p)
		addResources(reqs, pr)
		addResources(limits, pl)
		w.Write(1, "%s\t%s\t\t%s\t%s\t%s\t%s\t%s\n", p.Namespace, p.Name,
			withFraction(pr[corev1.ResourceCPU], alloc[corev1.ResourceCPU], true),
			withFraction(pl[corev1.ResourceCPU], alloc[corev1.ResourceCPU], true),
			withFraction(pr[corev1.ResourceMemory], alloc[corev1.ResourceMemory], false),
			withFraction(pl[corev1.ResourceMemory], alloc[corev1.ResourceMemory], false),
			describeAge(p.CreationTimestamp.Time, now))
	}
	w.Write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n")
	w.Write(1, "Resource\tRequests\tLimits\n")
	w.Write(1, "--------\t--------\t------\n")
	for _, name := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory, corev1.ResourceEphemeralStorage} {
		milli := name == corev1.ResourceCPU
		w.Write(1, "%s\t%s\t%s\n", name, withFraction(reqs[name], alloc[name], milli), withFraction(limits[name], alloc[name], milli))
	}
}

// podRequestsAndLimits sums the containers' requests and limits.
func podRequestsAndLimits(p *corev1.Pod) (reqs, limits corev1.ResourceList) {
	reqs, limits = corev1.ResourceList{}, corev1.ResourceList{}
	for _, c := range p.Spec.Containers {
		addResources(reqs, c.Resources.Requests)
		addResources(limits, c.Resources.Limits)
	}
	return reqs, limits
}

func addResources(dst, src corev1.ResourceList) {
	for name, q := range src {
		sum := dst[name]
		sum.Add(q)
		dst[name] = sum
	}
}

// withFraction renders "250m (12%)": the quantity and its percentage of
// the allocatable total (CPU compared in millicores).
func withFraction(q, total resource.Quantity, milli bool) string {
	pct := int64(0)
	if milli && total.MilliValue() > 0 {
		pct = q.MilliValue() * 100 / total.MilliValue()
	} else if !milli && total.Value() > 0 {
		pct = q.Value() * 100 / total.Value()
	}
	return fmt.Sprintf("%s (%d%%)", q.String(), pct)
}
