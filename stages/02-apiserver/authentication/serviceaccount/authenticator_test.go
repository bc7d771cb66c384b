package serviceaccount

import (
	"context"
	"crypto"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	authenticationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authentication/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication"
)

// Talk 000, "Server side authentication", bearer tokens: a service-account
// token is accepted only while it is well signed, meant for this server,
// within its lifetime, and its service account and bound objects still
// exist as they were when it was issued.
func TestAuthenticateToken(t *testing.T) {
	podBound := Bound{Pod: &Ref{Name: "builder-7d4b9", UID: "pod-uid-1"}, Node: &Ref{Name: "worker-1", UID: "node-uid-1"}}
	tests := []struct {
		name string
		// How the token is made: by issuer (nil: the fixture's), for spec, bound.
		issuer func(f *fixture) *Issuer
		spec   authenticationv1.TokenRequestSpec
		bound  Bound
		// What happens before it is presented, and how.
		after     time.Duration
		change    func(o *objects)
		audiences []string // in the context; nil: none
		token     string   // instead of the issued one
		// Expected outcome.
		wantOK   bool
		wantErr  string // substring; "" for none
		wantIs   error
		wantAuds []string
	}{
		{name: "good token", wantOK: true, wantAuds: []string{testIssuer}},
		{name: "good near its end", after: time.Hour - time.Second, wantOK: true, wantAuds: []string{testIssuer}},
		{name: "expired a moment ago: within the leeway", after: time.Hour + 30*time.Second, wantOK: true, wantAuds: []string{testIssuer}},
		{name: "expired", after: time.Hour + 2*time.Minute, wantIs: ErrExpired, wantErr: "service account token has expired"},
		{name: "not valid yet", after: -2 * time.Minute, wantIs: ErrNotValidYet},
		{name: "wrong signature (another key, same issuer)", issuer: func(f *fixture) *Issuer {
			i, err := NewIssuer(IssuerConfig{Key: otherKey(t), Issuer: testIssuer, Now: func() time.Time { return t0 }})
			if err != nil {
				t.Fatal(err)
			}
			return i
		}, wantErr: "verify service account token: token signature is invalid"},
		{name: "wrong audience", spec: authenticationv1.TokenRequestSpec{Audiences: []string{"vault"}},
			wantErr: `token audiences ["vault"] is invalid for the target audiences ["` + testIssuer + `"]`},
		{name: "audience asked for by the context", spec: authenticationv1.TokenRequestSpec{Audiences: []string{"vault", "other"}},
			audiences: []string{"vault"}, wantOK: true, wantAuds: []string{"vault"}},
		{name: "wrong issuer: not ours", issuer: func(f *fixture) *Issuer {
			i, err := NewIssuer(IssuerConfig{Key: f.key, Issuer: "https://oidc.example", APIAudiences: []string{testIssuer}, Now: func() time.Time { return t0 }})
			if err != nil {
				t.Fatal(err)
			}
			return i
		}},
		{name: "not a JWT: not ours", token: "31ada4fd-adec-460c-809a-9e56ceb75269"},
		{name: "service account deleted", change: func(o *objects) { delete(o.serviceAccounts, "default/builder") },
			wantErr: `serviceaccounts "builder" not found`},
		{name: "service account being deleted", change: func(o *objects) {
			o.serviceAccounts["default/builder"].DeletionTimestamp = &metav1.Time{Time: t0.Add(-2 * time.Minute)}
		}, wantErr: "service account default/builder has been deleted"},
		{name: "service account recreated (uid mismatch)", change: func(o *objects) { o.serviceAccounts["default/builder"].UID = "sa-uid-new" },
			wantErr: "service account UID (sa-uid-new) does not match claim (sa-uid-1)"},
		{name: "pod-bound token", bound: podBound, wantOK: true, wantAuds: []string{testIssuer}},
		{name: "bound pod deleted", bound: podBound, change: func(o *objects) { delete(o.pods, "default/builder-7d4b9") }, wantIs: ErrInvalidated},
		{name: "bound pod being deleted", bound: podBound, change: func(o *objects) {
			o.pods["default/builder-7d4b9"].DeletionTimestamp = &metav1.Time{Time: t0.Add(-2 * time.Minute)}
		}, wantIs: ErrInvalidated},
		{name: "bound pod recreated", bound: podBound, change: func(o *objects) { o.pods["default/builder-7d4b9"].UID = "pod-uid-new" },
			wantErr: "pod UID (pod-uid-new) does not match service account pod ref claim (pod-uid-1)"},
		{name: "pod's node gone: the pod still holds", bound: podBound, change: func(o *objects) { delete(o.nodes, "worker-1") },
			wantOK: true, wantAuds: []string{testIssuer}},
		{name: "bound secret deleted", bound: Bound{Secret: &Ref{Name: "builder-token", UID: "secret-uid-1"}},
			change: func(o *objects) { delete(o.secrets, "default/builder-token") }, wantIs: ErrInvalidated},
		{name: "bound secret recreated", bound: Bound{Secret: &Ref{Name: "builder-token", UID: "secret-uid-1"}},
			change:  func(o *objects) { o.secrets["default/builder-token"].UID = "secret-uid-new" },
			wantErr: "secret UID (secret-uid-new) does not match service account secret ref claim (secret-uid-1)"},
		{name: "bound node recreated", bound: Bound{Node: &Ref{Name: "worker-1", UID: "node-uid-1"}},
			change:  func(o *objects) { o.nodes["worker-1"].UID = "node-uid-new" },
			wantErr: "node UID (node-uid-new) does not match service account node ref claim (node-uid-1)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			issuer := f.issuer
			if tc.issuer != nil {
				issuer = tc.issuer(f)
			}
			token := tc.token
			if token == "" {
				var err error
				token, _, err = issuer.IssueToken(f.objects.serviceAccounts["default/builder"], tc.spec, tc.bound)
				if err != nil {
					t.Fatal(err)
				}
			}
			f.now = t0.Add(tc.after)
			if tc.change != nil {
				tc.change(f.objects)
			}
			ctx := context.Background()
			if tc.audiences != nil {
				ctx = authentication.WithAudiences(ctx, tc.audiences)
			}
			resp, ok, err := f.verifier.AuthenticateToken(ctx, token)
			if ok != tc.wantOK {
				t.Fatalf("ok = %v (err %v), want %v", ok, err, tc.wantOK)
			}
			switch {
			case tc.wantErr == "" && tc.wantIs == nil && err != nil:
				t.Errorf("error = %v, want none", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Errorf("error = %v, want %q", err, tc.wantErr)
			case tc.wantIs != nil && !errors.Is(err, tc.wantIs):
				t.Errorf("error = %v, want %v", err, tc.wantIs)
			}
			if ok && !slices.Equal(resp.Audiences, tc.wantAuds) {
				t.Errorf("audiences = %v, want %v", resp.Audiences, tc.wantAuds)
			}
		})
	}
}

