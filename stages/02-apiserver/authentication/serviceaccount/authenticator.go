// Authenticator: the verifying half of service-account tokens. A token is
// accepted when (in this order) its issuer is ours, its signature is by
// one of our keys, it is meant for the audience asked about, it is within
// its lifetime, and the service account (and the pod, secret or node it
// is bound to) still exists with the uid the token names.
//
// Interface:
//   - NewAuthenticator(AuthenticatorConfig).
//   - (*Authenticator).AuthenticateToken: an
//     authentication.TokenAuthenticator, named NameServiceAccount.
//   - The reasons tests compare: ErrExpired, ErrNotValidYet,
//     ErrIssuedInFuture, ErrInvalidated.
//
// Talk 000, "Server side authentication": these are the bearer tokens a
// pod presents; the last step is what makes a token die with its pod.
package serviceaccount

import (
	"context"
	"crypto"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/golang-jwt/jwt/v5"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"k8s.io/klog/v2"
)

// The reasons a well-signed token is refused, upstream's wording.
var (
	ErrExpired        = errors.New("service account token has expired")
	ErrNotValidYet    = errors.New("service account token is not valid yet")
	ErrIssuedInFuture = errors.New("service account token is issued in the future")
	// ErrInvalidated: the bound pod, secret or node is gone or going.
	ErrInvalidated = errors.New("service account token has been invalidated")
)

// Leeway is how far clocks may disagree: a token is accepted up to a
// minute after its exp and before its nbf. Objects deleted (marked with a
// deletionTimestamp) less than Leeway ago still count as present.
const Leeway = time.Minute

