// Keys: how a public key is named and published. Tokens carry the id of
// the key that signed them in their header ("kid"); verifiers, inside the
// API server or outside it through /openid/v1/jwks, pick the key by that
// id.
//
// Interface:
//   - KeyID(pub): upstream's key id, base64url(SHA-256(PKIX DER)).
//   - JWK: one key of a JSON Web Key Set.
//
// The key pair itself is kept by stages/02-apiserver/pki
// (EnsureServiceAccountKey).
package serviceaccount

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"math/big"

	"github.com/golang-jwt/jwt/v5"
)

// KeyID returns the id upstream gives a public key: the unpadded base64url
// encoding of the SHA-256 of its PKIX DER form. Every API server of a
// cluster computes the same id from the same sa.pub.
func KeyID(pub crypto.PublicKey) (string, error) {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return "", fmt.Errorf("compute key id: %w", err)
	}
	sum := sha256.Sum256(der)
	return base64.RawURLEncoding.EncodeToString(sum[:]), nil
}

// signingMethod is the JWS algorithm for a key: ES256/384/512 by the
// curve of an ECDSA key, RS256 for RSA, as upstream chooses.
func signingMethod(pub crypto.PublicKey) (jwt.SigningMethod, error) {
	switch k := pub.(type) {
	case *ecdsa.PublicKey:
		switch k.Curve {
		case elliptic.P256():
			return jwt.SigningMethodES256, nil
		case elliptic.P384():
			return jwt.SigningMethodES384, nil
		case elliptic.P521():
			return jwt.SigningMethodES512, nil
		}
		return nil, fmt.Errorf("unsupported elliptic curve %s for service-account tokens", k.Curve.Params().Name)
	case *rsa.PublicKey:
		return jwt.SigningMethodRS256, nil
	}
	return nil, fmt.Errorf("unsupported key type %T for service-account tokens: use ECDSA or RSA", pub)
}

// JWK is one public key of a JSON Web Key Set (RFC 7517), in the form
// /openid/v1/jwks serves: kty/crv/x/y for ECDSA, kty/n/e for RSA.
type JWK struct {
	Use string `json:"use"`
	Kty string `json:"kty"`
	Kid string `json:"kid"`
	Crv string `json:"crv,omitempty"`
	Alg string `json:"alg"`
	X   string `json:"x,omitempty"`
	Y   string `json:"y,omitempty"`
	N   string `json:"n,omitempty"`
	E   string `json:"e,omitempty"`
}

// NewJWK describes pub as a signing key ("use":"sig").
func NewJWK(pub crypto.PublicKey) (JWK, error) {
	method, err := signingMethod(pub)
	if err != nil {
		return JWK{}, err
	}
	kid, err := KeyID(pub)
	if err != nil {
		return JWK{}, err
	}
	jwk := JWK{Use: "sig", Kid: kid, Alg: method.Alg()}
	b64 := base64.RawURLEncoding.EncodeToString
	switch k := pub.(type) {
	case *ecdsa.PublicKey:
		// The uncompressed point is 0x04, then X and Y at the curve's
		// fixed length: exactly the left-padded coordinates RFC 7518
		// section 6.2.1.2 asks for.
		point, err := k.Bytes()
		if err != nil {
			return JWK{}, fmt.Errorf("describe service-account key: %w", err)
		}
		size := (len(point) - 1) / 2
		jwk.Kty, jwk.Crv = "EC", k.Curve.Params().Name
		jwk.X, jwk.Y = b64(point[1:1+size]), b64(point[1+size:])
	case *rsa.PublicKey:
		jwk.Kty = "RSA"
		jwk.N, jwk.E = b64(k.N.Bytes()), b64(big.NewInt(int64(k.E)).Bytes())
	}
	return jwk, nil
}
