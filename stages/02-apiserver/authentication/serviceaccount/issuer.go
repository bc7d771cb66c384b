// Issuer: the API server as a token authority. For a TokenRequest (`kubectl
// create token`, the kubelet's projected token volumes) it writes the
// claims of claims.go and signs them with the service-account key.
//
// Interface:
//   - NewIssuer(IssuerConfig).
//   - (*Issuer).IssueToken(sa, spec, bound): sign one token.
//   - (*Issuer).CreateToken(ctx, getter, tr): the whole
//     serviceaccounts/{name}/token subresource: look up, validate,
//     resolve the bound object, issue, fill the status.
//   - ValidateTokenRequestSpec and the lifetime constants.
//
// Verification is the other half, authenticator.go.
package serviceaccount

import (
	"crypto"
	"crypto/rand"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/golang-jwt/jwt/v5"
	authenticationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authentication/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"k8s.io/klog/v2"
)

// Token lifetimes, upstream's.
const (
	// DefaultExpirationSeconds is the lifetime of a token whose request
	// names none: one hour.
	DefaultExpirationSeconds = 60 * 60
	// MinExpirationSeconds is the shortest lifetime a client may ask for:
	// ten minutes, so clients cannot make the server sign in a loop.
	MinExpirationSeconds = 10 * 60
	// MaxExpirationSeconds is the longest lifetime validation accepts,
	// 2^32 seconds; IssuerConfig.MaxExpiration usually cuts it shorter.
	MaxExpirationSeconds = 1 << 32
	// WarnOnlyBoundTokenExpirationSeconds is the lifetime the kubelet asks
	// for (an hour and seven seconds) that marks its token as one to
	// extend, when IssuerConfig.ExtendExpiration is on.
	WarnOnlyBoundTokenExpirationSeconds = 60*60 + 7
	// ExpirationExtensionSeconds is how long such a token really lives:
	// a year, so that pods whose client libraries never reread the
	// token file keep working while the server logs them as stale.
	ExpirationExtensionSeconds = 365 * 24 * 60 * 60
)

// IssuerConfig configures an Issuer.
type IssuerConfig struct {
	// Key signs tokens: ECDSA (ES256 for P-256) or RSA (RS256).
	Key crypto.Signer
	// Issuer is the "iss" of every token (--service-account-issuer),
	// typically "https://kubernetes.default.svc.cluster.local".
	Issuer string
	// APIAudiences are the audiences of a token whose request names
	// none (--api-audiences); empty means []string{Issuer}.
	APIAudiences []string
	// MaxExpiration cuts longer requested lifetimes
	// (--service-account-max-token-expiration); 0 means no cut.
	MaxExpiration time.Duration
	// ExtendExpiration turns the kubelet's 3607-second pod tokens into
	// one-year tokens with a warnafter claim
	// (--service-account-extend-token-expiration, on upstream).
	ExtendExpiration bool
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Issuer signs service-account tokens. It is read-only after NewIssuer
// and safe for concurrent use.
type Issuer struct {
	key       crypto.Signer
	method    jwt.SigningMethod
	kid       string
	issuer    string
	audiences []string
	max       time.Duration
	extend    bool
	now       func() time.Time
}

// NewIssuer checks c and returns its Issuer.
func NewIssuer(c IssuerConfig) (*Issuer, error) {
	if c.Key == nil {
		return nil, errors.New("new service-account token issuer: no signing key (see pki.EnsureServiceAccountKey)")
	}
	if c.Issuer == "" {
		return nil, errors.New("new service-account token issuer: empty issuer; set --service-account-issuer")
	}
	method, err := signingMethod(c.Key.Public())
	if err != nil {
		return nil, fmt.Errorf("new service-account token issuer: %w", err)
	}
	kid, err := KeyID(c.Key.Public())
	if err != nil {
		return nil, fmt.Errorf("new service-account token issuer: %w", err)
	}
	i := &Issuer{
		key: c.Key, method: method, kid: kid, issuer: c.Issuer,
		audiences: slices.Clone(c.APIAudiences), max: c.MaxExpiration, extend: c.ExtendExpiration, now: c.Now,
	}
	if len(i.audiences) == 0 {
		i.audiences = []string{c.Issuer}
	}
	if i.now == nil {
		i.now = time.Now
	}
	return i, nil
}

// Bound holds the objects a token is bound to, already read by the caller.
// A token is bound to at most one of Pod, Secret and Node, except that a
// pod token also names the pod's node (Node beside Pod; its UID may be
// empty when the node object is gone).
type Bound struct {
	Pod, Secret, Node *Ref
}

// IssueToken signs a token for sa as spec asks, bound to bound, and
// returns it with the expiry a client should plan for.
//
// Before signing it fills in what spec leaves out: the audiences default
// to the API server's and the lifetime to DefaultExpirationSeconds. A
// lifetime outside [MinExpirationSeconds, MaxExpirationSeconds] is a 422
// *apierrors.StatusError, as upstream words it; one above MaxExpiration
// is cut to it. sa must have a namespace, name and uid.
func (i *Issuer) IssueToken(sa *corev1.ServiceAccount, spec authenticationv1.TokenRequestSpec, bound Bound) (token string, expiry time.Time, err error) {
	spec = i.defaulted(spec)
	if errs := ValidateTokenRequestSpec(spec, field.NewPath("spec")); len(errs) > 0 {
		return "", time.Time{}, invalid(errs)
	}
	if sa.Namespace == "" || sa.Name == "" || sa.UID == "" {
		return "", time.Time{}, fmt.Errorf("issue service-account token: service account %s/%s lacks a namespace, name or uid", sa.Namespace, sa.Name)
	}
	if bound.Pod != nil && bound.Secret != nil || bound.Secret != nil && bound.Node != nil {
		return "", time.Time{}, errors.New("issue service-account token: a token can only be bound to one object")
	}
	seconds := i.lifetime(*spec.ExpirationSeconds)
	now := i.now()
	expiry = now.Add(time.Duration(seconds) * time.Second)

	// 1. The standard claims.
	jti, err := newUUID()
	if err != nil {
		return "", time.Time{}, fmt.Errorf("issue service-account token: %w", err)
	}
	claims := &Claims{RegisteredClaims: jwt.RegisteredClaims{
		Issuer:    i.issuer,
		Subject:   user.ServiceAccountUsername(sa.Namespace, sa.Name),
		Audience:  jwt.ClaimStrings(spec.Audiences),
		IssuedAt:  jwt.NewNumericDate(now),
		NotBefore: jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(expiry),
		ID:        jti,
	}}
	// 2. The private claim: who, and bound to what.
	claims.Kubernetes = KubernetesClaims{
		Namespace:      sa.Namespace,
		ServiceAccount: Ref{Name: sa.Name, UID: string(sa.UID)},
		Pod:            bound.Pod, Secret: bound.Secret, Node: bound.Node,
	}
	// 3. The kubelet's token lives a year but says when it should have
	// been renewed; the status still reports the hour it asked for.
	if i.extend && bound.Pod != nil && seconds == WarnOnlyBoundTokenExpirationSeconds && i.isAPIAudiences(spec.Audiences) {
		claims.Kubernetes.WarnAfter = jwt.NewNumericDate(expiry)
		claims.ExpiresAt = jwt.NewNumericDate(now.Add(ExpirationExtensionSeconds * time.Second))
	}
	// 4. Sign, naming the key in the header as upstream does (alg, kid).
	t := jwt.NewWithClaims(i.method, claims)
	t.Header["kid"] = i.kid
	delete(t.Header, "typ")
	token, err = t.SignedString(i.key)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("issue service-account token: %w", err)
	}
	return token, expiry, nil
}

