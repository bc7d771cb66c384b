// Image: a container's image must be a reference a registry can resolve.
//
// Interface:
//   - ValidateImage(path, image) returns nil or the one error for image.
//
// The API server only requires a non-empty image (and, for a Pod, no
// leading or trailing whitespace); anything else is stored, and the mistake
// surfaces minutes later as a pod stuck in InvalidImageName. Talk 002's
// `image: nginx 1.23.2-alpine` is such a case. The kubelet parses the image
// with the OCI distribution reference grammar
// (github.com/distribution/reference.ParseNormalizedNamed); running the same
// parser here rejects the manifest before anything is sent, and the likely
// fix is suggested when a simple rewrite makes the reference valid.
package schema

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/distribution/reference"

	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// ValidateImage checks one container image at p: it must be set, have no
// surrounding whitespace, and parse as a normalized OCI distribution
// reference ("nginx", "nginx:1.27", "registry.example.com:5000/team/app@sha256:…").
// The error's detail gives the parser's reason and, when one exists, a
// corrected reference.
func ValidateImage(p *field.Path, image string) *field.Error {
	if image == "" {
		return field.Required(p, "")
	}
	if strings.TrimSpace(image) != image {
		return field.Invalid(p, image, "must not have leading or trailing whitespace"+suggest(image))
	}
	_, err := reference.ParseNormalizedNamed(image)
	if err == nil {
		return nil
	}
	detail := err.Error()
	if strings.ContainsFunc(image, unicode.IsSpace) {
		detail += ": an image reference may not contain spaces"
	}
	return field.Invalid(p, image, detail+suggest(image))
}

// suggest returns "; did you mean "X"?" for the first rewrite of image that
// parses, or "".
func suggest(image string) string {
	for _, fix := range rewrites(image) {
		if fix == image {
			continue
		}
		if _, err := reference.ParseNormalizedNamed(fix); err == nil {
			return fmt.Sprintf("; did you mean %q?", fix)
		}
	}
	return ""
}

// rewrites lists candidate corrections, most likely first: surrounding
// space trimmed; a space standing for the tag's ":" ("nginx 1.23.2-alpine");
// all spaces removed; a URL scheme dropped; the repository lowercased (tags
// may keep their case).
func rewrites(image string) []string {
	s := strings.TrimSpace(image)
	out := []string{s}
	if f := strings.Fields(s); len(f) == 2 && !strings.Contains(f[1], ":") {
		out = append(out, f[0]+":"+f[1])
	}
	s = strings.Join(strings.Fields(s), "")
	out = append(out, s)
	for _, scheme := range []string{"https://", "http://"} {
		s = strings.TrimPrefix(s, scheme)
	}
	out = append(out, s)
	repo, rest := splitRepository(s)
	return append(out, strings.ToLower(repo)+rest)
}

// splitRepository cuts a reference into its repository and the ":tag" or
// "@digest" that follows; a ":" before the last "/" is a registry port.
func splitRepository(s string) (repo, rest string) {
	if i := strings.IndexByte(s, '@'); i >= 0 {
		s, rest = s[:i], s[i:]
	}
	if i := strings.LastIndexByte(s, ':'); i > strings.LastIndexByte(s, '/') {
		return s[:i], s[i:] + rest
	}
	return s, rest
}
