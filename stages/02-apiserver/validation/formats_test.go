package validation

import (
	"testing"

	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

func TestFormats(t *testing.T) {
	tests := []struct {
		name string
		got  []string
		want []string
	}{
		{name: "config key", got: isConfigMapKey("app.properties")},
		{name: "config key '.'", got: isConfigMapKey("."), want: []string{"must not be '.'"}},
		{name: "config key starting with '..'", got: isConfigMapKey("..data"), want: []string{"must not start with '..'"}},
		{name: "env name with a space", got: isRelaxedEnvVarName("MY VAR")},
		{name: "env name with a non-ASCII letter", got: isRelaxedEnvVarName("ÉTÉ"),
			want: []string{"a valid environment variable name must consist only of printable ASCII characters other than '='"}},
		{name: "empty env name", got: isRelaxedEnvVarName(""), want: []string{"environment variable name must be non-empty"}},
		{name: "percent", got: isValidPercent("25%")},
		{name: "fraction percent", got: isValidPercent("2.5%"),
			want: []string{"a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"}},
		{name: "group id", got: isValidID(65534)},
		{name: "negative group id", got: isValidID(-1), want: []string{"must be between 0 and 2147483647, inclusive"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkStrings(t, tc.got, tc.want)
		})
	}
}

func TestFullyQualifiedDomainName(t *testing.T) {
	p := field.NewPath("endpoints").Index(0)
	checkErrors(t, isFullyQualifiedDomainName(p, "db.example.com."))
	checkErrors(t, isFullyQualifiedDomainName(p, "db"),
		`endpoints[0]: Invalid value: "db": should be a domain with at least two segments separated by dots`)
	checkErrors(t, isFullyQualifiedDomainName(p, ""), "endpoints[0]: Required value")
}
