package resource_test

import (
	"fmt"

	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
)

func Example() {
	for _, s := range []string{"100m", "0.5", "1.5Gi", "1024Mi", "1000k"} {
		q := resource.MustParse(s)
		fmt.Printf("%-7s -> %-7s milli=%d\n", s, q.String(), q.MilliValue())
	}
	// Output:
	// 100m    -> 100m    milli=100
	// 0.5     -> 500m    milli=500
	// 1.5Gi   -> 1536Mi  milli=1610612736000
	// 1024Mi  -> 1Gi     milli=1073741824000
	// 1000k   -> 1M      milli=1000000000
}

// A scheduler-style fit check: do the requests fit in what is left?
func ExampleQuantity_Cmp() {
	allocatable := resource.MustParse("2")
	used := resource.MustParse("1500m")
	request := resource.MustParse("600m")
	free := allocatable.DeepCopy()
	free.Sub(used)
	fmt.Println("free:", free.String(), "fits:", request.Cmp(free) <= 0)
	// Output:
	// free: 500m fits: false
}

func ExampleParseQuantity() {
	_, err := resource.ParseQuantity("1 Gi")
	fmt.Println(err)
	// Output:
	// quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'
}
