// Continue tokens: where the next page of a list starts.
//
// Interface:
//   - encodeContinue(key, prefix, rv) makes the token a list page returns
//     in metadata.continue.
//   - decodeContinue(token, prefix) gives back the key to resume from and
//     the revision to read at.
//
// The token is base64url (no padding) of the JSON
// {"v":"meta.k8s.io/v1","rv":12,"start":"default/web\u0000"}: the format
// upstream's apiserver uses, so a token from one API server works on
// another sharing the etcd cluster. "start" is relative to the listed
// prefix and is the last returned key plus a NUL byte, the smallest key
// after it. rv is the revision of the first page, which every later page
// reads at, so the pages together are one consistent snapshot; rv -1 means
// "at the newest revision" (the inconsistent continuation offered after
// that snapshot was compacted).
package storage

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"path"
	"strings"
)

// continueVersion is the only token version; upstream's, too.
const continueVersion = "meta.k8s.io/v1"

// continueToken is the decoded continue parameter.
type continueToken struct {
	APIVersion      string `json:"v"`
	ResourceVersion int64  `json:"rv"`
	StartKey        string `json:"start"`
}

// encodeContinue returns the token that resumes a list of prefix at key,
// reading at revision rv.
func encodeContinue(key, prefix string, rv int64) (string, error) {
	start, ok := strings.CutPrefix(key, prefix)
	if !ok {
		return "", fmt.Errorf("encode continue token: key %q is not under %q", key, prefix)
	}
	data, err := json.Marshal(continueToken{APIVersion: continueVersion, ResourceVersion: rv, StartKey: start})
	if err != nil {
		return "", fmt.Errorf("encode continue token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(data), nil
}

// decodeContinue returns the absolute key and the revision a token
// resumes at. A token that does not decode, names another version, has no
// revision or start key, or whose start key would climb out of prefix
// ("../secrets") is an ErrBadRequest; the messages are upstream's.
func decodeContinue(token, prefix string) (key string, rv int64, err error) {
	bad := func(detail string) error {
		return &Error{Err: ErrBadRequest, Key: prefix, Detail: "invalid continue token: continue key is not valid" + detail}
	}
	data, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		return "", 0, bad(": " + err.Error())
	}
	var c continueToken
	if err := json.Unmarshal(data, &c); err != nil {
		return "", 0, bad(": " + err.Error())
	}
	switch {
	case c.APIVersion != continueVersion:
		return "", 0, bad(": server does not recognize this encoded version " + c.APIVersion)
	case c.ResourceVersion == 0:
		return "", 0, bad(": incorrect encoded start resourceVersion (version meta.k8s.io/v1)")
	case c.StartKey == "":
		return "", 0, bad(": encoded start key empty (version meta.k8s.io/v1)")
	}
	// Clean the key as if it were absolute: a start key that path.Clean
	// changes could point above prefix.
	start := c.StartKey
	if !strings.HasPrefix(start, "/") {
		start = "/" + start
	}
	if path.Clean(start) != start {
		return "", 0, bad(": " + c.StartKey)
	}
	return prefix + start[1:], c.ResourceVersion, nil
}
