// Comparisons inside filters: [?(@.status.phase=="Running")].
//
// Interface:
//   - compare(op, left, right): whether "left op right" holds, for op one of
//     == != < <= > >=, or the error upstream gives.
//
// The rules are those of Go templates' eq/lt (upstream filters use a copy of
// them): both sides must be the same basic kind - boolean, integer, float or
// string - or the comparison fails with "incompatible types for comparison";
// objects, lists and null fail with "invalid type for comparison"; booleans
// only compare for equality. Whole numbers in the data are int64 (see
// Normalize), so "@.replicas==3" compares integers and "@.replicas==3.0"
// fails, as it does upstream.
package jsonpath

import (
	"errors"
	"fmt"
)

var (
	errBadComparisonType = errors.New("invalid type for comparison")
	errBadComparison     = errors.New("incompatible types for comparison")
)

type basicKind int

const (
	boolKind basicKind = iota
	intKind
	floatKind
	stringKind
)

func kindOf(v any) (basicKind, error) {
	switch v.(type) {
	case bool:
		return boolKind, nil
	case int, int64:
		return intKind, nil
	case float64:
		return floatKind, nil
	case string:
		return stringKind, nil
	}
	return 0, errBadComparisonType
}

// compare evaluates "left op right".
func compare(op string, left, right any) (bool, error) {
	switch op {
	case "==":
		return equal(left, right)
	case "!=":
		eq, err := equal(left, right)
		return !eq, err
	case "<":
		return less(left, right)
	case "<=":
		return lessEqual(left, right)
	case ">":
		le, err := lessEqual(left, right)
		return !le && err == nil, err
	case ">=":
		lt, err := less(left, right)
		return !lt && err == nil, err
	}
	return false, fmt.Errorf("unrecognized filter operator %s", op)
}

// sameKind returns the common kind of a and b, or the comparison error.
func sameKind(a, b any) (basicKind, error) {
	ka, err := kindOf(a)
	if err != nil {
		return 0, err
	}
	kb, err := kindOf(b)
	if err != nil {
		return 0, err
	}
	if ka != kb {
		return 0, errBadComparison
	}
	return ka, nil
}

func equal(a, b any) (bool, error) {
	k, err := sameKind(a, b)
	if err != nil {
		return false, err
	}
	if k == intKind {
		return asInt(a) == asInt(b), nil
	}
	return a == b, nil
}

func less(a, b any) (bool, error) {
	k, err := sameKind(a, b)
	if err != nil {
		return false, err
	}
	switch k {
	case intKind:
		return asInt(a) < asInt(b), nil
	case floatKind:
		return a.(float64) < b.(float64), nil
	case stringKind:
		return a.(string) < b.(string), nil
	}
	return false, errBadComparisonType
}

func lessEqual(a, b any) (bool, error) {
	lt, err := less(a, b)
	if lt || err != nil {
		return lt, err
	}
	return equal(a, b)
}

// asInt reads an int (a number literal in the template) or an int64 (a
// whole number in the data).
func asInt(v any) int64 {
	if i, ok := v.(int); ok {
		return int64(i)
	}
	return v.(int64)
}
