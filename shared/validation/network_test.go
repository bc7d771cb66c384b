package validation

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

func TestIsValidPortNum(t *testing.T) {
	tests := []struct {
		name string
		port int
		want []string
	}{
		{name: "http", port: 80},
		{name: "highest", port: 65535},
		{name: "zero", port: 0, want: []string{"must be between 1 and 65535, inclusive"}},
		{name: "too high", port: 65536, want: []string{"must be between 1 and 65535, inclusive"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, IsValidPortNum(tc.port)); diff != "" {
				t.Errorf("IsValidPortNum(%d) (-want +got):\n%s", tc.port, diff)
			}
		})
	}
}

func TestIsValidPortName(t *testing.T) {
	tests := []struct {
		name string
		port string
		want []string
	}{
		{name: "http", port: "http"},
		{name: "with digits", port: "h2c-8080"},
		{name: "only digits", port: "8080", want: []string{"must contain at least one letter (a-z)"}},
		{name: "upper case", port: "HTTP", want: []string{
			"must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
			"must contain at least one letter (a-z)",
		}},
		{name: "double hyphen", port: "a--b", want: []string{"must not contain consecutive hyphens"}},
		{name: "leading hyphen", port: "-web", want: []string{"must not begin or end with a hyphen"}},
		{name: "sixteen characters", port: "abcdefghijklmnop", want: []string{"must be no more than 15 characters"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, IsValidPortName(tc.port)); diff != "" {
				t.Errorf("IsValidPortName(%q) (-want +got):\n%s", tc.port, diff)
			}
		})
	}
}

func TestIsValidIP(t *testing.T) {
	const ipMsg = "spec.clusterIP: Invalid value: %q: must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"
	tests := []struct {
		name    string
		value   string
		wantErr bool
	}{
		{name: "ipv4", value: "10.96.0.1"},
		{name: "ipv6", value: "2001:db8::1"},
		{name: "leading zeros read as decimal", value: "010.001.0.1"},
		{name: "octet too large", value: "10.0.0.256", wantErr: true},
		{name: "hostname", value: "localhost", wantErr: true},
		{name: "empty", value: "", wantErr: true},
	}
	p := field.NewPath("spec", "clusterIP")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			errs := IsValidIP(p, tc.value)
			if (len(errs) > 0) != tc.wantErr {
				t.Fatalf("IsValidIP(%q) = %v, want error %v", tc.value, errs, tc.wantErr)
			}
			if tc.wantErr && errs[0].Error() != fmtQ(ipMsg, tc.value) {
				t.Errorf("message = %q", errs[0].Error())
			}
		})
	}
}

func TestIsValidIPFamily(t *testing.T) {
	p := field.NewPath("ip")
	tests := []struct {
		name           string
		value          string
		wantV4, wantV6 bool
	}{
		{name: "ipv4", value: "192.168.1.1", wantV4: true},
		{name: "ipv6", value: "fd00::10", wantV6: true},
		{name: "garbage", value: "x"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := len(IsValidIPv4Address(p, tc.value)) == 0; got != tc.wantV4 {
				t.Errorf("IsValidIPv4Address(%q) valid = %v", tc.value, got)
			}
			if got := len(IsValidIPv6Address(p, tc.value)) == 0; got != tc.wantV6 {
				t.Errorf("IsValidIPv6Address(%q) valid = %v", tc.value, got)
			}
		})
	}
}

func TestIsValidCIDR(t *testing.T) {
	tests := []struct {
		name    string
		value   string
		wantErr bool
	}{
		{name: "service range", value: "10.96.0.0/12"},
		{name: "ipv6", value: "2001:db8::/64"},
		{name: "host bits set", value: "10.1.2.3/8"},
		{name: "leading zero", value: "010.0.0.0/8"},
		{name: "no prefix length", value: "10.0.0.0", wantErr: true},
		{name: "prefix too long", value: "10.0.0.0/33", wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			errs := IsValidCIDR(field.NewPath("podCIDR"), tc.value)
			if (len(errs) > 0) != tc.wantErr {
				t.Fatalf("IsValidCIDR(%q) = %v, want error %v", tc.value, errs, tc.wantErr)
			}
			if tc.wantErr && errs[0].Detail != "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)" {
				t.Errorf("detail = %q", errs[0].Detail)
			}
		})
	}
}
