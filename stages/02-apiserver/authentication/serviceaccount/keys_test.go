package serviceaccount

import (
	"crypto/rand"
	"crypto/rsa"
	"strings"
	"testing"
)

// The key id is upstream's: base64url of the SHA-256 of the PKIX DER key,
// 43 characters, the same for the same key.
func TestKeyID(t *testing.T) {
	f := newFixture(t)
	a, err := KeyID(f.key.Public())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := KeyID(f.key.Public())
	c, _ := KeyID(otherKey(t).Public())
	if len(a) != 43 || a != b || a == c || strings.ContainsAny(a, "+/=") {
		t.Errorf("KeyID = %q, %q, other %q", a, b, c)
	}
}

// An RSA key is published with its modulus and exponent.
func TestNewJWKRSA(t *testing.T) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	jwk, err := NewJWK(key.Public())
	if err != nil {
		t.Fatal(err)
	}
	if jwk.Kty != "RSA" || jwk.Alg != "RS256" || jwk.E != "AQAB" || len(jwk.N) != 342 || jwk.X != "" {
		t.Errorf("JWK = %+v", jwk)
	}
}
