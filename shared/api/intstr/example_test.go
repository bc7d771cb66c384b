package intstr_test

import (
	"encoding/json"
	"fmt"

	"github.com/kubeworkbook/kubeworkbook/shared/api/intstr"
)

func Example() {
	var strategy struct {
		MaxSurge       *intstr.IntOrString `json:"maxSurge"`
		MaxUnavailable *intstr.IntOrString `json:"maxUnavailable"`
	}
	_ = json.Unmarshal([]byte(`{"maxSurge":"25%","maxUnavailable":1}`), &strategy)
	surge, _ := intstr.GetScaledValueFromIntOrPercent(strategy.MaxSurge, 10, true)
	unavailable, _ := intstr.GetScaledValueFromIntOrPercent(strategy.MaxUnavailable, 10, false)
	fmt.Println("surge:", surge, "unavailable:", unavailable)
	// Output:
	// surge: 3 unavailable: 1
}

func ExampleFromString() {
	port := intstr.FromString("http")
	data, _ := json.Marshal(port)
	fmt.Println(string(data), port.Type == intstr.String)
	// Output:
	// "http" true
}
