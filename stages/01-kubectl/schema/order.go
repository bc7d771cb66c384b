// Order: every error list this package returns is sorted and free of
// repeats, so the same manifest always prints the same lines.
//
// Interface:
//   - sortErrors(list) orders by field path (list indexes by number, so
//     containers[2] comes before containers[10]), then by message, and drops
//     exact duplicates (the schema and the pod checks may both find that
//     containers are missing).
package schema

import (
	"slices"
	"strings"

	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// sortErrors sorts list in place, removes duplicate messages and returns it.
func sortErrors(list field.ErrorList) field.ErrorList {
	slices.SortStableFunc(list, func(a, b *field.Error) int {
		if c := comparePaths(a.Field, b.Field); c != 0 {
			return c
		}
		return strings.Compare(a.Error(), b.Error())
	})
	return slices.CompactFunc(list, func(a, b *field.Error) bool {
		return a.Error() == b.Error()
	})
}

// comparePaths compares two field paths as text, except that runs of
// digits compare by their value.
func comparePaths(a, b string) int {
	for a != "" && b != "" {
		da, db := leadingDigits(a), leadingDigits(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if c := len(na) - len(nb); c != 0 {
				return c
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return int(a[0]) - int(b[0])
		}
		a, b = a[1:], b[1:]
	}
	return len(a) - len(b)
}

// leadingDigits returns how many ASCII digits s starts with.
func leadingDigits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}
