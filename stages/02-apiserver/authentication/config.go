// Config: the authenticators a server runs, from its flags, assembled
// into the one Authenticator the filter asks.
//
// Interface:
//   - Config: --client-ca-file, --token-auth-file, --basic-auth-file,
//     the service-account token authenticator, --api-audiences,
//     --anonymous-auth.
//   - New(Config): the chain.
package authentication

import (
	"crypto/x509"
	"errors"
)

// Config says which credentials a server accepts. The zero Config accepts
// none; New refuses it.
type Config struct {
	// ClientCA holds the CAs client certificates must chain to; nil
	// turns client certificates off.
	ClientCA *x509.CertPool
	// TokenAuthFile is the path of a static token file; empty for none.
	TokenAuthFile string
	// BasicAuthFile is the path of a password file (legacy); empty for
	// none.
	BasicAuthFile string
	// ServiceAccountTokens verifies service-account tokens
	// (serviceaccount.NewAuthenticator); nil for none. It is built by the
	// caller because it needs the registry to look up service accounts.
	ServiceAccountTokens TokenAuthenticator
	// APIAudiences are the API server's audiences: a static token or a
	// certificate is good for these only.
	APIAudiences []string
	// Anonymous lets requests without credentials through as
	// system:anonymous.
	Anonymous bool
}

// New builds the server's authenticator from c, in upstream's order:
//
//  1. basic auth (legacy), 2. client certificates, 3. bearer tokens:
//     the token file, then service-account tokens;
//
// unioned so that the first success wins, with system:authenticated added
// to every success; then, if c.Anonymous, anonymous for requests none of
// them had an opinion on. A credential that fails is never retried as
// anonymous.
func New(c Config) (Authenticator, error) {
	var chain []Authenticator
	if c.BasicAuthFile != "" {
		basic, err := NewBasicAuth(c.BasicAuthFile)
		if err != nil {
			return nil, err
		}
		chain = append(chain, AudienceAgnostic(c.APIAudiences, basic))
	}
	if c.ClientCA != nil {
		chain = append(chain, AudienceAgnostic(c.APIAudiences, NewX509(c.ClientCA)))
	}
	var tokens []TokenAuthenticator
	if c.TokenAuthFile != "" {
		file, err := NewTokenFile(c.TokenAuthFile)
		if err != nil {
			return nil, err
		}
		tokens = append(tokens, AudienceAgnosticToken(c.APIAudiences, file))
	}
	if c.ServiceAccountTokens != nil {
		tokens = append(tokens, c.ServiceAccountTokens)
	}
	if len(tokens) > 0 {
		chain = append(chain, BearerToken(UnionTokens(tokens...)))
	}

	switch {
	case len(chain) == 0 && !c.Anonymous:
		return nil, errors.New("new authenticator: no credential is accepted; configure a client CA, a token or password file, " +
			"service-account tokens, or allow anonymous requests")
	case len(chain) == 0:
		return Anonymous(), nil
	}
	a := WithAuthenticatedGroup(Union(chain...))
	if c.Anonymous {
		a = FallBack(a, Anonymous())
	}
	return a, nil
}
