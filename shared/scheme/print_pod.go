// Pod columns: READY, STATUS and RESTARTS as `kubectl get pods` shows
// them.
//
// Interface:
//   - podColumns() are the pod table's columns, wide ones included.
//   - summarizePod(pod, now) computes READY, STATUS and RESTARTS in one
//     pass, following upstream's printPod step by step.
//
// STATUS is not pod.status.phase: it is the most telling reason found in
// the pod's containers, so a student sees "CrashLoopBackOff",
// "ErrImagePull", "Init:0/1" or "Terminating" rather than "Pending" or
// "Running" (talk 002, "Pod lifecycle").

package scheme

import (
	"fmt"
	"time"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// Pod reasons printers look for.
const (
	// reasonSchedulingGated is the PodScheduled reason of a pod held back
	// by scheduling gates.
	reasonSchedulingGated = "SchedulingGated"
	// reasonNodeLost is the pod reason the node lifecycle controller sets
	// when the pod's node stopped answering.
	reasonNodeLost = "NodeLost"
)

func podColumns() []Column {
	type P = corev1.Pod
	return []Column{
		NameColumn(),
		{Name: "Ready", Type: "string", Description: "Ready containers out of all containers (sidecars included).",
			Cell: cellOf(func(p *P, now time.Time) any { return summarizePod(p, now).ready })},
		{Name: "Status", Type: "string", Description: "The pod's phase, or the most telling reason found in its containers.",
			Cell: cellOf(func(p *P, now time.Time) any { return summarizePod(p, now).status })},
		{Name: "Restarts", Type: "string", Description: "Container restarts, and how long ago the last one was.",
			Cell: cellOf(func(p *P, now time.Time) any { return summarizePod(p, now).restarts })},
		AgeColumn(),
		{Name: "IP", Type: "string", Priority: 1, Description: "The pod's first IP address.",
			Cell: cellOf(func(p *P, _ time.Time) any {
				if len(p.Status.PodIPs) > 0 {
					return orNone(p.Status.PodIPs[0].IP)
				}
				return "<none>"
			})},
		{Name: "Node", Type: "string", Priority: 1, Description: "The node the pod is bound to (spec.nodeName).",
			Cell: cellOf(func(p *P, _ time.Time) any { return orNone(p.Spec.NodeName) })},
		{Name: "Nominated Node", Type: "string", Priority: 1, Description: "The node preemption made room on, before binding.",
			Cell: cellOf(func(p *P, _ time.Time) any { return orNone(p.Status.NominatedNodeName) })},
		{Name: "Readiness Gates", Type: "string", Priority: 1, Description: "Readiness gates whose condition is True, out of all.",
			Cell: cellOf(func(p *P, _ time.Time) any { return readinessGates(p) })},
	}
}

// podSummary holds the three computed pod cells.
type podSummary struct {
	ready    string // "1/2"
	status   string // "Running", "CrashLoopBackOff", "Init:0/1", ...
	restarts string // "0", "4 (2m ago)"
}

// summarizePod computes READY, STATUS and RESTARTS:
//
//  1. STATUS starts as status.reason or the phase; a scheduling-gated pod
//     says "SchedulingGated".
//  2. Init containers, in order: the first that has not succeeded names
//     the status ("Init:ErrImagePull", "Init:ExitCode:1", "Init:1/3").
//     Sidecars (init containers with restartPolicy Always) that started
//     count toward READY instead.
//  3. Once initialization is done, app containers are walked from last to
//     first; a waiting or terminated reason overrides STATUS, so the
//     first container's reason wins. A pod whose reason is "Completed"
//     while a container still runs is "Running" (or "NotReady").
//  4. A pod being deleted is "Terminating" ("Unknown" if its node is
//     lost), unless it already finished.
//
// RESTARTS sums restart counts; when the last restart time is known it
// adds "(5m ago)".
func summarizePod(pod *corev1.Pod, now time.Time) podSummary {
	restarts, sidecarRestarts := 0, 0
	var lastRestart, lastSidecarRestart metav1.Time
	total := len(pod.Spec.Containers)
	ready := 0

	// 1. Start from the phase or reason.
	reason := string(pod.Status.Phase)
	if pod.Status.Reason != "" {
		reason = pod.Status.Reason
	}
	for _, c := range pod.Status.Conditions {
		if c.Type == corev1.PodScheduled && c.Reason == reasonSchedulingGated {
			reason = reasonSchedulingGated
		}
	}

	// 2. Init containers.
	sidecars := map[string]bool{}
	for _, c := range pod.Spec.InitContainers {
		if isSidecar(c) {
			sidecars[c.Name] = true
			total++
		}
	}
	initializing := false
	for i, cs := range pod.Status.InitContainerStatuses {
		restarts += int(cs.RestartCount)
		lastRestart = later(lastRestart, cs.LastTerminationState)
		if sidecars[cs.Name] {
			sidecarRestarts += int(cs.RestartCount)
			lastSidecarRestart = later(lastSidecarRestart, cs.LastTerminationState)
		}
		t, w := cs.State.Terminated, cs.State.Waiting
		switch {
		case t != nil && t.ExitCode == 0:
			continue
		case sidecars[cs.Name] && cs.Started != nil && *cs.Started:
			if cs.Ready {
				ready++
			}
			continue
		case t != nil:
			reason = "Init:" + terminatedReason(t)
		case w != nil && w.Reason != "" && w.Reason != "PodInitializing":
			reason = "Init:" + w.Reason
		default:
			reason = fmt.Sprintf("Init:%d/%d", i, len(pod.Spec.InitContainers))
		}
		initializing = true
		break
	}

	// 3. App containers, last to first.
	if !initializing || podConditionTrue(pod, corev1.PodInitialized) {
		restarts, lastRestart = sidecarRestarts, lastSidecarRestart
		running := false
		for i := len(pod.Status.ContainerStatuses) - 1; i >= 0; i-- {
			cs := pod.Status.ContainerStatuses[i]
			restarts += int(cs.RestartCount)
			lastRestart = later(lastRestart, cs.LastTerminationState)
			switch t, w := cs.State.Terminated, cs.State.Waiting; {
			case w != nil && w.Reason != "":
				reason = w.Reason
			case t != nil:
				reason = terminatedReason(t)
			case cs.Ready && cs.State.Running != nil:
				running = true
				ready++
			}
		}
		if reason == "Completed" && running {
			reason = "NotReady"
			if podConditionTrue(pod, corev1.PodReady) {
				reason = "Running"
			}
		}
	}

	// 4. Deletion.
	terminal := pod.Status.Phase == corev1.PodSucceeded || pod.Status.Phase == corev1.PodFailed
	switch {
	case pod.DeletionTimestamp != nil && pod.Status.Reason == reasonNodeLost:
		reason = "Unknown"
	case pod.DeletionTimestamp != nil && !terminal:
		reason = "Terminating"
	}

	r := fmt.Sprint(restarts)
	if restarts != 0 && !lastRestart.IsZero() {
		r = fmt.Sprintf("%d (%s ago)", restarts, Since(lastRestart, now))
	}
	return podSummary{ready: fmt.Sprintf("%d/%d", ready, total), status: reason, restarts: r}
}

// isSidecar reports whether an init container keeps running beside the
// app containers (restartPolicy: Always).
func isSidecar(c corev1.Container) bool {
	return c.RestartPolicy != nil && *c.RestartPolicy == corev1.ContainerRestartPolicyAlways
}

// terminatedReason is a terminated container's reason, or "Signal:9" /
// "ExitCode:1" when it has none.
func terminatedReason(t *corev1.ContainerStateTerminated) string {
	switch {
	case t.Reason != "":
		return t.Reason
	case t.Signal != 0:
		return fmt.Sprintf("Signal:%d", t.Signal)
	}
	return fmt.Sprintf("ExitCode:%d", t.ExitCode)
}

// later returns the later of last and the finish time of a previous
// termination, if there was one.
func later(last metav1.Time, previous corev1.ContainerState) metav1.Time {
	if t := previous.Terminated; t != nil && last.Before(&t.FinishedAt) {
		return t.FinishedAt
	}
	return last
}

func podConditionTrue(pod *corev1.Pod, t corev1.PodConditionType) bool {
	for _, c := range pod.Status.Conditions {
		if c.Type == t {
			return c.Status == corev1.ConditionTrue
		}
	}
	return false
}

// readinessGates is "<true>/<all>" over spec.readinessGates, or "<none>".
func readinessGates(pod *corev1.Pod) string {
	if len(pod.Spec.ReadinessGates) == 0 {
		return "<none>"
	}
	n := 0
	for _, g := range pod.Spec.ReadinessGates {
		if podConditionTrue(pod, g.ConditionType) {
			n++
		}
	}
	return fmt.Sprintf("%d/%d", n, len(pod.Spec.ReadinessGates))
}

// podRowConditions marks finished pods, so kubectl can hide them.
func podRowConditions(obj metav1.Object) []metav1.TableRowCondition {
	pod, ok := obj.(*corev1.Pod)
	if !ok {
		return nil
	}
	switch pod.Status.Phase {
	case corev1.PodSucceeded:
		return []metav1.TableRowCondition{{Type: metav1.RowCompleted, Status: metav1.ConditionTrue,
			Reason: string(corev1.PodSucceeded), Message: "The pod has completed successfully."}}
	case corev1.PodFailed:
		return []metav1.TableRowCondition{{Type: metav1.RowCompleted, Status: metav1.ConditionTrue,
			Reason: string(corev1.PodFailed), Message: "The pod failed."}}
	}
	return nil
}
