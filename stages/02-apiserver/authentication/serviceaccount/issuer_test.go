package serviceaccount

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	authenticationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authentication/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

// decode returns a JWT's header and payload as generic JSON.
func decode(t *testing.T, token string) (header, payload map[string]any) {
	t.Helper()
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("token has %d parts, want 3", len(parts))
	}
	for i, into := range []*map[string]any{&header, &payload} {
		raw, err := base64.RawURLEncoding.DecodeString(parts[i])
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, into); err != nil {
			t.Fatal(err)
		}
	}
	return header, payload
}

func seconds(n int64) *int64 { return &n }

// Talk 000, "Server side authentication": the server issues the bearer
// tokens pods present. A token carries upstream's claims: issuer, the
// service account as subject, the audiences, an hour of life by default,
// a unique id, and the service account, pod and node it is bound to.
func TestIssueTokenClaims(t *testing.T) {
	f := newFixture(t)
	sa := f.objects.serviceAccounts["default/builder"]
	bound := Bound{Pod: &Ref{Name: "builder-7d4b9", UID: "pod-uid-1"}, Node: &Ref{Name: "worker-1", UID: "node-uid-1"}}
	token, expiry, err := f.issuer.IssueToken(sa, authenticationv1.TokenRequestSpec{}, bound)
	if err != nil {
		t.Fatal(err)
	}
	if want := t0.Add(time.Hour); !expiry.Equal(want) {
		t.Errorf("expiry = %v, want %v (the default hour)", expiry, want)
	}
	header, payload := decode(t, token)
	kid, _ := KeyID(f.key.Public())
	if diff := cmp.Diff(map[string]any{"alg": "ES256", "kid": kid}, header); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	jti, _ := payload["jti"].(string)
	if len(jti) != 36 || jti[14] != '4' {
		t.Errorf("jti = %q, want a version 4 UUID", jti)
	}
	delete(payload, "jti")
	want := map[string]any{
		"iss": testIssuer,
		"sub": "system:serviceaccount:default:builder",
		"aud": []any{testIssuer},
		"iat": float64(t0.Unix()), "nbf": float64(t0.Unix()), "exp": float64(t0.Add(time.Hour).Unix()),
		"kubernetes.io": map[string]any{
			"namespace":      "default",
			"serviceaccount": map[string]any{"name": "builder", "uid": "sa-uid-1"},
			"pod":            map[string]any{"name": "builder-7d4b9", "uid": "pod-uid-1"},
			"node":           map[string]any{"name": "worker-1", "uid": "node-uid-1"},
		},
	}
	if diff := cmp.Diff(want, payload); diff != "" {
		t.Errorf("claims (-want +got):\n%s", diff)
	}
}

// Lifetimes as upstream: below ten minutes is invalid, above the server's
// maximum is cut, and the kubelet's 3607 seconds become a year with a
// warnafter at the hour it asked for.
func TestIssueTokenLifetime(t *testing.T) {
	f := newFixture(t)
	sa := f.objects.serviceAccounts["default/builder"]
	pod := Bound{Pod: &Ref{Name: "builder-7d4b9", UID: "pod-uid-1"}}
	capped, err := NewIssuer(IssuerConfig{Key: f.key, Issuer: testIssuer, MaxExpiration: 2 * time.Hour, Now: func() time.Time { return t0 }})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name          string
		issuer        *Issuer
		spec          authenticationv1.TokenRequestSpec
		bound         Bound
		wantErr       string
		wantExpiry    time.Duration
		wantExp       time.Duration
		wantWarnAfter time.Duration
	}{
		{name: "too short", issuer: f.issuer, spec: authenticationv1.TokenRequestSpec{ExpirationSeconds: seconds(599)},
			wantErr: `TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 10 minutes`},
		{name: "too long", issuer: f.issuer, spec: authenticationv1.TokenRequestSpec{ExpirationSeconds: seconds(1<<32 + 1)},
			wantErr: "may not specify a duration larger than 2^32 seconds"},
		{name: "ten minutes", issuer: f.issuer, spec: authenticationv1.TokenRequestSpec{ExpirationSeconds: seconds(600)},
			wantExpiry: 10 * time.Minute, wantExp: 10 * time.Minute},
		{name: "cut to the maximum", issuer: capped, spec: authenticationv1.TokenRequestSpec{ExpirationSeconds: seconds(86400)},
			wantExpiry: 2 * time.Hour, wantExp: 2 * time.Hour},
		{name: "kubelet token extended", issuer: f.issuer, spec: authenticationv1.TokenRequestSpec{ExpirationSeconds: seconds(3607)}, bound: pod,
			wantExpiry: 3607 * time.Second, wantExp: 365 * 24 * time.Hour, wantWarnAfter: 3607 * time.Second},
		{name: "3607 without a pod is not extended", issuer: f.issuer, spec: authenticationv1.TokenRequestSpec{ExpirationSeconds: seconds(3607)},
			wantExpiry: 3607 * time.Second, wantExp: 3607 * time.Second},
		{name: "3607 for another audience is not extended", issuer: f.issuer, bound: pod,
			spec:       authenticationv1.TokenRequestSpec{ExpirationSeconds: seconds(3607), Audiences: []string{"vault"}},
			wantExpiry: 3607 * time.Second, wantExp: 3607 * time.Second},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			token, expiry, err := tc.issuer.IssueToken(sa, tc.spec, tc.bound)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !apierrors.IsInvalid(err) {
					t.Fatalf("error = %v, want 422 containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !expiry.Equal(t0.Add(tc.wantExpiry)) {
				t.Errorf("expiry = %v, want now + %v", expiry, tc.wantExpiry)
			}
			_, payload := decode(t, token)
			if exp := int64(payload["exp"].(float64)); exp != t0.Add(tc.wantExp).Unix() {
				t.Errorf("exp = now + %ds, want now + %v", exp-t0.Unix(), tc.wantExp)
			}
			warn, has := payload["kubernetes.io"].(map[string]any)["warnafter"]
			if tc.wantWarnAfter == 0 && has || tc.wantWarnAfter != 0 && warn != float64(t0.Add(tc.wantWarnAfter).Unix()) {
				t.Errorf("warnafter = %v, want now + %v", warn, tc.wantWarnAfter)
			}
		})
	}
}

// An RSA key, as kubeadm writes sa.key, signs RS256.
func TestIssueTokenRSA(t *testing.T) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	issuer, err := NewIssuer(IssuerConfig{Key: key, Issuer: testIssuer})
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t)
	token, _, err := issuer.IssueToken(f.objects.serviceAccounts["default/builder"], authenticationv1.TokenRequestSpec{}, Bound{})
	if err != nil {
		t.Fatal(err)
	}
	if header, _ := decode(t, token); header["alg"] != "RS256" {
		t.Errorf("alg = %v, want RS256", header["alg"])
	}
	verifier, err := NewAuthenticator(AuthenticatorConfig{Issuers: []string{testIssuer}, Keys: []crypto.PublicKey{key.Public()}, Getter: f.objects})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, err := verifier.AuthenticateToken(t.Context(), token); !ok || err != nil {
		t.Errorf("RS256 token: ok=%v err=%v", ok, err)
	}
}

func TestNewIssuerErrors(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name    string
		config  IssuerConfig
		wantErr string
	}{
		{"no key", IssuerConfig{Issuer: testIssuer}, "no signing key"},
		{"no issuer", IssuerConfig{Key: f.key}, "set --service-account-issuer"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := NewIssuer(tc.config); err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("error = %v, want %q", err, tc.wantErr)
			}
		})
	}
}
