// Package codec turns manifest files into objects and objects back into the
// JSON and YAML kubectl prints.
//
// Reading (kubectl apply -f, create -f):
//
//	objs, err := codec.DecodeManifests(file) // split, decode, flatten Lists
//	for _, obj := range objs { ... unstructured.Kind(obj) ... }
//
// ReadManifests returns the same objects as Manifests, each with its
// document, its place in a List and the keys its text gives twice
// (DuplicateFields: `metadata: {name: a, name: b}` decodes to name "b",
// and only the text still shows the "a"); kubectl uses them to say which
// object of a file is wrong.
//
// Or step by step: SplitDocuments cuts a stream at its "---" lines (or a
// JSON stream between its objects) and drops documents that hold only
// comments; DecodeUnstructured turns one YAML or JSON document into a
// map[string]any; ItemsOf opens a "kind: List". DecodeStrict decodes into
// a typed struct and reports every unknown or repeated field by its path,
// such as the mistake of talk 002's Deployment whose pod spec is indented
// one level too little (`unknown field "spec.spec"`).
//
// Writing (kubectl get -o json / -o yaml): EncodeJSON indents with four
// spaces, EncodeYAML sorts keys, as kubectl does.
//
// Numbers: a decoded number whose value is a whole number that fits in an
// int64 becomes an int64 (replicas: 3 is int64(3), and so is 3.0); every
// other number becomes a float64. So integers survive any number of round
// trips exactly, and shared/unstructured.NestedInt64 reads them.
//
// Talk 000, "Client side validation" and talk 004, step 1 ("kubectl apply
// -f deployment.yaml"): this is the first thing kubectl does with a file.
package codec