// A verified token is the user upstream makes of it.
func TestAuthenticateTokenUser(t *testing.T) {
	f := newFixture(t)
	bound := Bound{Pod: &Ref{Name: "builder-7d4b9", UID: "pod-uid-1"}, Node: &Ref{Name: "worker-1", UID: "node-uid-1"}}
	token, _, err := f.issuer.IssueToken(f.objects.serviceAccounts["default/builder"], authenticationv1.TokenRequestSpec{}, bound)
	if err != nil {
		t.Fatal(err)
	}
	resp, ok, err := f.verifier.AuthenticateToken(context.Background(), token)
	if !ok || err != nil {
		t.Fatalf("AuthenticateToken = %v, %v", ok, err)
	}
	_, payload := decode(t, token)
	u := resp.User
	if u.Name != "system:serviceaccount:default:builder" || u.UID != "sa-uid-1" || resp.Authenticator != authentication.NameServiceAccount {
		t.Errorf("user = %+v by %q", u, resp.Authenticator)
	}
	if want := []string{"system:serviceaccounts", "system:serviceaccounts:default"}; !slices.Equal(u.Groups, want) {
		t.Errorf("groups = %v, want %v", u.Groups, want)
	}
	want := map[string][]string{
		"authentication.kubernetes.io/pod-name":      {"builder-7d4b9"},
		"authentication.kubernetes.io/pod-uid":       {"pod-uid-1"},
		"authentication.kubernetes.io/node-name":     {"worker-1"},
		"authentication.kubernetes.io/node-uid":      {"node-uid-1"},
		"authentication.kubernetes.io/credential-id": {"JTI=" + payload["jti"].(string)},
	}
	if diff := cmp.Diff(want, u.Extra); diff != "" {
		t.Errorf("extra (-want +got):\n%s", diff)
	}
}

// A verifier trusting an old and a new key accepts tokens of both, found
// by key id.
func TestAuthenticateTokenKeyRotation(t *testing.T) {
	f := newFixture(t)
	old := otherKey(t)
	oldIssuer, err := NewIssuer(IssuerConfig{Key: old, Issuer: testIssuer, Now: func() time.Time { return t0 }})
	if err != nil {
		t.Fatal(err)
	}
	both, err := NewAuthenticator(AuthenticatorConfig{
		Issuers: []string{testIssuer}, Keys: []crypto.PublicKey{f.key.Public(), old.Public()}, Getter: f.objects,
		Now: func() time.Time { return t0 },
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, issuer := range map[string]*Issuer{"new key": f.issuer, "old key": oldIssuer} {
		token, _, err := issuer.IssueToken(f.objects.serviceAccounts["default/builder"], authenticationv1.TokenRequestSpec{}, Bound{})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok, err := both.AuthenticateToken(context.Background(), token); !ok || err != nil {
			t.Errorf("%s: ok=%v err=%v", name, ok, err)
		}
	}
}

func TestNewAuthenticatorErrors(t *testing.T) {
	f := newFixture(t)
	keys := []crypto.PublicKey{f.key.Public()}
	tests := []struct {
		name    string
		config  AuthenticatorConfig
		wantErr string
	}{
		{"no issuer", AuthenticatorConfig{Keys: keys, Getter: f.objects}, "no issuer"},
		{"no key", AuthenticatorConfig{Issuers: []string{testIssuer}, Getter: f.objects}, "no public key"},
		{"no getter", AuthenticatorConfig{Issuers: []string{testIssuer}, Keys: keys}, "no getter"},
		{"unsupported key", AuthenticatorConfig{Issuers: []string{testIssuer}, Keys: []crypto.PublicKey{"not a key"}, Getter: f.objects}, "unsupported key type string"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := NewAuthenticator(tc.config); err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("error = %v, want %q", err, tc.wantErr)
			}
		})
	}
}
