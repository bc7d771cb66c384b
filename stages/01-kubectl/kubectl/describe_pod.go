// Describing a Pod: its placement, status, containers, volumes and events.
//
// Interface:
//   - describePod(w, pod, events, now) writes upstream's layout: Name,
//     Namespace, Priority, Service Account, Node, Start Time, Labels,
//     Annotations, Status, IP(s), Controlled By, Containers, Conditions,
//     Volumes, QoS Class, Node-Selectors, Tolerations, Events.
//   - writeContainers is shared with the pod template of Deployments and
//     ReplicaSets (describe_workloads.go); so are writeVolumes
//     (describe_volumes.go) and the probe lines (describe_probe.go).
//   - The QoS Class is the status's, or computed as the kubelet would
//     when the status has none yet (qos.go).
//
// Talk 000, "Pod status": the Conditions table and container State are what
// the kubelet reports back.

package kubectl

import (
	"fmt"
	"sort"
	"time"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

func describePod(w *prefixWriter, pod *corev1.Pod, events []corev1.Event, now time.Time) {
	writeObjectMeta(w, pod.ObjectMeta, true)
	if pod.Spec.Priority != nil {
		w.Write(0, "Priority:\t%d\n", *pod.Spec.Priority)
	}
	if pod.Spec.PriorityClassName != "" {
		w.Write(0, "Priority Class Name:\t%s\n", pod.Spec.PriorityClassName)
	}
	if pod.Spec.ServiceAccountName != "" {
		w.Write(0, "Service Account:\t%s\n", pod.Spec.ServiceAccountName)
	}
	if pod.Spec.NodeName == "" {
		w.Write(0, "Node:\t<none>\n")
	} else {
		w.Write(0, "Node:\t%s/%s\n", pod.Spec.NodeName, pod.Status.HostIP)
	}
	if pod.Status.StartTime != nil {
		w.Write(0, "Start Time:\t%s\n", describeTime(*pod.Status.StartTime))
	}
	writeLabels(w, "Labels", pod.Labels)
	writeAnnotations(w, "Annotations", pod.Annotations)
	if pod.DeletionTimestamp != nil {
		w.Write(0, "Status:\tTerminating (lasts %s)\n", describeAge(pod.DeletionTimestamp.Time, now))
		if pod.DeletionGracePeriodSeconds != nil {
			w.Write(0, "Termination Grace Period:\t%ds\n", *pod.DeletionGracePeriodSeconds)
		}
	} else {
		w.Write(0, "Status:\t%s\n", pod.Status.Phase)
	}
	if pod.Status.Reason != "" {
		w.Write(0, "Reason:\t%s\n", pod.Status.Reason)
	}
	if pod.Status.Message != "" {
		w.Write(0, "Message:\t%s\n", pod.Status.Message)
	}
	w.Write(0, "IP:\t%s\n", pod.Status.PodIP)
	if len(pod.Status.PodIPs) == 0 {
		w.Write(0, "IPs:\t<none>\n")
	} else {
		w.Write(0, "IPs:\n")
		for _, ip := range pod.Status.PodIPs {
			w.Write(1, "IP:\t%s\n", ip.IP)
		}
	}
	writeControlledBy(w, pod.ObjectMeta)
	if len(pod.Spec.InitContainers) > 0 {
		writeContainers(w, "Init Containers", pod.Spec.InitContainers, pod.Status.InitContainerStatuses, "")
	}
	writeContainers(w, "Containers", pod.Spec.Containers, pod.Status.ContainerStatuses, "")
	if len(pod.Status.Conditions) > 0 {
		w.Write(0, "Conditions:\n")
		w.Write(1, "Type\tStatus\n")
		for _, c := range pod.Status.Conditions {
			w.Write(1, "%v \t%v \n", c.Type, c.Status)
		}
	}
	writeVolumes(w, pod.Spec.Volumes, "")
	w.Write(0, "QoS Class:\t%s\n", podQOS(pod))
	writeLabels(w, "Node-Selectors", pod.Spec.NodeSelector)
	writeTolerations(w, "Tolerations", pod.Spec.Tolerations)
	writeEvents(w, events, now)
}

// writeControlledBy names the controller owning the object, if any.
func writeControlledBy(w *prefixWriter, m metav1.ObjectMeta) {
	if ref := metav1.GetControllerOf(&metav1.PartialObjectMetadata{ObjectMeta: m}); ref != nil {
		w.Write(0, "Controlled By:\t%s/%s\n", ref.Kind, ref.Name)
	}
}

// writeContainers prints each container with its status (statuses may be
// nil, as for a pod template). space is "" for a pod and "  " inside a
// pod template, where upstream indents the heading by it and the container
// names by one more column.
func writeContainers(w *prefixWriter, title string, containers []corev1.Container, statuses []corev1.ContainerStatus, space string) {
	byName := map[string]corev1.ContainerStatus{}
	for _, s := range statuses {
		byName[s.Name] = s
	}
	if len(containers) == 0 {
		w.Write(0, "%s%s: <none>\n", space, title)
		return
	}
	w.Write(0, "%s%s:\n", space, title)
	nameIndent := ""
	if space != "" {
		nameIndent = " "
	}
	for _, c := range containers {
		status, hasStatus := byName[c.Name]
		w.Write(1, "%s%s:\n", nameIndent, c.Name)
		if hasStatus {
			w.Write(2, "Container ID:\t%s\n", status.ContainerID)
		}
		w.Write(2, "Image:\t%s\n", c.Image)
		if hasStatus {
			w.Write(2, "Image ID:\t%s\n", status.ImageID)
		}
		writePorts(w, 2, c.Ports)
		writeCommandLines(w, 2, "Command", c.Command)
		writeCommandLines(w, 2, "Args", c.Args)
		if hasStatus {
			writeContainerState(w, 2, "State", status.State)
			if status.LastTerminationState.Terminated != nil {
				writeContainerState(w, 2, "Last State", status.LastTerminationState)
			}
			w.Write(2, "Ready:\t%s\n", upperBool(status.Ready))
			w.Write(2, "Restart Count:\t%d\n", status.RestartCount)
		}
		writeResourceList(w, 2, "Limits", c.Resources.Limits)
		writeResourceList(w, 2, "Requests", c.Resources.Requests)
		writeProbe(w, 2, "Liveness", c.LivenessProbe)
		writeProbe(w, 2, "Readiness", c.ReadinessProbe)
		writeProbe(w, 2, "Startup", c.StartupProbe)
		writeEnv(w, 2, c.Env)
		writeMounts(w, 2, c.VolumeMounts)
	}
}

// writePorts prints the container's ports and host ports as upstream
// does: "80/TCP (http)", the protocol as stored (a manifest that the
// server has not defaulted shows "80/"), the port's name in brackets.
func writePorts(w *prefixWriter, level int, ports []corev1.ContainerPort) {
	var port, host []string
	for _, p := range ports {
		name := ""
		if p.Name != "" {
			name = " (" + p.Name + ")"
		}
		port = append(port, fmt.Sprintf("%d/%s%s", p.ContainerPort, p.Protocol, name))
		host = append(host, fmt.Sprintf("%d/%s%s", p.HostPort, p.Protocol, name))
	}
	title := "Port"
	if len(ports) > 1 {
		title = "Ports"
	}
	w.Write(level, "%s:\t%s\n", title, joinOrNone(port, ", "))
	w.Write(level, "Host %s:\t%s\n", title, joinOrNone(host, ", "))
}

func writeCommandLines(w *prefixWriter, level int, title string, lines []string) {
	if len(lines) == 0 {
		return
	}
	w.Write(level, "%s:\n", title)
	for _, l := range lines {
		w.Write(level+1, "%s\n", l)
	}
}

func writeContainerState(w *prefixWriter, level int, title string, s corev1.ContainerState) {
	switch {
	case s.Running != nil:
		w.Write(level, "%s:\tRunning\n", title)
		w.Write(level+1, "Started:\t%s\n", describeTime(s.Running.StartedAt))
	case s.Terminated != nil:
		t := s.Terminated
		w.Write(level, "%s:\tTerminated\n", title)
		if t.Reason != "" {
			w.Write(level+1, "Reason:\t%s\n", t.Reason)
		}
		if t.Message != "" {
			w.Write(level+1, "Message:\t%s\n", t.Message)
		}
		w.Write(level+1, "Exit Code:\t%d\n", t.ExitCode)
		if t.Signal != 0 {
			w.Write(level+1, "Signal:\t%d\n", t.Signal)
		}
		w.Write(level+1, "Started:\t%s\n", describeTime(t.StartedAt))
		w.Write(level+1, "Finished:\t%s\n", describeTime(t.FinishedAt))
	default:
		w.Write(level, "%s:\tWaiting\n", title)
		if s.Waiting != nil && s.Waiting.Reason != "" {
			w.Write(level+1, "Reason:\t%s\n", s.Waiting.Reason)
		}
	}
}

func writeResourceList(w *prefixWriter, level int, title string, rl corev1.ResourceList) {
	if len(rl) == 0 {
		return
	}
	names := make([]string, 0, len(rl))
	for n := range rl {
		names = append(names, string(n))
	}
	sort.Strings(names)
	w.Write(level, "%s:\n", title)
	for _, n := range names {
		q := rl[corev1.ResourceName(n)]
		w.Write(level+1, "%s:\t%s\n", n, q.String())
	}
}

func writeEnv(w *prefixWriter, level int, env []corev1.EnvVar) {
	if len(env) == 0 {
		w.Write(level, "Environment:\t<none>\n")
		return
	}
	w.Write(level, "Environment:\n")
	for _, e := range env {
		switch {
		case e.ValueFrom == nil:
			w.Write(level+1, "%s:\t%s\n", e.Name, e.Value)
		case e.ValueFrom.FieldRef != nil:
			w.Write(level+1, "%s:\t (%s:%s)\n", e.Name, e.ValueFrom.FieldRef.APIVersion, e.ValueFrom.FieldRef.FieldPath)
		case e.ValueFrom.ConfigMapKeyRef != nil:
			ref := e.ValueFrom.ConfigMapKeyRef
			w.Write(level+1, "%s:\t<set to the key '%s' of config map '%s'>\tOptional: %t\n", e.Name, ref.Key, ref.Name, isTrue(ref.Optional))
		case e.ValueFrom.SecretKeyRef != nil:
			ref := e.ValueFrom.SecretKeyRef
			w.Write(level+1, "%s:\t<set to the key '%s' in secret '%s'>\tOptional: %t\n", e.Name, ref.Key, ref.Name, isTrue(ref.Optional))
		default:
			w.Write(level+1, "%s:\t<set from a resource field>\n", e.Name)
		}
	}
}

func writeMounts(w *prefixWriter, level int, mounts []corev1.VolumeMount) {
	if len(mounts) == 0 {
		w.Write(level, "Mounts:\t<none>\n")
		return
	}
	w.Write(level, "Mounts:\n")
	for _, m := range mounts {
		mode := "rw"
		if m.ReadOnly {
			mode = "ro"
		}
		sub := ""
		if m.SubPath != "" {
			sub = fmt.Sprintf(", path = %q", m.SubPath)
		}
		w.Write(level+1, "%s from %s (%s%s)\n", m.MountPath, m.Name, mode, sub)
	}
}

// upperBool renders true/false as upstream's "True"/"False".
func upperBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

// isTrue reads an optional flag such as a key reference's optional: unset
// is false.
func isTrue(b *bool) bool { return b != nil && *b }
