// The request chain: the steps every request passes, in order, before a
// handler sees it (upstream's DefaultBuildHandlerChain).
//
// Interface:
//   - newRequestChain(cfg, ca, addr, reg): the authenticator, the
//     authorizer and the service-account issuer, built from the flags
//     (authconfig.go) once at start.
//   - (*Server).filters(): the steps, in the order a request meets them.
//   - (*Server).buildHandlerChain(mux): mux behind the steps.
//   - (*requestChain).issuerDiscovery(): the two OpenID documents, by
//     path, for handler.go to serve.
//   - (*Server).createToken: the TokenRequest subresource's signer
//     (an endpoints.TokenRequestFunc).
//
// The order, and what each step leaves for the next (talk 001, "API
// Server Interactions"; talk 000, "Authorization chain"):
//
//	panic recovery   a handler's panic becomes a 500 Status and a stack in the log
//	request info     the path parsed once: verb, resource, namespace, name
//	access log       one "HTTP" line per request at -v 4, whatever answers it
//	audit ID         the Audit-ID header, and the audit event of a failed authentication
//	authentication   who sent it (x509, token, service account, anonymous), or 401
//	audit            the event of the request (--audit-log-path): user known, nothing judged yet
//	impersonation    Impersonate-User: checked with the verb "impersonate"
//	authorization    may this user do this? Node, RBAC, ... or 403
//	long running     watches end when the server shuts down (filters.go)
//	mux              discovery, health, metrics, the resources (handler.go)
//
// Even /healthz and /version are authorized: RBAC's bootstrap policy lets
// everyone read them (system:public-info-viewer), so a load balancer's
// probe passes as system:anonymous. The filters themselves live in their
// packages (authentication, impersonation, authorization); this file only
// puts them in order and logs one line per decided request at -v 4.
package server

import (
	"context"
	"crypto/x509"
	"fmt"
	"net/http"
	"net/url"
	"os"

	"k8s.io/klog/v2"

	authenticationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authentication/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/audit"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/serviceaccount"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/endpoints"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/impersonation"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/pki"
)

// auditLog is the audit backend and policy; both nil without
// --audit-log-path, which switches the audit filters off.
type auditLog struct {
	backend audit.Backend
	policy  *audit.Policy
	// close flushes and closes the log file.
	close func() error
}

// requestChain holds what the steps of the chain need. It is read-only
// after newRequestChain.
type requestChain struct {
	authenticator authentication.Authenticator
	// apiAudiences are what a credential must be good for
	// (--api-audiences, default the issuer).
	apiAudiences []string
	// authorizer is the union of --authorization-mode behind the
	// system:masters short cut; impersonation asks it too.
	authorizer *authorizer.Union
	// issuer signs service-account tokens, for the
	// serviceaccounts/NAME/token subresource.
	issuer *serviceaccount.Issuer
	// discovery serves the OpenID documents; nil when the issuer is not
	// an https URL, since verifiers could not fetch them from it.
	discovery *serviceaccount.Discovery
}

// newRequestChain builds the chain's parts from cfg. ca is the server's
// CA (the default client CA), addr where clients reach the server (the
// host of the default JWKS URL), and reg the cached registry the
// authorizers and the token authenticator read. Errors name the flag to
// fix.
func newRequestChain(cfg *Config, ca *pki.CA, addr string, reg *cachedRegistry) (*requestChain, error) {
	o := cfg.Authentication
	c := &requestChain{apiAudiences: o.apiAudiences()}

	signer, keys, err := serviceAccountKeys(cfg)
	if err != nil {
		return nil, err
	}
	c.issuer, err = serviceaccount.NewIssuer(serviceaccount.IssuerConfig{
		Key: signer, Issuer: o.ServiceAccountIssuer, APIAudiences: c.apiAudiences,
		MaxExpiration: o.ServiceAccountMaxTokenExpiration, ExtendExpiration: true,
	})
	if err != nil {
		return nil, fmt.Errorf("--service-account-signing-key-file: %w", err)
	}
	tokens, err := serviceaccount.NewAuthenticator(serviceaccount.AuthenticatorConfig{
		Issuers: []string{o.ServiceAccountIssuer}, Keys: keys, APIAudiences: c.apiAudiences,
		Getter: reg.serviceAccountGetter(),
	})
	if err != nil {
		return nil, fmt.Errorf("--service-account-key-file: %w", err)
	}
	if u, err := url.Parse(o.ServiceAccountIssuer); err == nil && u.Scheme == "https" {
		c.discovery, err = serviceaccount.NewDiscovery(serviceaccount.DiscoveryConfig{
			Issuer: o.ServiceAccountIssuer, ExternalAddress: addr, Keys: keys,
		})
		if err != nil {
			return nil, fmt.Errorf("--service-account-issuer: %w", err)
		}
	} else {
		klog.Infof("--service-account-issuer %q is not an https URL: OpenID discovery (%s) is not served", o.ServiceAccountIssuer, serviceaccount.OpenIDConfigPath)
	}

	clientCA := ca.Pool()
	if o.ClientCAFile != "" {
		if clientCA, err = readCAFile(o.ClientCAFile); err != nil {
			return nil, fmt.Errorf("--client-ca-file: %w", err)
		}
	}
	c.authenticator, err = authentication.New(authentication.Config{
		ClientCA: clientCA, TokenAuthFile: o.TokenAuthFile, BasicAuthFile: o.BasicAuthFile,
		ServiceAccountTokens: tokens, APIAudiences: c.apiAudiences, Anonymous: o.Anonymous,
	})
	if err != nil {
		// The files are the only part that can fail; the error names which.
		return nil, fmt.Errorf("build the authenticator (--token-auth-file, --basic-auth-file): %w", err)
	}

	z := cfg.Authorization
	c.authorizer, err = authorization.New(authorization.Config{
		Modes: z.Modes, RBAC: reg.rbacLister(), Node: reg.nodeGraph(),
		PolicyFile: z.PolicyFile, WebhookConfigFile: z.WebhookConfigFile,
		WebhookAuthorizedTTL: z.WebhookAuthorizedTTL, WebhookUnauthorizedTTL: z.WebhookUnauthorizedTTL,
	})
	if err != nil {
		return nil, fmt.Errorf("--authorization-mode: %w", err)
	}
	return c, nil
}

