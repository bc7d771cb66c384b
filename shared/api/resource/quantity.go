// Quantity: an exact decimal amount with the notation it is printed in.
//
// Interface:
//   - ParseQuantity / MustParse read the text form (parse.go);
//     String prints the canonical form (canonical.go).
//   - NewQuantity, NewMilliQuantity, NewScaledQuantity build one from ints.
//   - Cmp, CmpInt64, Sign, IsZero, Equal compare; Add, Sub, Neg change.
//   - Value, MilliValue, ScaledValue, AsApproximateFloat64 read it as numbers.
//   - MarshalJSON writes a JSON string; UnmarshalJSON also accepts a number.
//
// Representation: the value is held as a whole number of nano-units
// (value × 10^9) in a big.Int, so every amount the API accepts - nothing is
// smaller than 1n - is exact, and comparing or adding needs no scale
// alignment. A stored big.Int is never changed in place: every operation
// makes a new one, so copying a Quantity by value is safe.
package resource

import (
	"math"
	"math/big"
)

// Format is the notation a Quantity prints in.
type Format string

// The notations.
const (
	// DecimalSI uses the suffixes n, u, m, "", k, M, G, T, P, E ("500m", "2k").
	DecimalSI Format = "DecimalSI"
	// BinarySI uses powers of 1024: Ki, Mi, Gi, Ti, Pi, Ei ("512Mi").
	BinarySI Format = "BinarySI"
	// DecimalExponent uses an exponent that is a multiple of 3 ("12e6").
	DecimalExponent Format = "DecimalExponent"
)

// Scale is a power of ten, used to read a Quantity as an integer count of
// some unit (ScaledValue(Milli) is millicores).
type Scale int32

// The SI scales.
const (
	Nano  Scale = -9
	Micro Scale = -6
	Milli Scale = -3
	Kilo  Scale = 3
	Mega  Scale = 6
	Giga  Scale = 9
	Tera  Scale = 12
	Peta  Scale = 15
	Exa   Scale = 18
)

// Quantity is an exact amount of a resource. The zero value is 0 and prints
// as "0". Compare Quantities with Cmp or Equal, not ==: the same amount may
// be held with different cached text.
type Quantity struct {
	// nanos is the value times 10^9; nil means zero. Never mutated once set.
	nanos *big.Int
	// s is the text the Quantity was parsed from when that text was already
	// canonical; String returns it unchanged, as upstream does. Any change
	// to the value clears it.
	s string
	// Format is the notation String uses. An empty Format prints as
	// DecimalExponent.
	Format
}

var (
	nanosPerUnit = big.NewInt(1_000_000_000)
	bigZero      = big.NewInt(0)
)

// NewQuantity returns value units in the given format.
func NewQuantity(value int64, format Format) *Quantity {
	return NewScaledQuantity(value, 0).withFormat(format)
}

// NewMilliQuantity returns value thousandths (millicores, for example) in the
// given format.
func NewMilliQuantity(value int64, format Format) *Quantity {
	return NewScaledQuantity(value, Milli).withFormat(format)
}

// NewScaledQuantity returns value × 10^scale in DecimalSI. A value finer than
// 1n is rounded away from zero to a whole nano-unit, as ParseQuantity does.
func NewScaledQuantity(value int64, scale Scale) *Quantity {
	return &Quantity{nanos: scaleNanos(big.NewInt(value), int64(scale)+9), Format: DecimalSI}
}

func (q *Quantity) withFormat(format Format) *Quantity {
	q.Format = format
	return q
}

// value returns q's nano count, treating nil as zero.
func (q Quantity) value() *big.Int {
	if q.nanos == nil {
		return bigZero
	}
	return q.nanos
}

// IsZero reports whether q is 0.
func (q Quantity) IsZero() bool { return q.value().Sign() == 0 }

// Sign returns -1, 0 or +1.
func (q Quantity) Sign() int { return q.value().Sign() }

// Cmp returns -1, 0 or +1 as q is less than, equal to or greater than y.
func (q Quantity) Cmp(y Quantity) int { return q.value().Cmp(y.value()) }

// CmpInt64 compares q with y units.
func (q Quantity) CmpInt64(y int64) int {
	return q.value().Cmp(new(big.Int).Mul(big.NewInt(y), nanosPerUnit))
}

// Equal reports whether q and v are the same amount, whatever their format.
// go-cmp uses it, so structs holding Quantities compare with cmp.Diff.
func (q Quantity) Equal(v Quantity) bool { return q.Cmp(v) == 0 }

// Add adds y to q. A zero q takes y's format, so summing into a zero
// Quantity keeps the notation of what was summed.
func (q *Quantity) Add(y Quantity) {
	if q.IsZero() {
		q.Format = y.Format
	}
	q.set(new(big.Int).Add(q.value(), y.value()))
}

// Sub subtracts y from q. A zero q takes y's format.
func (q *Quantity) Sub(y Quantity) {
	if q.IsZero() {
		q.Format = y.Format
	}
	q.set(new(big.Int).Sub(q.value(), y.value()))
}

// Neg negates q.
func (q *Quantity) Neg() { q.set(new(big.Int).Neg(q.value())) }

func (q *Quantity) set(nanos *big.Int) {
	q.nanos = nanos
	q.s = ""
}

// DeepCopy returns an independent copy. Because stored values are never
// changed in place, a plain copy already is one.
func (q Quantity) DeepCopy() Quantity { return q }

// Value returns q in whole units, rounded away from zero: 1500m is 2, -1500m
// is -2. Values beyond int64 saturate at math.MaxInt64 or math.MinInt64.
func (q Quantity) Value() int64 { return q.ScaledValue(0) }

// MilliValue returns q in thousandths, rounded away from zero.
func (q Quantity) MilliValue() int64 { return q.ScaledValue(Milli) }

// ScaledValue returns q as a count of 10^scale units, rounded away from
// zero and saturated to the int64 range.
func (q Quantity) ScaledValue(scale Scale) int64 {
	return saturate(scaleNanos(q.value(), -9-int64(scale)))
}

// AsApproximateFloat64 returns q as the nearest float64 (±Inf if too large).
func (q Quantity) AsApproximateFloat64() float64 {
	f, _ := new(big.Float).Quo(new(big.Float).SetInt(q.value()), new(big.Float).SetInt(nanosPerUnit)).Float64()
	return f
}

// scaleNanos returns n × 10^pow; for a negative pow the division rounds away
// from zero, so no non-zero amount ever becomes zero.
func scaleNanos(n *big.Int, pow int64) *big.Int {
	if pow >= 0 {
		return new(big.Int).Mul(n, pow10(pow))
	}
	quo, rem := new(big.Int).QuoRem(n, pow10(-pow), new(big.Int))
	if rem.Sign() != 0 {
		quo.Add(quo, big.NewInt(int64(n.Sign())))
	}
	return quo
}

func pow10(n int64) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(n), nil)
}

func saturate(n *big.Int) int64 {
	switch {
	case n.IsInt64():
		return n.Int64()
	case n.Sign() > 0:
		return math.MaxInt64
	default:
		return math.MinInt64
	}
}
