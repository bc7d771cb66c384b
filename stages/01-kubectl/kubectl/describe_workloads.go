// Describing Deployments and ReplicaSets: desired versus actual replicas,
// the pod template, conditions and events.
//
// Interface:
//   - describeDeployment(w, d, oldRSs, newRS, events, now) writes
//     upstream's layout, ending with OldReplicaSets/NewReplicaSet (when
//     the Deployment owns any ReplicaSet yet).
//   - describeReplicaSet(w, rs, podCounts, events, now) adds the
//     "Pods Status" line counted from the pods the ReplicaSet owns.
//   - writePodTemplate is the "Pod Template:" block both share.
//
// Talk 000, "Deployment controller" / "ReplicaSet controller": these are the
// two objects whose status the controllers of stage 3 will fill.

package kubectl

import (
	"fmt"
	"time"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/intstr"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/labels"
)

func describeDeployment(w *prefixWriter, d *appsv1.Deployment, oldRSs []appsv1.ReplicaSet, newRS *appsv1.ReplicaSet, events []corev1.Event, now time.Time) {
	writeObjectMeta(w, d.ObjectMeta, true)
	w.Write(0, "CreationTimestamp:\t%s\n", describeTime(d.CreationTimestamp))
	writeLabels(w, "Labels", d.Labels)
	writeAnnotations(w, "Annotations", d.Annotations)
	w.Write(0, "Selector:\t%s\n", formatLabelSelector(d.Spec.Selector))
	desired := int32(1)
	if d.Spec.Replicas != nil {
		desired = *d.Spec.Replicas
	}
	w.Write(0, "Replicas:\t%d desired | %d updated | %d total | %d available | %d unavailable\n",
		desired, d.Status.UpdatedReplicas, d.Status.Replicas, d.Status.AvailableReplicas, d.Status.UnavailableReplicas)
	w.Write(0, "StrategyType:\t%s\n", d.Spec.Strategy.Type)
	w.Write(0, "MinReadySeconds:\t%d\n", d.Spec.MinReadySeconds)
	if ru := d.Spec.Strategy.RollingUpdate; ru != nil {
		w.Write(0, "RollingUpdateStrategy:\t%s max unavailable, %s max surge\n", intOrStringText(ru.MaxUnavailable), intOrStringText(ru.MaxSurge))
	}
	writePodTemplate(w, &d.Spec.Template)
	if len(d.Status.Conditions) > 0 {
		w.Write(0, "Conditions:\n  Type\tStatus\tReason\n")
		w.Write(1, "----\t------\t------\n")
		for _, c := range d.Status.Conditions {
			w.Write(1, "%v \t%v\t%v\n", c.Type, c.Status, c.Reason)
		}
	}
	// A Deployment no controller has acted on yet owns no ReplicaSet;
	// upstream then leaves both lines out.
	if len(oldRSs) > 0 || newRS != nil {
		var old []string
		for _, rs := range oldRSs {
			old = append(old, replicaSetSummary(&rs))
		}
		w.Write(0, "OldReplicaSets:\t%s\n", joinOrNone(old, ", "))
		if newRS != nil {
			w.Write(0, "NewReplicaSet:\t%s\n", replicaSetSummary(newRS))
		} else {
			w.Write(0, "NewReplicaSet:\t<none>\n")
		}
	}
	writeEvents(w, events, now)
}

// replicaSetSummary is "name (ready/desired replicas created)".
func replicaSetSummary(rs *appsv1.ReplicaSet) string {
	desired := int32(0)
	if rs.Spec.Replicas != nil {
		desired = *rs.Spec.Replicas
	}
	return fmt.Sprintf("%s (%d/%d replicas created)", rs.Name, rs.Status.Replicas, desired)
}

// podCounts are the phases of the pods a controller owns.
type podCounts struct {
	running, waiting, succeeded, failed int
}

// countPods tallies pods by phase (Pending counts as waiting).
func countPods(pods []corev1.Pod) podCounts {
	var c podCounts
	for _, p := range pods {
		switch p.Status.Phase {
		case corev1.PodRunning:
			c.running++
		case corev1.PodPending:
			c.waiting++
		case corev1.PodSucceeded:
			c.succeeded++
		case corev1.PodFailed:
			c.failed++
		}
	}
	return c
}

func describeReplicaSet(w *prefixWriter, rs *appsv1.ReplicaSet, pods podCounts, events []corev1.Event, now time.Time) {
	writeObjectMeta(w, rs.ObjectMeta, true)
	w.Write(0, "Selector:\t%s\n", formatLabelSelector(rs.Spec.Selector))
	writeLabels(w, "Labels", rs.Labels)
	writeAnnotations(w, "Annotations", rs.Annotations)
	writeControlledBy(w, rs.ObjectMeta)
	desired := int32(1)
	if rs.Spec.Replicas != nil {
		desired = *rs.Spec.Replicas
	}
	w.Write(0, "Replicas:\t%d current / %d desired\n", rs.Status.Replicas, desired)
	w.Write(0, "Pods Status:\t%d Running / %d Waiting / %d Succeeded / %d Failed\n", pods.running, pods.waiting, pods.succeeded, pods.failed)
	writePodTemplate(w, &rs.Spec.Template)
	if len(rs.Status.Conditions) > 0 {
		w.Write(0, "Conditions:\n  Type\tStatus\tReason\n")
		w.Write(1, "----\t------\t------\n")
		for _, c := range rs.Status.Conditions {
			w.Write(1, "%v \t%v\t%v\n", c.Type, c.Status, c.Reason)
		}
	}
	writeEvents(w, events, now)
}

// writePodTemplate prints the "Pod Template:" block.
func writePodTemplate(w *prefixWriter, t *corev1.PodTemplateSpec) {
	w.Write(0, "Pod Template:\n")
	writeLabels(w, "  Labels", t.Labels)
	if len(t.Annotations) > 0 {
		writeAnnotations(w, "  Annotations", t.Annotations)
	}
	if t.Spec.ServiceAccountName != "" {
		w.Write(1, "Service Account:\t%s\n", t.Spec.ServiceAccountName)
	}
	if len(t.Spec.InitContainers) > 0 {
		writeContainers(w, "Init Containers", t.Spec.InitContainers, nil, "  ")
	}
	writeContainers(w, "Containers", t.Spec.Containers, nil, "  ")
	writeVolumes(w, t.Spec.Volumes, "  ")
	if t.Spec.PriorityClassName != "" {
		w.Write(1, "Priority Class Name:\t%s\n", t.Spec.PriorityClassName)
	}
	writeLabels(w, "  Node-Selectors", t.Spec.NodeSelector)
	writeTolerations(w, "  Tolerations", t.Spec.Tolerations)
}

// formatLabelSelector renders a selector as upstream's
// metav1.FormatLabelSelector: "app=nginx,tier in (web)"; "<none>" for an
// empty one.
func formatLabelSelector(s *metav1.LabelSelector) string {
	sel, err := labels.FromLabelSelector(s)
	if err != nil {
		return "<error>"
	}
	if text := sel.String(); text != "" {
		return text
	}
	return "<none>"
}

// intOrStringText renders "25%" or "1"; "<unset>" before defaulting.
func intOrStringText(v *intstr.IntOrString) string {
	if v == nil {
		return "<unset>"
	}
	return v.String()
}