// readCAFile returns the certificates of a PEM file as a pool.
func readCAFile(path string) (*x509.CertPool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read client CA: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(data) {
		return nil, fmt.Errorf("read client CA %s: no PEM certificate found", path)
	}
	return pool, nil
}

// createToken answers a TokenRequest (serviceaccounts/NAME/token) for the
// service account namespace/name with the chain's issuer, reading the
// account and the bound object through the caches. It is the
// endpoints.TokenRequestFunc of this server; s.chain is read at call
// time, so it may be handed to the REST handler before Start builds the
// chain.
func (s *Server) createToken(ctx context.Context, namespace, name string, tr *authenticationv1.TokenRequest) error {
	return s.chain.issuer.CreateToken(ctx, s.api.registry.serviceAccountGetter(), namespace, name, tr)
}

var _ endpoints.TokenRequestFunc = (*Server)(nil).createToken

// issuerDiscovery returns the OpenID configuration and key set by path,
// or nil when they are not served. RBAC lets every service account read
// them (system:service-account-issuer-discovery).
func (c *requestChain) issuerDiscovery() map[string]http.Handler {
	if c.discovery == nil {
		return nil
	}
	return map[string]http.Handler{
		serviceaccount.OpenIDConfigPath: c.discovery.ConfigurationHandler(),
		serviceaccount.JWKSPath:         c.discovery.JWKSHandler(),
	}
}

// filter is one step of the chain: it wraps the rest.
type filter struct {
	name string
	wrap func(next http.Handler) http.Handler
}

// filters returns the steps in the order a request passes them.
func (s *Server) filters() []filter {
	c := s.chain
	return []filter{
		{"panic recovery", withPanicRecovery},
		{"request info", withRequestInfo},
		{"access log", withAccessLog},
		{"audit ID", audit.WithAuditID},
		// A 401 is answered inside authentication, so its audit event is
		// written around it.
		{"failed authentication audit", func(next http.Handler) http.Handler {
			return audit.WithFailedAuthenticationAudit(next, s.audit.backend, s.audit.policy)
		}},
		{"authentication", func(next http.Handler) http.Handler {
			return authentication.WithAuthentication(next, c.authenticator, c.apiAudiences, logUnauthenticated)
		}},
		// Audit after authentication, so its event names the user; before
		// impersonation and authorization, so the requests they refuse
		// are recorded too.
		{"audit", func(next http.Handler) http.Handler {
			return audit.WithAudit(next, s.audit.backend, s.audit.policy)
		}},
		{"impersonation", func(next http.Handler) http.Handler {
			return impersonation.WithImpersonation(next, c.authorizer)
		}},
		{"authorization", func(next http.Handler) http.Handler {
			return authorization.WithAuthorization(next, c.authorizer, logDecision)
		}},
		{"long running", func(next http.Handler) http.Handler { return endLongRunning(s.shutdown, next) }},
	}
}

// buildHandlerChain puts mux behind s.filters(): the first filter is the
// outermost, the one a request meets first.
func (s *Server) buildHandlerChain(mux http.Handler) http.Handler {
	h := mux
	steps := s.filters()
	for i := len(steps) - 1; i >= 0; i-- {
		h = steps[i].wrap(h)
	}
	return h
}
