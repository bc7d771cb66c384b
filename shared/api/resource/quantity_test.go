package resource

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Talk 003, "Scheduler constraints": the scheduler sums requests and
// compares them with what a node can give.
func TestArithmeticAndCompare(t *testing.T) {
	sum := Quantity{}
	for _, s := range []string{"100m", "250m", "0.65"} {
		sum.Add(MustParse(s))
	}
	if got := sum.String(); got != "1" {
		t.Errorf("sum = %q, want 1", got)
	}
	if sum.Cmp(MustParse("1000m")) != 0 || !sum.Equal(MustParse("1")) {
		t.Errorf("sum %v not equal to 1", sum)
	}

	free := MustParse("2Gi")
	free.Sub(MustParse("512Mi"))
	if got := free.String(); got != "1536Mi" {
		t.Errorf("2Gi - 512Mi = %q, want 1536Mi", got)
	}

	tests := []struct {
		name string
		a, b string
		want int
	}{
		{"equal across notations", "1Ki", "1024", 0},
		{"milli vs unit", "999m", "1", -1},
		{"decimal vs binary", "10000T", "100Gi", 1},
		{"negatives", "-1", "-2", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := MustParse(tc.a).Cmp(MustParse(tc.b)); got != tc.want {
				t.Errorf("Cmp = %d, want %d", got, tc.want)
			}
		})
	}
}

// Adding zero in either order keeps the notation of the non-zero side.
func TestZeroKeepsSuffix(t *testing.T) {
	for _, s := range []string{"100m", "1Gi"} {
		t.Run(s, func(t *testing.T) {
			a := MustParse(s)
			a.Add(MustParse("0"))
			b := MustParse("0")
			b.Add(MustParse(s))
			c := MustParse("0")
			c.Sub(MustParse(s))
			if a.String() != s || b.String() != s || c.String() != "-"+s {
				t.Errorf("got %q, %q, %q", a.String(), b.String(), c.String())
			}
		})
	}
}

func TestNegDoesNotShareState(t *testing.T) {
	a := MustParse("9.01")
	b := a
	b.Neg()
	if a.String() != "9010m" || b.String() != "-9010m" {
		t.Errorf("a = %q, b = %q", a.String(), b.String())
	}
}

func TestValueRounding(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		scale Scale
		want  int64
	}{
		{"exact", "2", 0, 2},
		{"rounds up", "1500m", 0, 2},
		{"rounds away from zero", "-1500m", 0, -2},
		{"milli", "0.1", Milli, 100},
		{"kilo rounds up", "9.01", 1, 1},
		{"saturates high", "100E", 0, math.MaxInt64},
		{"saturates low", "-100E", 0, math.MinInt64},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := MustParse(tc.in).ScaledValue(tc.scale); got != tc.want {
				t.Errorf("ScaledValue(%d) = %d, want %d", tc.scale, got, tc.want)
			}
		})
	}
	if v := MustParse("64Mi").Value(); v != 64<<20 {
		t.Errorf("Value() = %d", v)
	}
	if f := MustParse("1.5").AsApproximateFloat64(); f != 1.5 {
		t.Errorf("AsApproximateFloat64 = %v", f)
	}
	if MustParse("-1").Sign() != -1 || MustParse("0").Sign() != 0 || (Quantity{}).Sign() != 0 {
		t.Error("Sign wrong")
	}
	if MustParse("1").CmpInt64(1) != 0 || MustParse("1001m").CmpInt64(1) != 1 {
		t.Error("CmpInt64 wrong")
	}
}

// go-cmp compares Quantities through Equal, so structs holding them diff
// cleanly instead of panicking on unexported fields.
func TestCmpUsesEqual(t *testing.T) {
	type req struct{ CPU Quantity }
	if diff := cmp.Diff(req{MustParse("1000m")}, req{MustParse("1")}); diff != "" {
		t.Errorf("equal amounts differ: %s", diff)
	}
	if cmp.Equal(req{MustParse("1")}, req{MustParse("2")}) {
		t.Error("different amounts compare equal")
	}
}
