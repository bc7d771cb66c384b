// Package metav1 holds the types every Kubernetes API object shares: the
// apiVersion/kind header (TypeMeta), the metadata block (ObjectMeta), list
// metadata, Status errors, watch events, server-side Tables, discovery
// documents and the option structs sent with each verb.
//
// The Go names and the JSON they produce mirror k8s.io/apimachinery's
// meta/v1 byte for byte, so a manifest written for a real cluster decodes
// here, and what the stage-2 API server writes decodes in the real kubectl:
//
//	pod := struct {
//		metav1.TypeMeta   `json:",inline"`
//		metav1.ObjectMeta `json:"metadata,omitempty"`
//	}{
//		TypeMeta:   metav1.TypeMeta{Kind: "Pod", APIVersion: "v1"},
//		ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "default"},
//	}
//	data, _ := json.Marshal(pod) // {"kind":"Pod","apiVersion":"v1","metadata":{"name":"web","namespace":"default"}}
//
// Upstream spreads these across several packages (runtime/schema for
// GroupVersionKind, apidiscovery/v2 for aggregated discovery, version for
// /version); this project keeps them in one package so a student finds the
// whole vocabulary in one place.
//
// Talk 000, "Client side validation" and "API discovery": kubectl reads
// apiVersion and kind from TypeMeta and finds the resource through the
// discovery documents defined here; talk 004, step 2 ("save objects"): the
// API server fills ObjectMeta's uid, resourceVersion and creationTimestamp.
package metav1