// AuthenticatorConfig configures an Authenticator.
type AuthenticatorConfig struct {
	// Issuers are the "iss" values accepted. A token from another issuer
	// is not this authenticator's business: no opinion, so an OIDC
	// authenticator after it may take it.
	Issuers []string
	// Keys verify signatures: the public halves of the current signing
	// key and of older ones still trusted (--service-account-key-file).
	Keys []crypto.PublicKey
	// APIAudiences are the API server's audiences (--api-audiences,
	// default the issuer): what a token must be for when the request's
	// context names none, and the audiences of a token that has none.
	APIAudiences []string
	// Getter reads the service account and the bound objects.
	Getter Getter
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Authenticator verifies service-account tokens. It is read-only after
// NewAuthenticator and safe for concurrent use.
type Authenticator struct {
	issuers   []string
	keys      map[string]jwt.VerificationKey // by key id
	methods   []string
	audiences []string
	getter    Getter
	now       func() time.Time
}

var _ authentication.TokenAuthenticator = (*Authenticator)(nil)

// NewAuthenticator checks c and returns its Authenticator.
func NewAuthenticator(c AuthenticatorConfig) (*Authenticator, error) {
	if len(c.Issuers) == 0 {
		return nil, errors.New("new service-account token authenticator: no issuer; set --service-account-issuer")
	}
	if len(c.Keys) == 0 {
		return nil, errors.New("new service-account token authenticator: no public key; set --service-account-key-file")
	}
	if c.Getter == nil {
		return nil, errors.New("new service-account token authenticator: no getter for service accounts and bound objects")
	}
	a := &Authenticator{
		issuers: slices.Clone(c.Issuers), keys: map[string]jwt.VerificationKey{},
		audiences: slices.Clone(c.APIAudiences), getter: c.Getter, now: c.Now,
	}
	for _, pub := range c.Keys {
		method, err := signingMethod(pub)
		if err != nil {
			return nil, fmt.Errorf("new service-account token authenticator: %w", err)
		}
		kid, err := KeyID(pub)
		if err != nil {
			return nil, fmt.Errorf("new service-account token authenticator: %w", err)
		}
		a.keys[kid] = pub
		if !slices.Contains(a.methods, method.Alg()) {
			a.methods = append(a.methods, method.Alg())
		}
	}
	if len(a.audiences) == 0 {
		a.audiences = []string{c.Issuers[0]}
	}
	if a.now == nil {
		a.now = time.Now
	}
	return a, nil
}

// AuthenticateToken verifies token. A string that is not a JWT, or a JWT
// of another issuer, gets no opinion; every later failure is an error
// saying why. On success the user is system:serviceaccount:<ns>:<name>
// with the service account's uid, the groups system:serviceaccounts and
// system:serviceaccounts:<ns>, and the Extra keys of claims.go; the
// response's audiences are those the token shares with the ones asked
// for.
func (a *Authenticator) AuthenticateToken(ctx context.Context, token string) (*authentication.Response, bool, error) {
	// 1. Ours? Read the issuer before trusting anything in the token.
	var unverified Claims
	if _, _, err := jwt.NewParser().ParseUnverified(token, &unverified); err != nil {
		return nil, false, nil
	}
	if !slices.Contains(a.issuers, unverified.Issuer) {
		return nil, false, nil
	}
	// 2. Signed by one of our keys? Time claims are checked in step 4, in
	// upstream's words.
	var claims Claims
	_, err := jwt.NewParser(jwt.WithValidMethods(a.methods), jwt.WithoutClaimsValidation()).
		ParseWithClaims(token, &claims, a.keyFor)
	if err != nil {
		return nil, false, fmt.Errorf("verify service account token: %w", err)
	}
	// 3. Meant for the audience asked about?
	audiences, err := a.audiencesFor(ctx, claims.Audience)
	if err != nil {
		return nil, false, err
	}
	// 4. Within its lifetime?
	now := a.now()
	if err := checkTimes(&claims.RegisteredClaims, now); err != nil {
		return nil, false, err
	}
	// 5. Do the service account and the bound objects still exist?
	if err := a.checkObjects(ctx, &claims.Kubernetes, now); err != nil {
		return nil, false, err
	}
	return &authentication.Response{
		User:          userFor(&claims),
		Authenticator: authentication.NameServiceAccount,
		Audiences:     audiences,
	}, true, nil
}

// keyFor picks the key named by the token's kid; a token without a known
// kid is tried against every key (tokens signed by keys whose id the
// signer did not set).
func (a *Authenticator) keyFor(t *jwt.Token) (any, error) {
	if kid, ok := t.Header["kid"].(string); ok {
		if key, found := a.keys[kid]; found {
			return key, nil
		}
	}
	set := jwt.VerificationKeySet{}
	for _, key := range a.keys {
		set.Keys = append(set.Keys, key)
	}
	return set, nil
}

// audiencesFor intersects the token's audiences with the requested ones
// (the API server's unless the context says otherwise). A token without
// audiences (a legacy token) counts as issued for the API server.
func (a *Authenticator) audiencesFor(ctx context.Context, tokenAudiences []string) ([]string, error) {
	if len(tokenAudiences) == 0 {
		tokenAudiences = a.audiences
	}
	requested, ok := authentication.AudiencesFrom(ctx)
	if !ok {
		requested = a.audiences
	}
	shared := authentication.IntersectAudiences(tokenAudiences, requested)
	if len(shared) == 0 {
		return nil, fmt.Errorf("token audiences %q is invalid for the target audiences %q", tokenAudiences, requested)
	}
	return shared, nil
}

// checkTimes applies exp, nbf and iat with Leeway.
func checkTimes(c *jwt.RegisteredClaims, now time.Time) error {
	switch {
	case c.ExpiresAt != nil && now.Add(-Leeway).After(c.ExpiresAt.Time):
		return ErrExpired
	case c.NotBefore != nil && now.Add(Leeway).Before(c.NotBefore.Time):
		return ErrNotValidYet
	case c.IssuedAt != nil && now.Add(Leeway).Before(c.IssuedAt.Time):
		return ErrIssuedInFuture
	}
	return nil
}

// checkObjects looks up what the token names. A missing or recreated
// service account is reported as such; a missing bound object only as
// ErrInvalidated, as upstream, while a recreated one names both uids.
func (a *Authenticator) checkObjects(ctx context.Context, k *KubernetesClaims, now time.Time) error {
	ns, saRef := k.Namespace, k.ServiceAccount
	if ns == "" || saRef.Name == "" {
		return errors.New("service account token claims are incomplete: kubernetes.io namespace and serviceaccount name are required")
	}
	deadline := now.Add(-Leeway)
	sa, err := a.getter.ServiceAccount(ctx, ns, saRef.Name)
	if err != nil {
		klog.V(4).Infof("service account token: cannot read service account %s/%s: %v", ns, saRef.Name, err)
		return err
	}
	if string(sa.UID) != saRef.UID {
		return fmt.Errorf("service account UID (%s) does not match claim (%s)", sa.UID, saRef.UID)
	}
	if deletedBefore(sa.DeletionTimestamp, deadline) {
		return fmt.Errorf("service account %s/%s has been deleted", ns, saRef.Name)
	}
	if ref := k.Secret; ref != nil {
		secret, err := a.getter.Secret(ctx, ns, ref.Name)
		if err != nil {
			return invalidated("secret", ns+"/"+ref.Name, err)
		}
		if string(secret.UID) != ref.UID {
			return fmt.Errorf("secret UID (%s) does not match service account secret ref claim (%s)", secret.UID, ref.UID)
		}
		if deletedBefore(secret.DeletionTimestamp, deadline) {
			return ErrInvalidated
		}
	}
	if ref := k.Pod; ref != nil {
		pod, err := a.getter.Pod(ctx, ns, ref.Name)
		if err != nil {
			return invalidated("pod", ns+"/"+ref.Name, err)
		}
		if string(pod.UID) != ref.UID {
			return fmt.Errorf("pod UID (%s) does not match service account pod ref claim (%s)", pod.UID, ref.UID)
		}
		if deletedBefore(pod.DeletionTimestamp, deadline) {
			return ErrInvalidated
		}
	}
	// A pod token's node is information, not a binding: the pod check
	// above already ties the token to a live pod.
	if ref := k.Node; ref != nil && k.Pod == nil {
		node, err := a.getter.Node(ctx, ref.Name)
		if err != nil {
			return invalidated("node", ref.Name, err)
		}
		if string(node.UID) != ref.UID {
			return fmt.Errorf("node UID (%s) does not match service account node ref claim (%s)", node.UID, ref.UID)
		}
		if deletedBefore(node.DeletionTimestamp, deadline) {
			return ErrInvalidated
		}
	}
	return nil
}

// invalidated logs why a bound object could not be read and returns the
// reason the client's log shows.
func invalidated(kind, name string, err error) error {
	klog.V(4).Infof("service account token: cannot read bound %s %s: %v", kind, name, err)
	return ErrInvalidated
}

// deletedBefore reports a deletion requested before deadline.
func deletedBefore(ts *metav1.Time, deadline time.Time) bool {
	return ts != nil && ts.Time.Before(deadline)
}

// userFor is the identity of a verified token.
func userFor(c *Claims) user.Info {
	k := c.Kubernetes
	u := user.Info{
		Name:   user.ServiceAccountUsername(k.Namespace, k.ServiceAccount.Name),
		UID:    k.ServiceAccount.UID,
		Groups: user.ServiceAccountGroups(k.Namespace),
		Extra:  map[string][]string{},
	}
	if k.Pod != nil {
		u.Extra[ExtraPodName] = []string{k.Pod.Name}
		u.Extra[ExtraPodUID] = []string{k.Pod.UID}
	}
	if k.Node != nil {
		u.Extra[ExtraNodeName] = []string{k.Node.Name}
		if k.Node.UID != "" {
			u.Extra[ExtraNodeUID] = []string{k.Node.UID}
		}
	}
	if id := CredentialIDForJTI(c.ID); id != "" {
		u.Extra[authentication.ExtraCredentialID] = []string{id}
	}
	if len(u.Extra) == 0 {
		u.Extra = nil
	}
	return u
}
