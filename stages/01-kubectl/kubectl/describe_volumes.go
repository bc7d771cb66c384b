// Describing a pod's volumes and tolerations, for a Pod and for the pod
// template of a Deployment or ReplicaSet.
//
// Interface:
//   - writeVolumes(w, volumes, space) prints each volume's type in
//     upstream's words and the fields that matter for it (an emptyDir's
//     Medium and SizeLimit, a ConfigMap's Name and Optional, ...).
//   - writeTolerations(w, title, tolerations) prints one toleration per
//     line: "key=value:Effect op=Exists for 300s".

package kubectl

import (
	"fmt"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
)

// writeVolumes prints each volume's source in upstream's words; space
// works as in writeContainers.
func writeVolumes(w *prefixWriter, volumes []corev1.Volume, space string) {
	if len(volumes) == 0 {
		w.Write(0, "%sVolumes:\t<none>\n", space)
		return
	}
	w.Write(0, "%sVolumes:\n", space)
	nameIndent := ""
	if space != "" {
		nameIndent = " "
	}
	for _, v := range volumes {
		w.Write(1, "%s%s:\n", nameIndent, v.Name)
		s := v.VolumeSource
		switch {
		case s.EmptyDir != nil:
			w.Write(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n")
			w.Write(2, "Medium:\t%s\n", s.EmptyDir.Medium)
			sizeLimit := "<unset>"
			if q := s.EmptyDir.SizeLimit; q != nil && q.Sign() > 0 {
				sizeLimit = q.String()
			}
			w.Write(2, "SizeLimit:\t%s\n", sizeLimit)
		case s.HostPath != nil:
			w.Write(2, "Type:\tHostPath (bare host directory volume)\n")
			w.Write(2, "Path:\t%s\n", s.HostPath.Path)
		case s.ConfigMap != nil:
			w.Write(2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n")
			w.Write(2, "Name:\t%s\n", s.ConfigMap.Name)
			w.Write(2, "Optional:\t%t\n", isTrue(s.ConfigMap.Optional))
		case s.Secret != nil:
			w.Write(2, "Type:\tSecret (a volume populated by a Secret)\n")
			w.Write(2, "SecretName:\t%s\n", s.Secret.SecretName)
			w.Write(2, "Optional:\t%t\n", isTrue(s.Secret.Optional))
		case s.PersistentVolumeClaim != nil:
			w.Write(2, "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n")
			w.Write(2, "ClaimName:\t%s\n", s.PersistentVolumeClaim.ClaimName)
			w.Write(2, "ReadOnly:\t%v\n", s.PersistentVolumeClaim.ReadOnly)
		case s.Projected != nil:
			w.Write(2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n")
		case s.DownwardAPI != nil:
			w.Write(2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n")
		default:
			w.Write(2, "<unknown>\n")
		}
	}
}

func writeTolerations(w *prefixWriter, title string, tolerations []corev1.Toleration) {
	var lines []string
	for _, t := range tolerations {
		s := t.Key
		if t.Value != "" {
			s += "=" + t.Value
		}
		if t.Effect != "" {
			s += ":" + string(t.Effect)
		}
		if t.Operator == corev1.TolerationOpExists && t.Value == "" {
			s += " op=Exists"
		}
		if t.TolerationSeconds != nil {
			s += fmt.Sprintf(" for %ds", *t.TolerationSeconds)
		}
		lines = append(lines, s)
	}
	if len(lines) == 0 {
		w.Write(0, "%s:\t<none>\n", title)
		return
	}
	for i, l := range lines {
		if i == 0 {
			w.Write(0, "%s:\t%s\n", title, l)
		} else {
			w.Write(0, "\t%s\n", l)
		}
	}
}
