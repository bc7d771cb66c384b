// Package unstructured reads and writes API objects held as decoded JSON
// (map[string]any) instead of Go structs.
//
// kubectl works this way: it does not know every kind a server may serve, so
// it keeps a manifest as a tree of maps and lists and only looks inside for
// the few fields it needs (apiVersion, kind, metadata.name, ...).
//
//	obj := map[string]any{}
//	_ = json.Unmarshal(data, &obj)
//	name := unstructured.Name(obj)
//	replicas, ok := unstructured.NestedInt64(obj, "spec", "replicas")
//	unstructured.SetNestedField(obj, int64(3), "spec", "replicas")
//
// Talk 001, "Client Interactions": kubectl maps an object to a REST path from
// its apiVersion and kind alone.
package unstructured
