// Calling a webhook: one AdmissionReview POSTed over HTTPS, one answer.
//
// Interface:
//   - dispatcher: what both plugins share, the Config and a client per CA
//     bundle.
//   - (*dispatcher).call(ctx, h, a) sends the review and returns the
//     webhook's AdmissionResponse, or a *callError when there is no usable
//     answer (unreachable, timeout, bad certificate, malformed reply).
//   - newReview(a): the AdmissionReview request for a write.
//
// A callError is subject to the webhook's failurePolicy; what an answer
// does to the request is in outcome.go.
package webhook

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"

	admissionv1 "github.com/kubeworkbook/kubeworkbook/shared/api/admission/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
)

// dispatcher holds what calling webhooks needs. clients caches one HTTP
// client per CA bundle so connections are reused across requests.
type dispatcher struct {
	cfg Config

	mu      sync.Mutex
	clients map[string]*http.Client // by caBundle; guarded by mu
}

func newDispatcher(cfg Config) (*dispatcher, error) {
	if cfg.Namespaces == nil {
		return nil, errors.New("webhook: Config.Namespaces is nil")
	}
	return &dispatcher{cfg: cfg, clients: map[string]*http.Client{}}, nil
}

// callError means the webhook gave no usable answer. Its message is
// upstream's: `failed calling webhook "x": <reason>`.
type callError struct {
	webhook string
	reason  error
}

func (e *callError) Error() string {
	return fmt.Sprintf("failed calling webhook %q: %v", e.webhook, e.reason)
}
func (e *callError) Unwrap() error { return e.reason }

