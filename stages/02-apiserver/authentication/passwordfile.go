// BasicAuth: user name and password from a CSV file
// (--basic-auth-file), sent as "Authorization: Basic base64(user:pass)",
// the "Username / Password" of talk 000's "Server side authentication".
//
// Legacy: upstream deprecated the password file in Kubernetes 1.16 and
// removed it in 1.19, because passwords in a plain file on the control
// plane cannot be rotated without a restart and are sent with every
// request. It is here because the talk shows it; use client
// certificates or tokens instead.
//
// Interface:
//   - NewBasicAuth(path) / ParseBasicAuth(r, name): load the file.
//   - (*BasicAuth).AuthenticateRequest: an Authenticator.
//   - ErrInvalidBasicAuth: a wrong user name or password.
//
// The format is upstream's, one user per line:
//
//	password,user,uid,"group1,group2"
package authentication

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"k8s.io/klog/v2"
)

// ErrInvalidBasicAuth is the reason given for basic credentials that do
// not match the file, upstream's wording. It does not say whether the
// user or the password was wrong.
var ErrInvalidBasicAuth = errors.New("invalid username/password combination")

// BasicAuth holds the users of a password file, keyed by user name. It is
// read-only after loading and safe for concurrent use.
type BasicAuth struct {
	users map[string]passwordEntry
}

type passwordEntry struct {
	password []byte
	user     user.Info
}

var _ Authenticator = (*BasicAuth)(nil)

// NewBasicAuth reads the password file at path.
func NewBasicAuth(path string) (*BasicAuth, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load password file: %w", err)
	}
	defer f.Close()
	return ParseBasicAuth(f, path)
}

// ParseBasicAuth reads password lines from r; name is what errors call
// the file. A user named twice keeps the later line (with a warning).
func ParseBasicAuth(r io.Reader, name string) (*BasicAuth, error) {
	records, err := readCSV(r, name, "password file", "password")
	if err != nil {
		return nil, err
	}
	ba := &BasicAuth{users: map[string]passwordEntry{}}
	for _, rec := range records {
		u := rec.user()
		if _, dup := ba.users[u.Name]; dup {
			klog.Warningf("password file %q line %d: duplicate user %q, the later line wins", name, rec.line, u.Name)
		}
		ba.users[u.Name] = passwordEntry{password: []byte(rec.fields[0]), user: u}
	}
	return ba, nil
}

// AuthenticateRequest has no opinion on a request without basic
// credentials and fails, with ErrInvalidBasicAuth, an unknown user or a
// wrong password. The password is compared in constant time. On success
// the Authorization header is deleted from r.
func (ba *BasicAuth) AuthenticateRequest(r *http.Request) (*Response, bool, error) {
	name, password, ok := r.BasicAuth()
	if !ok {
		return nil, false, nil
	}
	entry, known := ba.users[name]
	if !known || subtle.ConstantTimeCompare(entry.password, []byte(password)) != 1 {
		return nil, false, ErrInvalidBasicAuth
	}
	r.Header.Del("Authorization")
	return &Response{User: cloneUser(entry.user), Authenticator: NameBasicAuth}, true, nil
}
