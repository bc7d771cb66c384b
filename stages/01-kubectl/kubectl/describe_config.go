// Describing ConfigMaps and Secrets: what configuration a namespace holds.
//
// Interface:
//   - describeConfigMap(w, cm, events, now): labels and annotations, then
//     each Data key with its value under a "----" rule, each BinaryData
//     key with its size, then the events.
//   - describeSecret(w, s): the type, then each key with its size in
//     bytes, never its value (upstream prints a service-account token,
//     the one exception, in full).
//
// The layout is upstream's, blank lines and "====" rules included; keys
// are sorted, where upstream prints them in map order.

package kubectl

import (
	"maps"
	"slices"
	"time"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
)

// describeConfigMap writes a ConfigMap.
func describeConfigMap(w *prefixWriter, cm *corev1.ConfigMap, events []corev1.Event, now time.Time) {
	writeObjectMeta(w, cm.ObjectMeta, true)
	writeLabels(w, "Labels", cm.Labels)
	writeAnnotations(w, "Annotations", cm.Annotations)
	w.Write(0, "\nData\n====\n")
	for _, k := range slices.Sorted(maps.Keys(cm.Data)) {
		w.Write(0, "%s:\n----\n", k)
		w.Write(0, "%s\n", cm.Data[k])
		w.Write(0, "\n")
	}
	w.Write(0, "\nBinaryData\n====\n")
	for _, k := range slices.Sorted(maps.Keys(cm.BinaryData)) {
		w.Write(0, "%s: %d bytes\n", k, len(cm.BinaryData[k]))
	}
	w.Write(0, "\n")
	writeEvents(w, events, now)
}

// describeSecret writes a Secret: sizes only, so that describe can be
// pasted into a bug report without leaking the values.
func describeSecret(w *prefixWriter, s *corev1.Secret) {
	writeObjectMeta(w, s.ObjectMeta, true)
	writeLabels(w, "Labels", s.Labels)
	writeAnnotations(w, "Annotations", s.Annotations)
	w.Write(0, "\nType:\t%s\n", s.Type)
	w.Write(0, "\nData\n====\n")
	for _, k := range slices.Sorted(maps.Keys(s.Data)) {
		if k == corev1.ServiceAccountTokenKey && s.Type == corev1.SecretTypeServiceAccountToken {
			w.Write(0, "%s:\t%s\n", k, s.Data[k])
			continue
		}
		w.Write(0, "%s:\t%d bytes\n", k, len(s.Data[k]))
	}
}
