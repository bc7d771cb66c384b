package validation

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The upstream messages, spelled out once so each row can name the one it
// expects. They are compared word for word: a student who sees one of these
// from kubectl should find the same sentence here.
const (
	subdomainMsg = `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`
	labelMsg     = `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`
	dns1035Msg   = `a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`
	namePartMsg  = `name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`
	valueMsg     = `a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`
)

func TestIsDNS1123Subdomain(t *testing.T) {
	// Talk 000, "Client side validation": a Deployment name is a subdomain.
	tests := []struct {
		name  string
		value string
		want  []string
	}{
		{name: "simple name", value: "nginx"},
		{name: "dotted name", value: "example.com"},
		{name: "digits first", value: "1-app"},
		{name: "upper case", value: "Nginx", want: []string{subdomainMsg}},
		{name: "underscore", value: "my_app", want: []string{subdomainMsg}},
		{name: "trailing dash", value: "app-", want: []string{subdomainMsg}},
		{name: "empty", value: "", want: []string{subdomainMsg}},
		{name: "253 characters", value: strings.Repeat("a", 253)},
		{name: "254 characters", value: strings.Repeat("a", 254), want: []string{"must be no more than 253 characters"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, IsDNS1123Subdomain(tc.value)); diff != "" {
				t.Errorf("IsDNS1123Subdomain(%q) (-want +got):\n%s", tc.value, diff)
			}
		})
	}
}

func TestIsDNS1123Label(t *testing.T) {
	tests := []struct {
		name  string
		value string
		want  []string
	}{
		{name: "namespace name", value: "kube-system"},
		{name: "dots are called out", value: "a.b", want: []string{"must not contain dots"}},
		{name: "upper case", value: "Default", want: []string{labelMsg}},
		{name: "64 characters", value: strings.Repeat("a", 64), want: []string{"must be no more than 63 characters"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, IsDNS1123Label(tc.value)); diff != "" {
				t.Errorf("IsDNS1123Label(%q) (-want +got):\n%s", tc.value, diff)
			}
		})
	}
}

func TestIsDNS1035Label(t *testing.T) {
	tests := []struct {
		name  string
		value string
		want  []string
	}{
		{name: "service name", value: "ghost"},
		{name: "starts with a digit", value: "1ghost", want: []string{dns1035Msg}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, IsDNS1035Label(tc.value)); diff != "" {
				t.Errorf("IsDNS1035Label(%q) (-want +got):\n%s", tc.value, diff)
			}
		})
	}
}

func TestIsQualifiedName(t *testing.T) {
	// Talk 002, "Labels": keys like "app" or "app.kubernetes.io/name".
	tests := []struct {
		name  string
		value string
		want  []string
	}{
		{name: "plain key", value: "app"},
		{name: "prefixed key", value: "app.kubernetes.io/name"},
		{name: "mixed case name", value: "MyName"},
		{name: "empty prefix", value: "/app", want: []string{"prefix part must be non-empty"}},
		{name: "bad prefix", value: "Example.com/app", want: []string{"prefix part " + subdomainMsg}},
		{name: "empty name", value: "example.com/", want: []string{"name part must be non-empty", namePartMsg}},
		{name: "name too long", value: strings.Repeat("a", 64), want: []string{"name part must be no more than 63 characters"}},
		{name: "bad character", value: "app!", want: []string{namePartMsg}},
		{name: "two slashes", value: "a/b/c", want: []string{
			`a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, IsQualifiedName(tc.value)); diff != "" {
				t.Errorf("IsQualifiedName(%q) (-want +got):\n%s", tc.value, diff)
			}
		})
	}
}

func TestIsValidLabelValue(t *testing.T) {
	tests := []struct {
		name  string
		value string
		want  []string
	}{
		{name: "empty is valid", value: ""},
		{name: "version", value: "v1.2_3"},
		{name: "space", value: "nifty app", want: []string{valueMsg}},
		{name: "leading dash", value: "-x", want: []string{valueMsg}},
		{name: "too long", value: strings.Repeat("v", 64), want: []string{"must be no more than 63 characters"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, IsValidLabelValue(tc.value)); diff != "" {
				t.Errorf("IsValidLabelValue(%q) (-want +got):\n%s", tc.value, diff)
			}
		})
	}
}

func TestIsValidPathSegmentName(t *testing.T) {
	tests := []struct {
		name  string
		value string
		want  []string
	}{
		{name: "rbac name with colons", value: "system:controller:job"},
		{name: "dot", value: ".", want: []string{"may not be '.'"}},
		{name: "dot dot", value: "..", want: []string{"may not be '..'"}},
		{name: "slash and percent", value: "a/b%c", want: []string{"may not contain '/'", "may not contain '%'"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, IsValidPathSegmentName(tc.value)); diff != "" {
				t.Errorf("IsValidPathSegmentName(%q) (-want +got):\n%s", tc.value, diff)
			}
		})
	}
}

func TestRegexError(t *testing.T) {
	tests := []struct {
		name     string
		examples []string
		want     string
	}{
		{name: "no examples", want: "msg (regex used for validation is 'x+')"},
		{name: "one example", examples: []string{"xx"}, want: "msg (e.g. 'xx', regex used for validation is 'x+')"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := RegexError("msg", "x+", tc.examples...); got != tc.want {
				t.Errorf("RegexError = %q, want %q", got, tc.want)
			}
		})
	}
}
