// Value formats the server checks that shared/validation does not cover.
//
// Interface:
//   - isConfigMapKey: a ConfigMap or Secret key ("app.properties").
//   - isRelaxedEnvVarName: an environment variable name.
//   - isHTTPHeaderName, isValidPercent, isValidID: probe headers,
//     rolling-update percentages, user and group ids.
//   - isFullyQualifiedDomainName: an FQDN EndpointSlice address.
//
// Like shared/validation's Is... functions, each returns nil or one
// message per broken rule, in apimachinery's words; the callers add the
// field path.

package validation

import (
	"math"
	"regexp"
	"strings"
	"unicode"

	sharedvalidation "github.com/kubeworkbook/kubeworkbook/shared/validation"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

const (
	configMapKeyFmt    = `[-._a-zA-Z0-9]+`
	configMapKeyErrMsg = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'"

	relaxedEnvVarNameErrMsg = "a valid environment variable name must consist only of printable ASCII characters other than '='"

	httpHeaderNameFmt    = "[-A-Za-z0-9]+"
	httpHeaderNameErrMsg = "a valid HTTP header must consist of alphanumeric characters or '-'"

	percentFmt    = "[0-9]+%"
	percentErrMsg = "a valid percent string must be a numeric string followed by an ending '%'"
)

var (
	configMapKeyRegexp   = regexp.MustCompile("^" + configMapKeyFmt + "$")
	httpHeaderNameRegexp = regexp.MustCompile("^" + httpHeaderNameFmt + "$")
	percentRegexp        = regexp.MustCompile("^" + percentFmt + "$")
)

// isConfigMapKey checks a key of ConfigMap or Secret data: it becomes a
// file name in a volume, so it is limited to a portable character set and
// may not be "." or "..", nor start with "..".
func isConfigMapKey(value string) []string {
	var errs []string
	if len(value) > sharedvalidation.DNS1123SubdomainMaxLength {
		errs = append(errs, sharedvalidation.MaxLenError(sharedvalidation.DNS1123SubdomainMaxLength))
	}
	if !configMapKeyRegexp.MatchString(value) {
		errs = append(errs, sharedvalidation.RegexError(configMapKeyErrMsg, configMapKeyFmt, "key.name", "KEY_NAME", "key-name"))
	}
	return append(errs, hasChDirPrefix(value)...)
}

// hasChDirPrefix rejects the names that would climb out of a directory.
func hasChDirPrefix(value string) []string {
	switch {
	case value == ".":
		return []string{"must not be '.'"}
	case value == "..":
		return []string{"must not be '..'"}
	case strings.HasPrefix(value, ".."):
		return []string{"must not start with '..'"}
	}
	return nil
}

// isRelaxedEnvVarName checks an environment variable name (or envFrom
// prefix): non-empty, printable ASCII, no '='.
func isRelaxedEnvVarName(value string) []string {
	var errs []string
	if value == "" {
		errs = append(errs, "environment variable name "+sharedvalidation.EmptyError())
	}
	for _, r := range value {
		if r > unicode.MaxASCII || !unicode.IsPrint(r) || r == '=' {
			errs = append(errs, relaxedEnvVarNameErrMsg)
			break
		}
	}
	return errs
}

// isHTTPHeaderName checks the name of a header an HTTP probe sends.
func isHTTPHeaderName(value string) []string {
	if !httpHeaderNameRegexp.MatchString(value) {
		return []string{sharedvalidation.RegexError(httpHeaderNameErrMsg, httpHeaderNameFmt, "X-Header-Name")}
	}
	return nil
}

// isValidPercent checks a percentage such as "25%".
func isValidPercent(value string) []string {
	if !percentRegexp.MatchString(value) {
		return []string{sharedvalidation.RegexError(percentErrMsg, percentFmt, "1%", "93%")}
	}
	return nil
}

// isValidID checks a user or group id: 0 to 2^31-1.
func isValidID(id int64) []string {
	if id < 0 || id > math.MaxInt32 {
		return []string{sharedvalidation.InclusiveRangeError(0, math.MaxInt32)}
	}
	return nil
}

// isFullyQualifiedDomainName checks a DNS name of at least two labels,
// with an optional trailing dot.
func isFullyQualifiedDomainName(path *field.Path, name string) field.ErrorList {
	if name == "" {
		return field.ErrorList{field.Required(path, "")}
	}
	name = strings.TrimSuffix(name, ".")
	if msgs := sharedvalidation.IsDNS1123Subdomain(name); len(msgs) > 0 {
		return field.ErrorList{field.Invalid(path, name, strings.Join(msgs, ","))}
	}
	labels := strings.Split(name, ".")
	if len(labels) < 2 {
		return field.ErrorList{field.Invalid(path, name, "should be a domain with at least two segments separated by dots")}
	}
	for _, label := range labels {
		if msgs := sharedvalidation.IsDNS1123Label(label); len(msgs) > 0 {
			return field.ErrorList{field.Invalid(path, label, strings.Join(msgs, ","))}
		}
	}
	return nil
}
