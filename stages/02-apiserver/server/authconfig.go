// Authentication and authorization options: the flags that decide who a
// request is from and what that user may do, with upstream's names and
// defaults.
//
// Interface:
//   - AuthenticationOptions: --client-ca-file, --token-auth-file,
//     --basic-auth-file, --anonymous-auth, --service-account-issuer,
//     --api-audiences, --service-account-key-file,
//     --service-account-signing-key-file,
//     --service-account-max-token-expiration.
//   - AuthorizationOptions: --authorization-mode,
//     --authorization-policy-file, --authorization-webhook-config-file,
//     --authorization-webhook-cache-authorized-ttl and -unauthorized-ttl.
//   - Their AddFlags and Validate, which Config's call.
//
// Config (config.go) holds one of each; chain.go turns them into the
// authenticator and the authorizer of the request chain. Defaults that
// name a file point into --data-dir/pki, where the server keeps its CA
// and service-account key (layout.go), so a bare
// `kube-apiserver --data-dir DIR` needs no other flag.
package server

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization"
)

// Defaults of the request chain's flags.
const (
	// DefaultServiceAccountIssuer is the "iss" of the tokens this server
	// signs, the value kubeadm passes to --service-account-issuer.
	DefaultServiceAccountIssuer = "https://kubernetes.default.svc.cluster.local"
	// DefaultWebhookAuthorizedTTL and DefaultWebhookUnauthorizedTTL are
	// how long the webhook authorizer remembers an answer, upstream's.
	DefaultWebhookAuthorizedTTL   = 5 * time.Minute
	DefaultWebhookUnauthorizedTTL = 30 * time.Second
	// minMaxTokenExpiration and maxMaxTokenExpiration bound
	// --service-account-max-token-expiration, as upstream validates it.
	minMaxTokenExpiration = time.Hour
	maxMaxTokenExpiration = (1 << 32) * time.Second
)

// DefaultAuthorizationModes is what kubeadm passes to --authorization-mode:
// kubelets through the Node authorizer, everyone else through RBAC.
// Upstream's bare default is AlwaysAllow, which lets every authenticated
// request through; this server starts locked down instead.
var DefaultAuthorizationModes = []string{authorization.ModeNode, authorization.ModeRBAC}

// AuthenticationOptions say which credentials the server accepts (talk
// 000, "Server side authentication").
type AuthenticationOptions struct {
	// ClientCAFile holds the CAs client certificates must chain to; empty
	// means the server's own CA, DataDir/pki/ca.crt, which signs
	// admin.kubeconfig's certificate and those `kubeadm kubeconfig user`
	// issues.
	ClientCAFile string
	// TokenAuthFile is a CSV of static bearer tokens
	// (token,user,uid,"group1,group2"); empty for none.
	TokenAuthFile string
	// BasicAuthFile is a CSV of passwords (password,user,uid,"groups").
	// Legacy: upstream removed --basic-auth-file in 1.19; it is kept
	// because talk 000 shows it. Empty for none.
	BasicAuthFile string
	// Anonymous lets requests without credentials through as
	// system:anonymous in group system:unauthenticated, for authorization
	// to judge (upstream's default, true).
	Anonymous bool
	// ServiceAccountIssuer is the "iss" of service-account tokens and the
	// URL of the OpenID discovery documents. Required.
	ServiceAccountIssuer string
	// APIAudiences are the audiences a token must be for to be accepted
	// by this server; empty means []string{ServiceAccountIssuer}.
	APIAudiences []string
	// ServiceAccountKeyFiles hold the public (or private) keys tokens are
	// verified with, PEM; empty means the public half of the signing key.
	// Set them to keep accepting tokens of a retired key, and include the
	// signing key's public half, or this server's own tokens are refused.
	ServiceAccountKeyFiles []string
	// ServiceAccountSigningKeyFile is the private key tokens are signed
	// with, PEM; empty means DataDir/pki/sa.key, generated on the first
	// start.
	ServiceAccountSigningKeyFile string
	// ServiceAccountMaxTokenExpiration cuts the lifetime a TokenRequest may
	// ask for; 0 means no cut, otherwise between 1h and 2^32 seconds.
	ServiceAccountMaxTokenExpiration time.Duration
}

