// TokenFile: static bearer tokens from a CSV file (--token-auth-file), the
// simplest "Bearer Tokens" of talk 000's "Server side authentication".
// Tokens live as long as the file and the server process; there is no way
// to revoke one but to edit the file and restart.
//
// Interface:
//   - NewTokenFile(path) / ParseTokenFile(r, name): load the file.
//   - (*TokenFile).AuthenticateToken: a TokenAuthenticator.
//
// The format is upstream's, one token per line:
//
//	token,user,uid,"group1,group2"
//
// The groups column is optional. Lines with fewer than three columns are
// an error naming the line; a line with an empty token is skipped.
package authentication

import (
	"context"
	"crypto/subtle"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"k8s.io/klog/v2"
)

// TokenFile is a set of static tokens, read once. It is read-only after
// loading and safe for concurrent use.
type TokenFile struct {
	entries []tokenEntry
}

type tokenEntry struct {
	token []byte
	user  user.Info
}

var _ TokenAuthenticator = (*TokenFile)(nil)

// NewTokenFile reads the token file at path.
func NewTokenFile(path string) (*TokenFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load token file: %w", err)
	}
	defer f.Close()
	return ParseTokenFile(f, path)
}

// ParseTokenFile reads token lines from r; name is what errors call the
// file. A later line with the same token replaces an earlier one (with a
// warning in the log), as upstream.
func ParseTokenFile(r io.Reader, name string) (*TokenFile, error) {
	records, err := readCSV(r, name, "token file", "token")
	if err != nil {
		return nil, err
	}
	tf := &TokenFile{}
	seen := map[string]int{}
	for _, rec := range records {
		if rec.fields[0] == "" {
			klog.Warningf("token file %q line %d: empty token, skipped", name, rec.line)
			continue
		}
		e := tokenEntry{token: []byte(rec.fields[0]), user: rec.user()}
		if i, dup := seen[rec.fields[0]]; dup {
			klog.Warningf("token file %q line %d: duplicate token, the later line wins", name, rec.line)
			tf.entries[i] = e
			continue
		}
		seen[rec.fields[0]] = len(tf.entries)
		tf.entries = append(tf.entries, e)
	}
	return tf, nil
}

// AuthenticateToken returns the user of token, or no opinion for a token
// not in the file. Every entry is compared, in constant time, whether or
// not an earlier one matched: how long the answer takes must not tell a
// caller how much of a guessed token was right.
func (tf *TokenFile) AuthenticateToken(_ context.Context, token string) (*Response, bool, error) {
	var found *tokenEntry
	for i := range tf.entries {
		if subtle.ConstantTimeCompare(tf.entries[i].token, []byte(token)) == 1 {
			found = &tf.entries[i]
		}
	}
	if found == nil {
		return nil, false, nil
	}
	return &Response{User: cloneUser(found.user), Authenticator: NameTokenFile}, true, nil
}

// csvRecord is one line of a token or password file.
type csvRecord struct {
	line   int
	fields []string
}

// user reads columns 2-4: user name, uid, and the comma-separated groups.
func (r csvRecord) user() user.Info {
	u := user.Info{Name: r.fields[1], UID: r.fields[2]}
	if len(r.fields) >= 4 && r.fields[3] != "" {
		u.Groups = strings.Split(r.fields[3], ",")
	}
	return u
}

// readCSV reads the lines of a token or password file (what: "token
// file"), each with at least three columns (secret, user name, uid). An
// error names the file and the line.
func readCSV(r io.Reader, name, what, secret string) ([]csvRecord, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // the groups column is optional
	var records []csvRecord
	for {
		fields, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return records, nil
		}
		if err != nil {
			return nil, fmt.Errorf("load %s %q: %w", what, name, err)
		}
		line, _ := cr.FieldPos(0)
		if len(fields) < 3 {
			return nil, fmt.Errorf("load %s %q: line %d must have at least 3 columns (%s, user name, user uid), found %d",
				what, name, line, secret, len(fields))
		}
		records = append(records, csvRecord{line: line, fields: fields})
	}
}

// cloneUser copies u's slices, so a caller that appends to the groups
// (the union adds system:authenticated) cannot change the stored user.
func cloneUser(u user.Info) user.Info {
	u.Groups = append([]string(nil), u.Groups...)
	if u.Extra != nil {
		extra := make(map[string][]string, len(u.Extra))
		for k, v := range u.Extra {
			extra[k] = append([]string(nil), v...)
		}
		u.Extra = extra
	}
	return u
}
