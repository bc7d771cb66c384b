// Package intstr implements IntOrString, the API's type for fields that take
// either a number or a string: a Service targetPort (8080 or "http"), a
// Deployment's maxSurge (1 or "25%").
//
//	surge := intstr.FromString("25%")
//	n, _ := intstr.GetScaledValueFromIntOrPercent(&surge, 10, true) // 3
//	port := intstr.FromInt32(8080)
//	data, _ := json.Marshal(port) // 8080
//
// The JSON form is a bare number or a bare string, as in
// k8s.io/apimachinery/pkg/util/intstr.
//
// Talk 000, "Deployment and ReplicaSet controllers": the Deployment
// controller turns maxSurge and maxUnavailable into pod counts with
// GetScaledValueFromIntOrPercent.
package intstr
