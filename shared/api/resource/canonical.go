// The canonical text form of a Quantity, and its JSON encoding.
//
// Interface:
//   - String prints the shortest exact form in the Quantity's Format:
//     DecimalSI "1500m", "2k"; BinarySI "1536Mi"; DecimalExponent "12e6".
//   - MarshalJSON writes that string; UnmarshalJSON reads a string or a bare
//     number.
//
// The rules are upstream's: the integer part never has trailing zeros that
// a bigger suffix could absorb ("1000k" prints "1M"), and a BinarySI amount
// that is below 1024 or not a whole number falls back to DecimalSI.
package resource

import (
	"bytes"
	"math/big"
	"strconv"
	"strings"
)

var (
	bigTen  = big.NewInt(10)
	big1024 = big.NewInt(1024)
)

// decimalSuffixByExponent and binarySuffixByExponent invert the parse tables.
var (
	decimalSuffixByExponent = map[int64]string{-9: "n", -6: "u", -3: "m", 0: "", 3: "k", 6: "M", 9: "G", 12: "T", 15: "P", 18: "E"}
	binarySuffixByExponent  = map[int64]string{0: "", 10: "Ki", 20: "Mi", 30: "Gi", 40: "Ti", 50: "Pi", 60: "Ei"}
)

// String returns the canonical form. A Quantity parsed from text that was
// already canonical returns that text unchanged.
func (q Quantity) String() string {
	if q.s != "" {
		return q.s
	}
	if q.IsZero() {
		return "0"
	}
	format := q.Format
	switch format {
	case DecimalSI, DecimalExponent:
	case BinarySI:
		if q.CmpInt64(-1024) > 0 && q.CmpInt64(1024) < 0 {
			format = DecimalSI
		} else if new(big.Int).Rem(q.value(), nanosPerUnit).Sign() != 0 {
			format = DecimalSI // not whole units: binary suffixes would round
		}
	default:
		format = DecimalExponent
	}
	if format == BinarySI {
		return binaryString(new(big.Int).Quo(q.value(), nanosPerUnit))
	}
	return decimalString(q.value(), format)
}

// decimalString prints nanos × 10^-9 as mantissa + suffix, with the exponent
// a multiple of 3 and as large as possible.
func decimalString(nanos *big.Int, format Format) string {
	mantissa, exponent := removeFactors(nanos, bigTen)
	exponent -= 9
	for exponent%3 != 0 {
		mantissa.Mul(mantissa, bigTen)
		exponent--
	}
	if format == DecimalExponent {
		if exponent == 0 {
			return mantissa.String()
		}
		return mantissa.String() + "e" + strconv.FormatInt(exponent, 10)
	}
	// DecimalSI has no suffix past E (10^18); upstream prints a wrong number
	// there, this keeps the value by writing a longer mantissa ("1000E").
	for exponent > 18 {
		mantissa.Mul(mantissa, pow10(3))
		exponent -= 3
	}
	return mantissa.String() + decimalSuffixByExponent[exponent]
}

// binaryString prints a whole number of units with the largest binary suffix
// that divides it exactly.
func binaryString(units *big.Int) string {
	mantissa, times := removeFactors(units, big1024)
	for times > 6 { // no suffix past Ei
		mantissa.Mul(mantissa, big1024)
		times--
	}
	return mantissa.String() + binarySuffixByExponent[times*10]
}

// removeFactors divides n by base as often as it divides exactly, returning
// the quotient and the count. n must be non-zero.
func removeFactors(n, base *big.Int) (*big.Int, int64) {
	result := new(big.Int).Set(n)
	rem := new(big.Int)
	var times int64
	for {
		quo, r := new(big.Int).QuoRem(result, base, rem)
		if r.Sign() != 0 {
			return result, times
		}
		result = quo
		times++
	}
}

// MarshalJSON writes the canonical form as a JSON string.
func (q Quantity) MarshalJSON() ([]byte, error) {
	return []byte(strconv.Quote(q.String())), nil
}

// UnmarshalJSON reads a quantity from a JSON string ("100m") or number (0.1);
// null sets q to zero. Errors are ParseQuantity's, unwrapped, because the
// API server shows them to the user as they are.
func (q *Quantity) UnmarshalJSON(data []byte) error {
	if bytes.Equal(data, []byte("null")) {
		*q = Quantity{}
		return nil
	}
	if len(data) >= 2 && data[0] == '"' && data[len(data)-1] == '"' {
		data = data[1 : len(data)-1]
	}
	parsed, err := ParseQuantity(strings.TrimSpace(string(data)))
	if err != nil {
		return err
	}
	*q = parsed
	return nil
}