// AuthorizationOptions say which modes judge a request, in order (talk
// 000, "Authorization chain").
type AuthorizationOptions struct {
	// Modes are asked in order; the first to allow wins and an explicit
	// deny is final. See DefaultAuthorizationModes.
	Modes []string
	// PolicyFile is the ABAC policy, one JSON object per line; required
	// with mode ABAC and refused without it.
	PolicyFile string
	// WebhookConfigFile is a kubeconfig naming the webhook's server;
	// required with mode Webhook and refused without it.
	WebhookConfigFile string
	// WebhookAuthorizedTTL and WebhookUnauthorizedTTL are how long the
	// webhook's answers are cached.
	WebhookAuthorizedTTL, WebhookUnauthorizedTTL time.Duration
}

// newAuthenticationOptions returns upstream's defaults.
func newAuthenticationOptions() AuthenticationOptions {
	return AuthenticationOptions{Anonymous: true, ServiceAccountIssuer: DefaultServiceAccountIssuer}
}

// newAuthorizationOptions returns the kubeadm defaults.
func newAuthorizationOptions() AuthorizationOptions {
	return AuthorizationOptions{
		Modes:                  slices.Clone(DefaultAuthorizationModes),
		WebhookAuthorizedTTL:   DefaultWebhookAuthorizedTTL,
		WebhookUnauthorizedTTL: DefaultWebhookUnauthorizedTTL,
	}
}

// AddFlags binds o to fs under upstream's names.
func (o *AuthenticationOptions) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.ClientCAFile, "client-ca-file", o.ClientCAFile,
		"A client certificate signed by one of the CAs in this file authenticates as its CommonName, in the groups of its Organizations. Empty uses DATA_DIR/pki/ca.crt.")
	fs.StringVar(&o.TokenAuthFile, "token-auth-file", o.TokenAuthFile,
		"A CSV file of bearer tokens (token,user,uid,\"group1,group2\") that authenticate requests.")
	fs.StringVar(&o.BasicAuthFile, "basic-auth-file", o.BasicAuthFile,
		"Legacy (removed upstream in 1.19): a CSV file of passwords (password,user,uid,\"group1,group2\") for HTTP basic authentication. Prefer certificates or tokens.")
	fs.BoolVar(&o.Anonymous, "anonymous-auth", o.Anonymous,
		"Enables anonymous requests: requests no other authenticator rejects are treated as user system:anonymous in group system:unauthenticated.")
	fs.StringVar(&o.ServiceAccountIssuer, "service-account-issuer", o.ServiceAccountIssuer,
		"Identifier of the service account token issuer: the \"iss\" claim of issued tokens, and, as an https URL, where OpenID discovery is served.")
	fs.StringSliceVar(&o.APIAudiences, "api-audiences", o.APIAudiences,
		"Identifiers of the API. Tokens must be issued for at least one of them. Empty uses --service-account-issuer.")
	fs.StringArrayVar(&o.ServiceAccountKeyFiles, "service-account-key-file", o.ServiceAccountKeyFiles,
		"PEM file of public (or private) keys that verify service account tokens; may be given several times. Empty uses the public half of --service-account-signing-key-file.")
	fs.StringVar(&o.ServiceAccountSigningKeyFile, "service-account-signing-key-file", o.ServiceAccountSigningKeyFile,
		"PEM file of the private key that signs service account tokens. Empty uses DATA_DIR/pki/sa.key, generated on the first start.")
	fs.DurationVar(&o.ServiceAccountMaxTokenExpiration, "service-account-max-token-expiration", o.ServiceAccountMaxTokenExpiration,
		"The longest lifetime of a token the issuer signs; longer requests are cut to it. 0 means no limit.")
}

// AddFlags binds o to fs under upstream's names.
func (o *AuthorizationOptions) AddFlags(fs *pflag.FlagSet) {
	fs.StringSliceVar(&o.Modes, "authorization-mode", o.Modes,
		"Ordered list of plug-ins to do authorization on the secure port: "+strings.Join(authorization.Modes, ",")+
			". The default is kubeadm's; upstream's own default is AlwaysAllow.")
	fs.StringVar(&o.PolicyFile, "authorization-policy-file", o.PolicyFile,
		"File with the authorization policy in JSON line format, used with --authorization-mode=ABAC.")
	fs.StringVar(&o.WebhookConfigFile, "authorization-webhook-config-file", o.WebhookConfigFile,
		"File with the webhook configuration in kubeconfig format, used with --authorization-mode=Webhook.")
	fs.DurationVar(&o.WebhookAuthorizedTTL, "authorization-webhook-cache-authorized-ttl", o.WebhookAuthorizedTTL,
		"The duration to cache 'authorized' responses from the webhook authorizer.")
	fs.DurationVar(&o.WebhookUnauthorizedTTL, "authorization-webhook-cache-unauthorized-ttl", o.WebhookUnauthorizedTTL,
		"The duration to cache 'unauthorized' responses from the webhook authorizer.")
}

