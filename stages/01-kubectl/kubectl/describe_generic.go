// The generic describer: any kind, its fields printed as an indented
// outline.
//
// Interface:
//   - describeGeneric(w, obj, events, now) prints Name, Namespace, Labels,
//     Annotations, API Version, Kind, then every other field with its key
//     turned into words ("creationTimestamp" → "Creation Timestamp"), then
//     Events. Upstream uses it for every kind without its own describer,
//     custom resources included.
//   - smartLabel is that key-to-words rule.

package kubectl

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
)

// initialisms are words written in capitals when they form a field name.
// (a subset of upstream's list: golint's common initialisms).
var initialisms = map[string]bool{
	"api": true, "cpu": true, "dns": true, "http": true, "https": true, "id": true, "ip": true,
	"json": true, "tls": true, "ttl": true, "uid": true, "uri": true, "url": true, "uuid": true,
}

// smartLabel turns a camelCase key into capitalised words.
func smartLabel(key string) string {
	var words []string
	start := 0
	runes := []rune(key)
	for i := 1; i < len(runes); i++ {
		if unicode.IsUpper(runes[i]) && !unicode.IsUpper(runes[i-1]) {
			words = append(words, string(runes[start:i]))
			start = i
		}
	}
	words = append(words, string(runes[start:]))
	for i, w := range words {
		if initialisms[strings.ToLower(w)] {
			words[i] = strings.ToUpper(w)
		} else if w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}

func describeGeneric(w *prefixWriter, obj map[string]any, events []corev1.Event, now time.Time) {
	w.Write(0, "Name:\t%s\n", unstructured.Name(obj))
	if ns := unstructured.Namespace(obj); ns != "" {
		w.Write(0, "Namespace:\t%s\n", ns)
	}
	writeLabels(w, "Labels", unstructured.Labels(obj))
	writeAnnotations(w, "Annotations", unstructured.Annotations(obj))
	rest := unstructured.DeepCopyMap(obj)
	for _, f := range [][]string{
		{"metadata", "name"}, {"metadata", "namespace"}, {"metadata", "labels"},
		{"metadata", "annotations"}, {"metadata", "managedFields"},
	} {
		unstructured.RemoveNestedField(rest, f...)
	}
	writeFields(w, 0, rest)
	writeEvents(w, events, now)
}

// writeFields prints a map's fields in key order, nested maps and lists
// indented one level further.
func writeFields(w *prefixWriter, level int, m map[string]any) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		writeValue(w, level, smartLabel(k), m[k])
	}
}

func writeValue(w *prefixWriter, level int, label string, v any) {
	switch v := v.(type) {
	case map[string]any:
		if len(v) == 0 {
			return
		}
		w.Write(level, "%s:\n", label)
		writeFields(w, level+1, v)
	case []any:
		if len(v) == 0 {
			return
		}
		w.Write(level, "%s:\n", label)
		for _, item := range v {
			if m, ok := item.(map[string]any); ok {
				writeFields(w, level+1, m)
			} else {
				w.Write(level+1, "%v\n", item)
			}
		}
	case nil:
	default:
		w.Write(level, "%s:\t%s\n", label, fmt.Sprint(v))
	}
}
