// IntOrString: a value that is a number or a string.
//
// Interface:
//   - FromInt32, FromString, Parse build one; IntValue and String read it.
//   - MarshalJSON writes a bare JSON number or string; UnmarshalJSON reads
//     either.
//   - GetScaledValueFromIntOrPercent resolves "25%" against a total.
//
// The per-group types (shared/api/core/v1 ports and probes,
// shared/api/apps/v1 rolling-update parameters) hold these.
package intstr

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Type says which of IntOrString's two fields holds the value.
type Type int64

// The two kinds of value.
const (
	Int    Type = iota // IntVal holds the value.
	String             // StrVal holds the value.
)

// IntOrString holds an int32 or a string. Only the field selected by Type is
// meaningful.
type IntOrString struct {
	Type   Type
	IntVal int32
	StrVal string
}

// FromInt32 returns an IntOrString holding val.
func FromInt32(val int32) IntOrString { return IntOrString{Type: Int, IntVal: val} }

// FromString returns an IntOrString holding val.
func FromString(val string) IntOrString { return IntOrString{Type: String, StrVal: val} }

// Parse returns an Int when val is a decimal integer that fits int32, and a
// String otherwise ("80" is 80, "http" and "25%" stay strings).
func Parse(val string) IntOrString {
	i, err := strconv.ParseInt(val, 10, 32)
	if err != nil {
		return FromString(val)
	}
	return FromInt32(int32(i))
}

// IntValue returns the int, or the string read as a decimal integer (0 when
// it is not one).
func (v IntOrString) IntValue() int {
	if v.Type == String {
		i, _ := strconv.Atoi(v.StrVal)
		return i
	}
	return int(v.IntVal)
}

// String returns the string, or the int in decimal.
func (v IntOrString) String() string {
	if v.Type == String {
		return v.StrVal
	}
	return strconv.Itoa(v.IntValue())
}

// MarshalJSON writes the value as a bare JSON number or string.
func (v IntOrString) MarshalJSON() ([]byte, error) {
	switch v.Type {
	case Int:
		return json.Marshal(v.IntVal)
	case String:
		return json.Marshal(v.StrVal)
	default:
		return nil, fmt.Errorf("marshal IntOrString: impossible IntOrString.Type %d", v.Type)
	}
}

// UnmarshalJSON reads a JSON string into StrVal, anything else into IntVal.
func (v *IntOrString) UnmarshalJSON(data []byte) error {
	if len(data) > 0 && data[0] == '"' {
		v.Type = String
		return json.Unmarshal(data, &v.StrVal)
	}
	v.Type = Int
	return json.Unmarshal(data, &v.IntVal)
}

// GetScaledValueFromIntOrPercent resolves v against total: an Int is
// returned as is; a percentage string "p%" gives p% of total, rounded up
// when roundUp is set and down otherwise (maxSurge rounds up,
// maxUnavailable down). Any other string is an error, as is nil.
func GetScaledValueFromIntOrPercent(v *IntOrString, total int, roundUp bool) (int, error) {
	if v == nil {
		return 0, errors.New("nil value for IntOrString")
	}
	value, isPercent, err := intOrPercent(v)
	if err != nil {
		return 0, fmt.Errorf("invalid value for IntOrString: %v", err)
	}
	if !isPercent {
		return value, nil
	}
	scaled := float64(value) * float64(total) / 100
	if roundUp {
		return int(math.Ceil(scaled)), nil
	}
	return int(math.Floor(scaled)), nil
}

// intOrPercent returns v's number and whether it was written as a percentage.
func intOrPercent(v *IntOrString) (int, bool, error) {
	switch v.Type {
	case Int:
		return v.IntValue(), false, nil
	case String:
		s, isPercent := strings.CutSuffix(v.StrVal, "%")
		if !isPercent {
			return 0, false, errors.New("invalid type: string is not a percentage")
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			return 0, false, fmt.Errorf("invalid value %q: %v", v.StrVal, err)
		}
		return n, true, nil
	}
	return 0, false, errors.New("invalid type: neither int nor percentage")
}