// call POSTs a review of a to h and returns the validated response. Every
// error is a *callError.
func (d *dispatcher) call(ctx context.Context, h *hook, a *admission.Attributes) (*admissionv1.AdmissionResponse, error) {
	fail := func(format string, args ...any) error {
		return &callError{webhook: h.name, reason: fmt.Errorf(format, args...)}
	}
	if h.matchConditions > 0 {
		return nil, fail("matchConditions are not supported by this API server (they need CEL): " +
			"remove them from the webhook, or narrow its rules and selectors instead")
	}
	endpoint, err := d.endpoint(h)
	if err != nil {
		return nil, &callError{webhook: h.name, reason: err}
	}
	client, err := d.client(h.clientConfig.CABundle)
	if err != nil {
		return nil, &callError{webhook: h.name, reason: err}
	}
	review, err := newReview(a)
	if err != nil {
		return nil, fail("build the AdmissionReview: %w", err)
	}
	body, err := json.Marshal(review)
	if err != nil {
		return nil, fail("encode the AdmissionReview: %w", err)
	}

	ctx, cancel := context.WithTimeout(ctx, h.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, fail("failed to call webhook: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return nil, fail("failed to call webhook: %w", err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 3<<20))
	if err != nil {
		return nil, fail("failed to call webhook: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fail("failed to call webhook: the server responded with the status code %d: %s",
			resp.StatusCode, bytes.TrimSpace(data))
	}
	answer, err := readResponse(data, review.Request.UID)
	if err != nil {
		return nil, fail("received invalid webhook response: %w", err)
	}
	return answer, nil
}

// endpoint returns the URL to POST to, with upstream's timeout query
// parameter ("?timeout=10s") so the webhook knows its budget.
func (d *dispatcher) endpoint(h *hook) (string, error) {
	var u *url.URL
	switch cc := h.clientConfig; {
	case cc.URL != nil:
		parsed, err := url.Parse(*cc.URL)
		if err != nil {
			return "", fmt.Errorf("invalid clientConfig.url %q: %w", *cc.URL, err)
		}
		if parsed.Scheme != "https" {
			return "", fmt.Errorf("clientConfig.url %q must use https", *cc.URL)
		}
		u = parsed
	case cc.Service != nil:
		svc, port := cc.Service, int32(443)
		if svc.Port != nil {
			port = *svc.Port
		}
		if d.cfg.ResolveService == nil {
			return "", fmt.Errorf("clientConfig.service %s/%s cannot be reached: this API server has no route "+
				"to cluster Services (that arrives in stage 6); use clientConfig.url", svc.Namespace, svc.Name)
		}
		resolved, err := d.cfg.ResolveService(svc.Namespace, svc.Name, port)
		if err != nil {
			return "", fmt.Errorf("resolve clientConfig.service %s/%s: %w", svc.Namespace, svc.Name, err)
		}
		u = resolved
		if svc.Path != nil {
			u.Path = *svc.Path
		}
	default:
		return "", errors.New("clientConfig sets neither url nor service")
	}
	q := u.Query()
	q.Set("timeout", fmt.Sprintf("%ds", int(h.timeout.Seconds())))
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// client returns the HTTPS client that trusts caBundle, or the system
// roots when it is empty.
func (d *dispatcher) client(caBundle []byte) (*http.Client, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if c, ok := d.clients[string(caBundle)]; ok {
		return c, nil
	}
	tlsConfig := &tls.Config{MinVersion: tls.VersionTLS12}
	if len(caBundle) > 0 {
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(caBundle) {
			return nil, errors.New("clientConfig.caBundle holds no PEM certificate")
		}
		tlsConfig.RootCAs = pool
	}
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: tlsConfig, ForceAttemptHTTP2: true}}
	d.clients[string(caBundle)] = c
	return c, nil
}

// newReview builds the AdmissionReview request for a, with a fresh UID.
// Objects are sent as they are stored: no conversion to the version the
// webhook's rule names (matchPolicy Equivalent is left out).
func newReview(a *admission.Attributes) (*admissionv1.AdmissionReview, error) {
	req := &admissionv1.AdmissionRequest{
		UID:                newUID(),
		Kind:               a.Kind,
		Resource:           a.Resource,
		SubResource:        a.Subresource,
		RequestKind:        &a.Kind,
		RequestResource:    &a.Resource,
		RequestSubResource: a.Subresource,
		Name:               a.Name,
		Namespace:          a.Namespace,
		Operation:          admissionv1.Operation(a.Operation),
		UserInfo: admissionv1.UserInfo{
			Username: a.User.Name, UID: a.User.UID, Groups: a.User.Groups, Extra: a.User.Extra,
		},
		DryRun: &a.DryRun,
	}
	var err error
	if a.Object != nil {
		if req.Object, err = json.Marshal(a.Object); err != nil {
			return nil, fmt.Errorf("encode object: %w", err)
		}
	}
	if a.OldObject != nil {
		if req.OldObject, err = json.Marshal(a.OldObject); err != nil {
			return nil, fmt.Errorf("encode old object: %w", err)
		}
	}
	if req.Options, err = options(a); err != nil {
		return nil, err
	}
	return &admissionv1.AdmissionReview{
		TypeMeta: metav1.TypeMeta{APIVersion: admissionv1.APIVersion, Kind: admissionv1.Kind},
		Request:  req,
	}, nil
}

// options returns the operation's options object as upstream sends it;
// nil for CONNECT, whose options this server does not keep.
func options(a *admission.Attributes) (json.RawMessage, error) {
	var dryRun []string
	if a.DryRun {
		dryRun = []string{"All"}
	}
	meta := metav1.TypeMeta{APIVersion: "meta.k8s.io/v1"}
	var opts any
	switch a.Operation {
	case admission.Create:
		meta.Kind = "CreateOptions"
		opts = metav1.CreateOptions{TypeMeta: meta, DryRun: dryRun}
	case admission.Update:
		meta.Kind = "UpdateOptions"
		opts = metav1.UpdateOptions{TypeMeta: meta, DryRun: dryRun}
	case admission.Delete:
		meta.Kind = "DeleteOptions"
		opts = metav1.DeleteOptions{TypeMeta: meta, DryRun: dryRun}
	default:
		return nil, nil
	}
	raw, err := json.Marshal(opts)
	if err != nil {
		return nil, fmt.Errorf("encode options: %w", err)
	}
	return raw, nil
}

// newUID returns a random RFC 4122 version 4 UUID.
func newUID() metav1.UID {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return metav1.UID(fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]))
}

// readResponse decodes a webhook's reply and checks it answers this
// review: an admission.k8s.io/v1 AdmissionReview with a response that
// echoes uid.
func readResponse(data []byte, uid metav1.UID) (*admissionv1.AdmissionResponse, error) {
	var review admissionv1.AdmissionReview
	if err := json.Unmarshal(data, &review); err != nil {
		return nil, fmt.Errorf("decode the AdmissionReview: %w", err)
	}
	if review.APIVersion != admissionv1.APIVersion || review.Kind != admissionv1.Kind {
		return nil, fmt.Errorf("expected webhook response of %s, Kind=%s, got %s, Kind=%s",
			admissionv1.APIVersion, admissionv1.Kind, review.APIVersion, review.Kind)
	}
	if review.Response == nil {
		return nil, errors.New("webhook response was absent")
	}
	if review.Response.UID != uid {
		return nil, fmt.Errorf("expected response.uid=%q, got %q", uid, review.Response.UID)
	}
	return review.Response, nil
}
