// Package protobuf reads and writes Kubernetes objects in the protobuf
// format ("application/vnd.kubernetes.protobuf"), which client-go's typed
// clients and kubectl's generators (`kubectl create deployment`, ...)
// send by default instead of JSON.
//
// # The format, for a reader who knows JSON
//
// A JSON object names its fields; a protobuf message numbers them. Each
// field is a key (number<<3 | wire type) followed by its value: a varint
// for integers and booleans, or a length and then bytes for strings,
// []byte and nested messages. A Deployment's metadata is field 1 of the
// Deployment message, its name field 1 inside that. Nothing marks where a
// message ends except its length, and a reader skips numbers it does not
// know, so old readers survive new fields. Upstream's numbers are in the
// struct tags of k8s.io/api (`protobuf:"bytes,1,opt,name=metadata"`).
//
// A whole object travels in an envelope: the 4 bytes "k8s\x00", then a
// runtime.Unknown message {1: {apiVersion, kind}, 2: the object's message,
// 3: "", 4: ""}. The object's own message has no apiVersion or kind; the
// envelope carries them (envelope.go). A watch stream frames each event
// with a 4-byte big-endian length (watch.go).
//
// Some types are not plain messages: a Time is {1: seconds, 2: nanos}
// (nanos always 0), a Quantity is {1: "500m"}, an IntOrString is
// {1: type, 2: intVal, 3: strVal}, a map is one {1: key, 2: value} entry
// per key, and metav1.Verbs is a message {1: repeated string}.
//
// # How this package knows the numbers
//
// messages_generated.go lists, per upstream type, its fields' numbers,
// wire types and Go names. It is generated from upstream's own struct tags
// by tools/schemagen/protofields, a separate module (the main module may
// not import k8s.io/api). The golden files of the tests (testdata/*.pb,
// written by upstream's own serializer) come from
// tools/schemagen/protogolden. To regenerate both after an upstream
// upgrade (the first build of that module takes minutes):
//
//	go generate ./shared/protobuf
//
// The codec (encode.go, decode.go) lays that table over our structs by Go
// field name, which our types share with upstream's (message.go).
//
// Usage:
//
//	body, err := protobuf.EncodeObject(deploy, deploy.GroupVersionKind())
//	gvk, raw, err := protobuf.DecodeObject(body)
//	obj := &appsv1.Deployment{}
//	err = protobuf.Unmarshal(raw, obj)
//
// Talk 001, "Client Interactions": kubectl serializes the object it built
// before sending it; talk 000, "-v 6": the request it logs is this POST,
// with Content-Type application/vnd.kubernetes.protobuf for the typed
// clients' requests.
package protobuf

//go:generate go -C ../../tools/schemagen run ./protofields -out ../../shared/protobuf/messages_generated.go
//go:generate go -C ../../tools/schemagen run ./protogolden -out ../../shared/protobuf/testdata
