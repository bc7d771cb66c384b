// The webhook authorizer: Attributes -> SubjectAccessReview -> POST ->
// Decision, with a cache in front.
//
// Interface:
//   - Config{KubeconfigFile, AuthorizedTTL, UnauthorizedTTL}.
//   - New(cfg) (*Authorizer, error).
//   - (*Authorizer).Authorize and RulesFor (always incomplete).
//   - ReviewFor(attrs): the SubjectAccessReview sent for a request.
//
// The decision cache is in cache.go.
package webhook

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	authorizationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authorization/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/kubeconfig"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/rest"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
)

// Default cache lifetimes, upstream's flag defaults.
const (
	DefaultAuthorizedTTL   = 5 * time.Minute
	DefaultUnauthorizedTTL = 30 * time.Second
)

// Config says where the webhook is and how long to trust its answers.
type Config struct {
	// KubeconfigFile is the kubeconfig-format file naming the webhook
	// (current context's cluster and user). Required.
	KubeconfigFile string
	// AuthorizedTTL and UnauthorizedTTL are how long allowed and
	// not-allowed answers are cached; zero means the default, negative
	// means do not cache.
	AuthorizedTTL, UnauthorizedTTL time.Duration
}

// Authorizer is the Webhook mode. It is safe for concurrent use.
type Authorizer struct {
	client *rest.Client
	path   string // the webhook's path, from the server URL
	cache  *decisionCache
	ttl    [2]time.Duration // [not allowed, allowed]
}

var (
	_ authorizer.Authorizer   = (*Authorizer)(nil)
	_ authorizer.RuleResolver = (*Authorizer)(nil)
)

// New reads cfg.KubeconfigFile and returns the authorizer. It fails when
// the file cannot be read or does not describe an HTTPS server.
func New(cfg Config) (*Authorizer, error) {
	if cfg.KubeconfigFile == "" {
		return nil, errors.New("create webhook authorizer: --authorization-webhook-config-file is required with --authorization-mode=Webhook")
	}
	rules := &kubeconfig.LoadingRules{ExplicitPath: cfg.KubeconfigFile}
	restConfig, err := kubeconfig.NewClientConfig(rules, kubeconfig.Overrides{}).RESTConfig()
	if err != nil {
		return nil, fmt.Errorf("create webhook authorizer from %s: %w", cfg.KubeconfigFile, err)
	}
	server, err := url.Parse(restConfig.Host)
	if err != nil || server.Scheme != "https" {
		return nil, fmt.Errorf("create webhook authorizer from %s: server %q must be an https:// URL", cfg.KubeconfigFile, restConfig.Host)
	}
	path := server.Path
	if path == "" {
		path = "/"
	}
	server.Path = ""
	restConfig.Host = server.String()
	client, err := rest.New(restConfig)
	if err != nil {
		return nil, fmt.Errorf("create webhook authorizer from %s: %w", cfg.KubeconfigFile, err)
	}
	return &Authorizer{
		client: client, path: path, cache: newDecisionCache(),
		ttl: [2]time.Duration{ttlOr(cfg.UnauthorizedTTL, DefaultUnauthorizedTTL), ttlOr(cfg.AuthorizedTTL, DefaultAuthorizedTTL)},
	}, nil
}

func ttlOr(ttl, def time.Duration) time.Duration {
	if ttl == 0 {
		return def
	}
	return ttl
}

