// Discovery: the API server as an OpenID Connect provider, so that
// services outside the cluster (a cloud's identity federation, a vault
// server) can verify service-account tokens without calling the API
// server for each one. They read the issuer's configuration, follow its
// jwks_uri, and check signatures with the keys found there.
//
// Interface:
//   - NewDiscovery(DiscoveryConfig).
//   - (*Discovery).ConfigurationHandler(): GET OpenIDConfigPath.
//   - (*Discovery).JWKSHandler(): GET JWKSPath.
//
// Upstream's bootstrap RBAC lets every service account read both paths
// (the ClusterRole system:service-account-issuer-discovery).
package serviceaccount

import (
	"crypto"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
)

// The paths the discovery documents are served at.
const (
	OpenIDConfigPath = "/.well-known/openid-configuration"
	JWKSPath         = "/openid/v1/jwks"
)

// DiscoveryConfig configures the discovery documents.
type DiscoveryConfig struct {
	// Issuer is the "iss" of the tokens; it must be an https URL, since
	// OIDC verifiers fetch the configuration from it.
	Issuer string
	// JWKSURI is where the keys are published (--service-account-jwks-uri);
	// empty means https://ExternalAddress/openid/v1/jwks.
	JWKSURI string
	// ExternalAddress is the API server's host[:port] as clients reach it.
	ExternalAddress string
	// Keys are the public keys tokens may be signed with.
	Keys []crypto.PublicKey
}

// Discovery holds the two documents, encoded once.
type Discovery struct {
	configuration []byte
	jwks          []byte
}

// openIDConfiguration is the subset of the OIDC discovery document
// upstream serves.
type openIDConfiguration struct {
	Issuer                           string   `json:"issuer"`
	JWKSURI                          string   `json:"jwks_uri"`
	ResponseTypesSupported           []string `json:"response_types_supported"`
	SubjectTypesSupported            []string `json:"subject_types_supported"`
	IDTokenSigningAlgValuesSupported []string `json:"id_token_signing_alg_values_supported"`
}

// NewDiscovery checks c and encodes the documents.
func NewDiscovery(c DiscoveryConfig) (*Discovery, error) {
	issuer, err := url.Parse(c.Issuer)
	if err != nil || issuer.Scheme != "https" || issuer.Host == "" {
		return nil, fmt.Errorf("new service-account issuer discovery: issuer %q must be an https URL", c.Issuer)
	}
	jwksURI := c.JWKSURI
	if jwksURI == "" {
		if c.ExternalAddress == "" {
			return nil, errors.New("new service-account issuer discovery: set the JWKS URI or the external address")
		}
		jwksURI = (&url.URL{Scheme: "https", Host: c.ExternalAddress, Path: JWKSPath}).String()
	}
	if len(c.Keys) == 0 {
		return nil, errors.New("new service-account issuer discovery: no public key")
	}
	set := struct {
		Keys []JWK `json:"keys"`
	}{}
	var algs []string
	for _, pub := range c.Keys {
		jwk, err := NewJWK(pub)
		if err != nil {
			return nil, fmt.Errorf("new service-account issuer discovery: %w", err)
		}
		set.Keys = append(set.Keys, jwk)
		if !slices.Contains(algs, jwk.Alg) {
			algs = append(algs, jwk.Alg)
		}
	}
	slices.Sort(algs)
	d := &Discovery{}
	if d.configuration, err = json.Marshal(openIDConfiguration{
		Issuer:                           c.Issuer,
		JWKSURI:                          jwksURI,
		ResponseTypesSupported:           []string{"id_token"},
		SubjectTypesSupported:            []string{"public"},
		IDTokenSigningAlgValuesSupported: algs,
	}); err != nil {
		return nil, fmt.Errorf("new service-account issuer discovery: %w", err)
	}
	if d.jwks, err = json.Marshal(set); err != nil {
		return nil, fmt.Errorf("new service-account issuer discovery: %w", err)
	}
	return d, nil
}

// ConfigurationHandler serves the OpenID configuration as application/json.
func (d *Discovery) ConfigurationHandler() http.Handler {
	return serveDocument(d.configuration, "application/json")
}

// JWKSHandler serves the key set as application/jwk-set+json.
func (d *Discovery) JWKSHandler() http.Handler {
	return serveDocument(d.jwks, "application/jwk-set+json")
}

// serveDocument answers GET (and HEAD) with body; verifiers may cache it
// for an hour, as upstream allows, since keys change rarely and old ones
// stay listed while their tokens live.
func serveDocument(body []byte, contentType string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("Content-Type", contentType)
		w.Header().Set("Cache-Control", "public, max-age=3600")
		if r.Method == http.MethodGet {
			_, _ = w.Write(body) // a client that went away has nothing left to be told
		}
	})
}
