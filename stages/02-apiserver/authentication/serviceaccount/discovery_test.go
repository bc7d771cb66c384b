package serviceaccount

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Outsiders verify tokens with what the server publishes: the OpenID
// configuration names the issuer and the key set, and the key set holds
// the public key under the id tokens carry.
func TestDiscovery(t *testing.T) {
	f := newFixture(t)
	d, err := NewDiscovery(DiscoveryConfig{Issuer: testIssuer, ExternalAddress: "127.0.0.1:6443", Keys: []crypto.PublicKey{f.key.Public()}})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle(OpenIDConfigPath, d.ConfigurationHandler())
	mux.Handle(JWKSPath, d.JWKSHandler())

	w := httptest.NewRecorder()
	mux.ServeHTTP(w, httptest.NewRequest("GET", OpenIDConfigPath, nil))
	var config map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &config); err != nil {
		t.Fatal(err)
	}
	wantConfig := map[string]any{
		"issuer":                                testIssuer,
		"jwks_uri":                              "https://127.0.0.1:6443/openid/v1/jwks",
		"response_types_supported":              []any{"id_token"},
		"subject_types_supported":               []any{"public"},
		"id_token_signing_alg_values_supported": []any{"ES256"},
	}
	if diff := cmp.Diff(wantConfig, config); diff != "" {
		t.Errorf("configuration (-want +got):\n%s", diff)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("configuration Content-Type = %q", ct)
	}

	w = httptest.NewRecorder()
	mux.ServeHTTP(w, httptest.NewRequest("GET", JWKSPath, nil))
	if ct := w.Header().Get("Content-Type"); ct != "application/jwk-set+json" {
		t.Errorf("JWKS Content-Type = %q", ct)
	}
	var set struct{ Keys []JWK }
	if err := json.Unmarshal(w.Body.Bytes(), &set); err != nil {
		t.Fatal(err)
	}
	if len(set.Keys) != 1 {
		t.Fatalf("JWKS has %d keys, want 1", len(set.Keys))
	}
	k := set.Keys[0]
	kid, _ := KeyID(f.key.Public())
	if k.Kty != "EC" || k.Crv != "P-256" || k.Alg != "ES256" || k.Use != "sig" || k.Kid != kid {
		t.Errorf("JWK = %+v", k)
	}
	// The published coordinates are the key.
	x, errX := base64.RawURLEncoding.DecodeString(k.X)
	y, errY := base64.RawURLEncoding.DecodeString(k.Y)
	if errX != nil || errY != nil || len(x) != 32 || len(y) != 32 {
		t.Fatalf("x, y = %q, %q", k.X, k.Y)
	}
	pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), append(append([]byte{4}, x...), y...))
	if err != nil || !pub.Equal(f.key.Public()) {
		t.Errorf("JWK does not describe the signing key: %v", err)
	}

	w = httptest.NewRecorder()
	mux.ServeHTTP(w, httptest.NewRequest("POST", JWKSPath, nil))
	if w.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST = %d, want 405", w.Code)
	}
}

func TestNewDiscoveryErrors(t *testing.T) {
	f := newFixture(t)
	keys := []crypto.PublicKey{f.key.Public()}
	tests := []struct {
		name    string
		config  DiscoveryConfig
		wantErr string
	}{
		{"issuer not https", DiscoveryConfig{Issuer: "http://kubernetes.default.svc", ExternalAddress: "a:1", Keys: keys}, "must be an https URL"},
		{"issuer not a URL", DiscoveryConfig{Issuer: "kubernetes/serviceaccount", ExternalAddress: "a:1", Keys: keys}, "must be an https URL"},
		{"nowhere to point jwks_uri", DiscoveryConfig{Issuer: testIssuer, Keys: keys}, "set the JWKS URI or the external address"},
		{"no key", DiscoveryConfig{Issuer: testIssuer, ExternalAddress: "a:1"}, "no public key"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := NewDiscovery(tc.config); err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("error = %v, want %q", err, tc.wantErr)
			}
		})
	}
}