// Validate returns the problems in o, each naming its flag and the fix.
// Files are read at start, not here.
func (o *AuthenticationOptions) Validate() []error {
	var errs []error
	switch {
	case o.ServiceAccountIssuer == "":
		errs = append(errs, fmt.Errorf("--service-account-issuer is required; use e.g. %s", DefaultServiceAccountIssuer))
	case strings.Contains(o.ServiceAccountIssuer, ":"):
		if u, err := url.Parse(o.ServiceAccountIssuer); err != nil || u.Scheme == "" || u.Host == "" {
			errs = append(errs, fmt.Errorf("--service-account-issuer %q contained a ':' but was not a valid URL; use e.g. %s",
				o.ServiceAccountIssuer, DefaultServiceAccountIssuer))
		}
	}
	if slices.Contains(o.APIAudiences, "") {
		errs = append(errs, errors.New("--api-audiences has an empty entry; list identifiers such as "+DefaultServiceAccountIssuer))
	}
	if slices.Contains(o.ServiceAccountKeyFiles, "") {
		errs = append(errs, errors.New("--service-account-key-file is empty; give a PEM file or leave the flag out"))
	}
	if d := o.ServiceAccountMaxTokenExpiration; d != 0 && (d < minMaxTokenExpiration || d > maxMaxTokenExpiration) {
		errs = append(errs, fmt.Errorf("--service-account-max-token-expiration %s must be between 1 hour and 2^32 seconds, or 0 for no limit", d))
	}
	return errs
}

// Validate returns the problems in o, each naming its flag and the fix,
// with upstream's wording where it has one.
func (o *AuthorizationOptions) Validate() []error {
	var errs []error
	if len(o.Modes) == 0 {
		errs = append(errs, fmt.Errorf("--authorization-mode: at least one authorization-mode must be passed; use e.g. %s",
			strings.Join(DefaultAuthorizationModes, ",")))
	}
	for i, mode := range o.Modes {
		if !slices.Contains(authorization.Modes, mode) {
			errs = append(errs, fmt.Errorf("--authorization-mode %q is not a valid mode; valid modes: %s",
				mode, strings.Join(authorization.Modes, ",")))
		}
		if slices.Contains(o.Modes[:i], mode) {
			errs = append(errs, fmt.Errorf("--authorization-mode %q has mode %s specified more than once", strings.Join(o.Modes, ","), mode))
		}
	}
	abac, webhook := slices.Contains(o.Modes, authorization.ModeABAC), slices.Contains(o.Modes, authorization.ModeWebhook)
	switch {
	case abac && o.PolicyFile == "":
		errs = append(errs, errors.New("--authorization-mode ABAC's authorization policy file not passed: set --authorization-policy-file"))
	case !abac && o.PolicyFile != "":
		errs = append(errs, errors.New("cannot specify --authorization-policy-file without mode ABAC: add ABAC to --authorization-mode"))
	}
	switch {
	case webhook && o.WebhookConfigFile == "":
		errs = append(errs, errors.New("--authorization-mode Webhook's authorization config file not passed: set --authorization-webhook-config-file"))
	case !webhook && o.WebhookConfigFile != "":
		errs = append(errs, errors.New("cannot specify --authorization-webhook-config-file without mode Webhook: add Webhook to --authorization-mode"))
	}
	if o.WebhookAuthorizedTTL < 0 {
		errs = append(errs, fmt.Errorf("--authorization-webhook-cache-authorized-ttl %s must not be negative", o.WebhookAuthorizedTTL))
	}
	if o.WebhookUnauthorizedTTL < 0 {
		errs = append(errs, fmt.Errorf("--authorization-webhook-cache-unauthorized-ttl %s must not be negative", o.WebhookUnauthorizedTTL))
	}
	return errs
}

// apiAudiences returns --api-audiences, defaulted to the issuer.
func (o *AuthenticationOptions) apiAudiences() []string {
	if len(o.APIAudiences) > 0 {
		return o.APIAudiences
	}
	return []string{o.ServiceAccountIssuer}
}
