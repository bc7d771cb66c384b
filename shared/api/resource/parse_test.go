package resource

import (
	"errors"
	"testing"
)

// Talk 002, "declarative manifests": the requests and limits of the nginx
// Deployment ("8Mi", "10m", "64Mi", "100m") and the other spellings users
// write, with the text upstream stores for each.
func TestParseQuantityCanonical(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		want   string // String()
		format Format
		milli  int64 // MilliValue()
	}{
		{"talk memory request", "8Mi", "8Mi", BinarySI, 8 << 20 * 1000},
		{"talk cpu request", "10m", "10m", DecimalSI, 10},
		{"talk memory limit", "64Mi", "64Mi", BinarySI, 64 << 20 * 1000},
		{"talk cpu limit", "100m", "100m", DecimalSI, 100},
		{"zero", "0", "0", DecimalSI, 0},
		{"zero with suffix", "0Mi", "0", BinarySI, 0},
		{"plain integer", "2", "2", DecimalSI, 2000},
		{"fraction becomes milli", "0.1", "100m", DecimalSI, 100},
		{"half", "0.5", "500m", DecimalSI, 500},
		{"milli kept", "1500m", "1500m", DecimalSI, 1500},
		{"thousands regroup", "1000k", "1M", DecimalSI, 1_000_000_000},
		{"thousands without suffix", "2000", "2k", DecimalSI, 2_000_000},
		{"decimal fraction with suffix", "1.5k", "1500", DecimalSI, 1_500_000},
		{"decimal trailing zeros", "1000M", "1G", DecimalSI, 1_000_000_000_000},
		{"binary regroup", "1024Mi", "1Gi", BinarySI, 1 << 30 * 1000},
		{"binary fraction", "1.5Gi", "1536Mi", BinarySI, 1536 << 20 * 1000},
		{"binary half", "0.5Gi", "512Mi", BinarySI, 512 << 20 * 1000},
		{"binary below 1024 prints decimal", "0.5Ki", "512", BinarySI, 512_000},
		{"binary not whole prints decimal", "1.1Ki", "1126400m", BinarySI, 1_126_400},
		{"binary just above one unit prints decimal", ".001Ki", "1024m", BinarySI, 1024},
		{"binary below one unit becomes DecimalSI", ".000001Ki", "1024u", DecimalSI, 2},
		{"binary nano", ".000000001Ki", "1024n", DecimalSI, 1},
		{"binary below nano rounds up", ".000000000001Ki", "2n", DecimalSI, 1},
		{"binary capped at 2^63-1", "9Ei", "9223372036854775807", BinarySI, 9223372036854775807},
		{"exponent kept", "1e3", "1e3", DecimalExponent, 1_000_000},
		{"exponent regrouped to multiple of 3", "1e4", "10e3", DecimalExponent, 10_000_000},
		{"exponent with fraction", "1.5e3", "1500", DecimalExponent, 1_500_000},
		{"negative exponent", "1E-3", "1E-3", DecimalExponent, 1},
		{"exponent with plus sign", "1.3E+6", "1300e3", DecimalExponent, 1_300_000_000},
		{"sub-nano rounds up", "0.0000000001", "1n", DecimalSI, 1},
		{"sub-nano fraction rounds up", "3.001n", "4n", DecimalSI, 1},
		{"rounds away from zero when negative", "-0.5n", "-1n", DecimalSI, -1},
		{"negative", "-1.5", "-1500m", DecimalSI, -1500},
		{"exa", "12E", "12E", DecimalSI, 9223372036854775807},
		{"beyond exa keeps its value", "1000E", "1000E", DecimalSI, 9223372036854775807},
		{"many digits", "123456789012345678901", "123456789012345678901", DecimalSI, 9223372036854775807},
		{"leading point", ".0001k", "100m", DecimalSI, 100},
		// Upstream echoes canonical-looking input unchanged, sign and all.
		{"trailing point is kept", "1.", "1.", DecimalSI, 1000},
		{"trailing point before suffix is kept", "1.G", "1.G", DecimalSI, 1_000_000_000_000},
		{"explicit plus sign is kept", "+1", "+1", DecimalSI, 1000},
		{"leading zero is kept", "01", "01", DecimalSI, 1000},
		{"bare sign is zero", "-", "0", DecimalSI, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q, err := ParseQuantity(tc.in)
			if err != nil {
				t.Fatalf("ParseQuantity(%q): %v", tc.in, err)
			}
			if got := q.String(); got != tc.want {
				t.Errorf("String() = %q, want %q", got, tc.want)
			}
			if q.Format != tc.format {
				t.Errorf("Format = %q, want %q", q.Format, tc.format)
			}
			if got := q.MilliValue(); got != tc.milli {
				t.Errorf("MilliValue() = %d, want %d", got, tc.milli)
			}
			back, err := ParseQuantity(q.String())
			if err != nil || back.Cmp(q) != 0 {
				t.Errorf("reparse of %q = %v, %v; want an equal quantity", q.String(), back, err)
			}
		})
	}
}

func TestParseQuantityErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want error
	}{
		{"empty", "", ErrFormatWrong},
		{"two points", "1.1.M", ErrFormatWrong},
		{"plus inside", "1+1.0M", ErrFormatWrong},
		{"letters", "aoeu", ErrFormatWrong},
		{"leading space", " 1", ErrFormatWrong},
		{"trailing space", "1 ", ErrFormatWrong},
		{"lower-case binary", "0.1mi", ErrSuffix},
		{"unknown letters", "0.1am", ErrFormatWrong},
		{"bare i", "1i", ErrSuffix},
		{"capital K alone", "1K", ErrSuffix},
		{"exponent without digits", "-3.01e-", ErrSuffix},
		{"lone e", "1e", ErrSuffix},
		{"exponent beyond the bound", "1e1001", ErrNumeric},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q, err := ParseQuantity(tc.in)
			if !errors.Is(err, tc.want) {
				t.Fatalf("ParseQuantity(%q) = %v, %v; want error %v", tc.in, q, err, tc.want)
			}
			if !q.IsZero() {
				t.Errorf("failed parse returned %v, want zero", q)
			}
		})
	}
}

// Clients match on the message, so it must be upstream's word for word.
func TestErrFormatWrongMessage(t *testing.T) {
	want := `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`
	if ErrFormatWrong.Error() != want {
		t.Errorf("got %q, want %q", ErrFormatWrong.Error(), want)
	}
}

func TestMustParsePanics(t *testing.T) {
	defer func() {
		r := recover()
		err, ok := r.(error)
		if !ok || err.Error() != "cannot parse 'ten': "+ErrFormatWrong.Error() {
			t.Errorf("panic = %v", r)
		}
	}()
	MustParse("ten")
}

func TestHugeNegativeExponentIsOneNano(t *testing.T) {
	q, err := ParseQuantity("5e-999999999")
	if err != nil || q.String() != "1e-9" {
		t.Errorf("got %v, %v; want 1e-9", q, err)
	}
}
