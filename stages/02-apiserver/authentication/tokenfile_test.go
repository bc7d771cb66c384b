package authentication

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const tokenCSV = `31ada4fd-adec-460c-809a-9e56ceb75269,jane,1001,"dev,ops"
8f1c3b2e,builder,1002
,nobody,1003
31ada4fd-adec-460c-809a-9e56ceb75269,jane,1001,"dev,ops,admins"
`

// Talk 000, "Server side authentication", bearer tokens: a token in the
// file names its user, uid and groups; any other token gets no opinion
// (the bearer wrapper turns that into "invalid bearer token").
func TestTokenFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tokens.csv")
	if err := os.WriteFile(path, []byte(tokenCSV), 0o600); err != nil {
		t.Fatal(err)
	}
	tf, err := NewTokenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		token      string
		wantOK     bool
		wantUser   string
		wantUID    string
		wantGroups []string
	}{
		{"token with groups, later duplicate wins", "31ada4fd-adec-460c-809a-9e56ceb75269", true, "jane", "1001", []string{"dev", "ops", "admins"}},
		{"token without groups", "8f1c3b2e", true, "builder", "1002", nil},
		{"unknown token", "8f1c3b2f", false, "", "", nil},
		{"prefix of a token", "8f1c3b", false, "", "", nil},
		{"empty token of a skipped line", "", false, "", "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, ok, err := tf.AuthenticateToken(context.Background(), tc.token)
			if err != nil || ok != tc.wantOK {
				t.Fatalf("AuthenticateToken = %v, %v; want %v, nil", ok, err, tc.wantOK)
			}
			if !ok {
				return
			}
			u := resp.User
			if u.Name != tc.wantUser || u.UID != tc.wantUID || !slices.Equal(u.Groups, tc.wantGroups) || resp.Authenticator != NameTokenFile {
				t.Errorf("got %+v from %q; want %s/%s %v", u, resp.Authenticator, tc.wantUser, tc.wantUID, tc.wantGroups)
			}
		})
	}
	// The stored user is not shared with callers that append to groups.
	resp, _, _ := tf.AuthenticateToken(context.Background(), "31ada4fd-adec-460c-809a-9e56ceb75269")
	resp.User.Groups[0] = "changed"
	again, _, _ := tf.AuthenticateToken(context.Background(), "31ada4fd-adec-460c-809a-9e56ceb75269")
	if again.User.Groups[0] != "dev" {
		t.Error("a caller's change to the groups reached the token file")
	}
}

// A malformed file is refused at load time with the line to fix.
func TestTokenFileErrors(t *testing.T) {
	tests := []struct {
		name    string
		csv     string
		wantErr string
	}{
		{"two columns", "tok1,jane,1001\ntok2,bob\n", `load token file "tokens.csv": line 2 must have at least 3 columns (token, user name, user uid), found 2`},
		{"bare quote", "tok1,jane,1001\ntok2,b\"ob,1002\n", `load token file "tokens.csv": parse error on line 2`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseTokenFile(strings.NewReader(tc.csv), "tokens.csv")
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("ParseTokenFile error = %v, want %q", err, tc.wantErr)
			}
		})
	}
	if _, err := NewTokenFile(filepath.Join(t.TempDir(), "missing.csv")); err == nil || !strings.HasPrefix(err.Error(), "load token file: open ") {
		t.Errorf("missing file: error = %v", err)
	}
}
