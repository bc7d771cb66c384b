// Package resource implements Quantity, the fixed-point number behind every
// CPU, memory and storage amount in the API ("100m", "1.5Gi", "2").
//
// A Quantity keeps its exact value and the notation it was written in, and
// prints itself in the shortest canonical form of that notation, the way the
// upstream API server stores it:
//
//	q := resource.MustParse("1.5Gi")
//	fmt.Println(q.String())      // 1536Mi
//	fmt.Println(q.Value())       // 1610612736
//	cpu := resource.MustParse("0.5")
//	fmt.Println(cpu.String(), cpu.MilliValue()) // 500m 500
//
// The grammar, the canonical forms and the error messages follow
// k8s.io/apimachinery/pkg/api/resource, so a manifest's requests and limits
// read and print exactly as on a real cluster.
//
// Talk 003, "Scheduler constraints": the scheduler adds up container
// requests as Quantities and compares them with a node's allocatable
// resources; the kubelet turns limits into cgroup values.
package resource
