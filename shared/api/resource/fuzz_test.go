package resource

import (
	"strings"
	"testing"
)

// FuzzParseQuantity checks that whatever ParseQuantity accepts prints as
// text that parses back to the same amount, and that printing is stable.
func FuzzParseQuantity(f *testing.F) {
	for _, seed := range []string{
		"0", "100m", "0.1", "1.5Gi", "1024Mi", "1000k", "1e3", "1E-3", "-1.5", "+1", "01",
		".000000000001Ki", "9Ei", "1000E", "12e6", "1.3E+6", "1.", ".", "-", "3.001n", "123456789012345678901",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuantity(s)
		if err != nil {
			return
		}
		// Upstream accepts exponents of any size; keep the fuzzer from
		// spending its time building 1000-digit numbers.
		if strings.ContainsAny(s, "eE") && len(q.value().String()) > 200 {
			return
		}
		text := q.String()
		back, err := ParseQuantity(text)
		if err != nil {
			t.Fatalf("ParseQuantity(%q).String() = %q does not parse: %v", s, text, err)
		}
		if back.Cmp(q) != 0 {
			t.Fatalf("ParseQuantity(%q) = %q, which parses as %q: a different amount", s, text, back.String())
		}
		if again := back.String(); again != text && back.s == "" {
			t.Fatalf("printing is not stable: %q -> %q -> %q", s, text, again)
		}
		data, err := q.MarshalJSON()
		if err != nil {
			t.Fatalf("MarshalJSON: %v", err)
		}
		var fromJSON Quantity
		if err := fromJSON.UnmarshalJSON(data); err != nil || fromJSON.Cmp(q) != 0 {
			t.Fatalf("JSON round trip of %q via %s = %v, %v", s, data, fromJSON, err)
		}
	})
}
