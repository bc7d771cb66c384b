// Package webhook is the Webhook authorization mode: each decision is
// asked of an HTTPS service, by POSTing it a SubjectAccessReview.
//
// The service is described by a kubeconfig-format file
// (--authorization-webhook-config-file): the cluster is the service (its
// server URL and CA), the user is the apiserver's client certificate or
// token towards it. The service answers with the review's status:
// allowed, or denied (an explicit deny, final for the whole chain), or
// neither (no opinion).
//
//	a, err := webhook.New(webhook.Config{KubeconfigFile: "/etc/kubernetes/authz-webhook.yaml"})
//	d, reason, err := a.Authorize(ctx, attrs)
//
// Answers are cached by the review's spec: allowed ones for
// AuthorizedTTL (default 5m), others for UnauthorizedTTL (default 30s),
// the defaults of --authorization-webhook-cache-authorized-ttl and
// --authorization-webhook-cache-unauthorized-ttl. A webhook that cannot be
// reached, or answers with an error status, gives no opinion and an error;
// the union goes on to the next mode. Upstream also retries with backoff
// before giving up; this package asks once.
//
// Talk 000, "Authorization chain": Webhook.
package webhook
