// Package upstream says which upstream Kubernetes Go type each API type of
// this repository stands for: shared/api/core/v1.Pod is
// k8s.io/api/core/v1.Pod, shared/api/meta/v1.ObjectMeta is
// k8s.io/apimachinery/pkg/apis/meta/v1.ObjectMeta.
//
// Wire formats name types after upstream's Go packages, not ours: an OpenAPI
// definition is called "io.k8s.api.core.v1.Pod" (stages/02-apiserver/openapi)
// and a protobuf message takes its field numbers from upstream's generated
// code (shared/protobuf). Both ask this package for the upstream name, so
// the mapping exists once.
//
// Usage:
//
//	full, ok := upstream.Name(reflect.TypeFor[corev1.Pod]())
//	// full == "k8s.io/api/core/v1.Pod", ok == true
//
// Talk 000, "API objects": every object a client sends is one of upstream's
// types, whatever Go struct the server decodes it into.
package upstream