// defaulted returns spec with upstream's defaults filled in.
func (i *Issuer) defaulted(spec authenticationv1.TokenRequestSpec) authenticationv1.TokenRequestSpec {
	if len(spec.Audiences) == 0 {
		spec.Audiences = slices.Clone(i.audiences)
	}
	if spec.ExpirationSeconds == nil {
		seconds := int64(DefaultExpirationSeconds)
		spec.ExpirationSeconds = &seconds
	}
	return spec
}

// lifetime cuts a requested lifetime to MaxExpiration.
func (i *Issuer) lifetime(seconds int64) int64 {
	if maxSeconds := int64(i.max / time.Second); maxSeconds > 0 && seconds > maxSeconds {
		klog.V(2).Infof("requested expiration of %d seconds shortened to %d seconds", seconds, maxSeconds)
		return maxSeconds
	}
	return seconds
}

// isAPIAudiences reports whether every audience is the API server's: only
// tokens for the API server itself are extended.
func (i *Issuer) isAPIAudiences(audiences []string) bool {
	for _, aud := range audiences {
		if !slices.Contains(i.audiences, aud) {
			return false
		}
	}
	return true
}

// ValidateTokenRequestSpec checks a defaulted spec (ExpirationSeconds
// set) as upstream's validation does.
func ValidateTokenRequestSpec(spec authenticationv1.TokenRequestSpec, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	p := path.Child("expirationSeconds")
	switch seconds := *spec.ExpirationSeconds; {
	case seconds < MinExpirationSeconds:
		errs = append(errs, field.Invalid(p, seconds, "may not specify a duration less than 10 minutes"))
	case seconds > MaxExpirationSeconds:
		errs = append(errs, field.Invalid(p, seconds, "may not specify a duration larger than 2^32 seconds"))
	}
	return errs
}

// invalid is the 422 for a TokenRequest, with the empty name upstream
// gives it: `TokenRequest.authentication.k8s.io "" is invalid: ...`.
func invalid(errs field.ErrorList) error {
	return apierrors.NewInvalid(metav1.GroupKind{Group: authenticationv1.GroupName, Kind: "TokenRequest"}, "", errs)
}

// newUUID returns a random (version 4) UUID, the form of upstream's jti.
func newUUID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("generate token id: %w", err)
	}
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]), nil
}