// Authorize asks the webhook, or the cache, about a. Status allowed gives
// Allow, denied gives Deny, neither gives NoOpinion; the reason is the
// webhook's. A failed call gives NoOpinion and the error.
func (w *Authorizer) Authorize(ctx context.Context, a authorizer.Attributes) (authorizer.Decision, string, error) {
	review := ReviewFor(a)
	key, err := json.Marshal(review.Spec)
	if err != nil {
		return authorizer.DecisionNoOpinion, "", fmt.Errorf("webhook authorizer: encode review: %w", err)
	}
	status, ok := w.cache.get(string(key), time.Now())
	if !ok {
		if status, err = w.ask(ctx, review); err != nil {
			return authorizer.DecisionNoOpinion, "", err
		}
		ttl := w.ttl[0]
		if status.Allowed {
			ttl = w.ttl[1]
		}
		if ttl > 0 {
			w.cache.put(string(key), status, time.Now().Add(ttl))
		}
	}
	switch {
	case status.Allowed && status.Denied:
		return authorizer.DecisionDeny, status.Reason, errors.New("webhook subject access review returned both allow and deny response")
	case status.Denied:
		return authorizer.DecisionDeny, status.Reason, nil
	case status.Allowed:
		return authorizer.DecisionAllow, status.Reason, nil
	}
	return authorizer.DecisionNoOpinion, status.Reason, nil
}

// ask POSTs review and returns the status of the answer.
func (w *Authorizer) ask(ctx context.Context, review authorizationv1.SubjectAccessReview) (authorizationv1.SubjectAccessReviewStatus, error) {
	body, err := json.Marshal(review)
	if err != nil {
		return authorizationv1.SubjectAccessReviewStatus{}, fmt.Errorf("webhook authorizer: encode review: %w", err)
	}
	resp, err := w.client.Do(ctx, rest.Request{Verb: http.MethodPost, Path: w.path, Body: body})
	if err != nil {
		return authorizationv1.SubjectAccessReviewStatus{}, fmt.Errorf("webhook authorizer: %w", err)
	}
	var answer authorizationv1.SubjectAccessReview
	if err := json.Unmarshal(resp.Body, &answer); err != nil {
		return authorizationv1.SubjectAccessReviewStatus{}, fmt.Errorf("webhook authorizer: decode answer: %w", err)
	}
	return answer.Status, nil
}

// ReviewFor is the SubjectAccessReview the webhook receives for a: the
// user, and either the resource attributes or the path and verb.
func ReviewFor(a authorizer.Attributes) authorizationv1.SubjectAccessReview {
	review := authorizationv1.SubjectAccessReview{
		TypeMeta: metav1.TypeMeta{APIVersion: authorizationv1.SchemeGroupVersion.String(), Kind: "SubjectAccessReview"},
		Spec: authorizationv1.SubjectAccessReviewSpec{
			User: a.User.Name, UID: a.User.UID, Groups: a.User.Groups, Extra: extra(a.User),
		},
	}
	if !a.ResourceRequest {
		review.Spec.NonResourceAttributes = &authorizationv1.NonResourceAttributes{Path: a.Path, Verb: a.Verb}
		return review
	}
	attrs := &authorizationv1.ResourceAttributes{
		Namespace: a.Namespace, Verb: a.Verb, Group: a.APIGroup, Version: a.APIVersion,
		Resource: a.Resource, Subresource: a.Subresource, Name: a.Name,
	}
	if a.FieldSelector != "" {
		attrs.FieldSelector = &authorizationv1.FieldSelectorAttributes{RawSelector: a.FieldSelector}
	}
	if a.LabelSelector != "" {
		attrs.LabelSelector = &authorizationv1.LabelSelectorAttributes{RawSelector: a.LabelSelector}
	}
	review.Spec.ResourceAttributes = attrs
	return review
}

func extra(u user.Info) map[string]authorizationv1.ExtraValue {
	if len(u.Extra) == 0 {
		return nil
	}
	out := make(map[string]authorizationv1.ExtraValue, len(u.Extra))
	for k, v := range u.Extra {
		out[k] = v
	}
	return out
}

// RulesFor cannot list a webhook's rules: it returns none, incomplete,
// with upstream's error.
func (w *Authorizer) RulesFor(context.Context, user.Info, string) (authorizer.Rules, error) {
	return authorizer.Rules{Incomplete: true}, errors.New("webhook authorizer does not support user rule resolution")
}
