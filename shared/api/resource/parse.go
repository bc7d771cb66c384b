// Parsing the text form of a Quantity.
//
// Interface:
//   - ParseQuantity(s) reads <sign><digits>[.<digits>]<suffix>, where the
//     suffix is a decimal SI one (n u m k M G T P E), a binary one (Ki Mi Gi
//     Ti Pi Ei) or an exponent (e3, E-6).
//   - MustParse is ParseQuantity for constants; it panics on bad input.
//   - ErrFormatWrong, ErrSuffix, ErrNumeric are upstream's messages.
//
// Values finer than 1n are rounded away from zero to 1n ("if you ask for some
// of a resource you get some"); binary amounts are capped at 2^63-1.
package resource

import (
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// splitREString is the grammar upstream documents for quantities.
const splitREString = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$"

// The parse errors, worded as upstream's.
var (
	ErrFormatWrong = errors.New("quantities must match the regular expression '" + splitREString + "'")
	ErrNumeric     = errors.New("unable to parse numeric part of quantity")
	ErrSuffix      = errors.New("unable to parse quantity's suffix")
)

// maxDecimalExponent bounds the power of ten a quantity may carry. Upstream
// accepts any exponent; a bound keeps "1e999999999" from allocating a
// billion-digit number. 10^1000 is far beyond any real resource amount.
const maxDecimalExponent = 1000

// maxBinary is the largest BinarySI amount, 2^63-1 units, as upstream caps it.
var maxBinary = new(big.Int).Mul(big.NewInt(1<<63-1), nanosPerUnit)

// MustParse parses s and panics if it is not a valid quantity. Use it for
// constants in code and tests only.
func MustParse(s string) Quantity {
	q, err := ParseQuantity(s)
	if err != nil {
		panic(fmt.Errorf("cannot parse '%v': %v", s, err))
	}
	return q
}

// ParseQuantity reads a quantity. On failure it returns the zero Quantity and
// ErrFormatWrong (not a number), ErrSuffix (unknown suffix) or ErrNumeric
// (an exponent out of range).
func ParseQuantity(str string) (Quantity, error) {
	if str == "" {
		return Quantity{}, ErrFormatWrong
	}
	if str == "0" {
		return Quantity{Format: DecimalSI, s: str}, nil
	}
	parts, err := splitQuantity(str)
	if err != nil {
		return Quantity{}, err
	}
	base, exponent, format, ok := interpretSuffix(parts.suffix)
	if !ok {
		return Quantity{}, ErrSuffix
	}
	if exponent > maxDecimalExponent {
		return Quantity{}, ErrNumeric
	}

	// 1. The digits without the point, as an integer of nano-units.
	digits := parts.num + parts.denom
	n, ok := new(big.Int).SetString(digits, 10)
	if !ok {
		return Quantity{}, ErrNumeric
	}
	pow := 9 - int64(len(parts.denom)) // nano-units, minus the fraction digits
	if base == 2 {
		n.Lsh(n, uint(exponent))
	} else {
		pow += exponent
	}
	// A divisor longer than the numerator gives 1n (rounded up) whatever its
	// length, so clamp it rather than build a huge power of ten.
	if limit := -int64(len(digits) + 20); pow < limit {
		pow = limit
	}
	n = scaleNanos(n, pow)

	// 2. Binary amounts are capped, and below one unit they print as decimal.
	if format == BinarySI {
		if n.Cmp(maxBinary) > 0 {
			n.Set(maxBinary)
		}
		if n.Sign() > 0 && n.Cmp(nanosPerUnit) < 0 {
			format = DecimalSI
		}
	}
	if !parts.positive {
		n.Neg(n)
	}

	q := Quantity{nanos: n, Format: format}
	if alreadyCanonical(parts, base, exponent, format) {
		q.s = str
	}
	return q, nil
}

// quantityParts are the pieces of the text form.
type quantityParts struct {
	positive bool
	num      string // integer digits without leading zeros; "0" if none
	denom    string // fraction digits, possibly empty
	suffix   string
}

// splitQuantity cuts str into sign, integer digits, fraction digits and
// suffix, accepting exactly what upstream's parser accepts (including its
// leniencies: "1.G" is 1G, and a bare sign or point is 0).
func splitQuantity(str string) (quantityParts, error) {
	p := quantityParts{positive: true}
	pos := 0
	if str[0] == '-' || str[0] == '+' {
		p.positive = str[0] == '+'
		pos++
	}
	for pos < len(str) && str[pos] == '0' {
		pos++
	}
	start := pos
	pos = skipDigits(str, pos)
	p.num = str[start:pos]
	if p.num == "" {
		p.num = "0"
	}
	if pos < len(str) && str[pos] == '.' {
		pos++
		start = pos
		pos = skipDigits(str, pos)
		p.denom = str[start:pos]
	}

	// The suffix: letters from the suffix alphabet, an optional sign, digits.
	start = pos
	for pos < len(str) && strings.IndexByte("eEinumkKMGTP", str[pos]) >= 0 {
		pos++
	}
	if pos < len(str) && (str[pos] == '-' || str[pos] == '+') {
		pos++
	}
	pos = skipDigits(str, pos)
	if pos != len(str) {
		return quantityParts{}, ErrFormatWrong
	}
	p.suffix = str[start:]
	return p, nil
}

func skipDigits(s string, pos int) int {
	for pos < len(s) && s[pos] >= '0' && s[pos] <= '9' {
		pos++
	}
	return pos
}

// decimalSuffixes and binarySuffixes map a suffix to its exponent.
var (
	decimalSuffixes = map[string]int64{"n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18}
	binarySuffixes  = map[string]int64{"Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60}
)

// interpretSuffix returns the base (10 or 2), the exponent and the format a
// suffix selects. Note "E" alone is exa; "e"/"E" followed by digits is an
// exponent.
func interpretSuffix(suffix string) (base int, exponent int64, format Format, ok bool) {
	if e, ok := decimalSuffixes[suffix]; ok {
		return 10, e, DecimalSI, true
	}
	if e, ok := binarySuffixes[suffix]; ok {
		return 2, e, BinarySI, true
	}
	if len(suffix) > 1 && (suffix[0] == 'e' || suffix[0] == 'E') {
		e, err := strconv.ParseInt(suffix[1:], 10, 64)
		if err != nil {
			return 0, 0, DecimalExponent, false
		}
		return 10, e, DecimalExponent, true
	}
	return 0, 0, DecimalExponent, false
}

// alreadyCanonical reports whether upstream would keep the input text as the
// Quantity's string form: small exact values whose digits need no
// regrouping. Upstream decides this on its int64 fast path; the conditions
// are reproduced here so String returns the same text (even "+1" or
// "1.500k", which upstream also echoes back unchanged).
func alreadyCanonical(p quantityParts, base int, exponent int64, format Format) bool {
	shifted := p.num + p.denom
	if format == BinarySI {
		if base != 2 || p.denom != "" || 15-len(p.num)-int(float32(exponent)*3/10)-1 < 0 {
			return false
		}
		v, err := strconv.ParseInt(shifted, 10, 64)
		if err != nil || v > (1<<63-1)>>exponent {
			return false
		}
		return exponent%10 == 0 && v&0x07 != 0
	}
	if base != 10 || 18-len(p.num)-len(p.denom) < 0 {
		return false
	}
	scale := exponent - int64(len(p.denom))
	if scale < -9 {
		return false
	}
	return scale%3 == 0 && !strings.HasSuffix(shifted, "000") && shifted[0] != '0'
}
