// Command protofields writes shared/protobuf/messages_generated.go: for
// every upstream Kubernetes type this project's API server reads or writes
// as protobuf, the fields of its message - Go name, JSON name, field number,
// wire type and shape.
//
// Upstream's protobuf messages are described by the Go struct tags of its
// API types (`protobuf:"bytes,1,opt,name=metadata"`), from which
// go-to-protobuf generated the .proto files and the marshalling code. This
// command reads the same tags by reflection, starting from every kind of the
// group-versions the project serves, and follows each field into the types
// it holds. Three types marshal themselves by hand-written code upstream
// (metav1.Time, metav1.MicroTime, resource.Quantity); they are leaves here
// and shared/protobuf encodes them itself.
//
// Usage, from this module (or `go generate ./shared/protobuf` in the main
// module):
//
//	go run ./protofields -out ../../shared/protobuf/messages_generated.go
//
// Talk 001, "Client Interactions": the client serializes the object before
// it sends it; with protobuf, these numbers are what it writes.
package main
