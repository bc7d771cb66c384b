// Package rest is kubectl's HTTP client for the API server: it turns a
// resolved Config (server URL, TLS settings, credentials) into a Client that
// sends requests, decorates them with the user's credentials, logs them the
// way kubectl -v does, and turns error responses into *StatusError.
//
//	cfg := &rest.Config{
//		Host:            "https://127.0.0.1:6443",
//		TLSClientConfig: rest.TLSClientConfig{CAFile: "/etc/kubernetes/pki/ca.crt"},
//		BearerToken:     token,
//	}
//	c, err := rest.New(cfg)
//	if err != nil {
//		return err
//	}
//	body, err := c.Get(ctx, "/apis?timeout=32s")
//	if rest.IsNotFound(err) {
//		// the server does not serve /apis
//	}
//
// Credentials arrive in one of the ways the talks list (talk 001, "Client
// Interactions"; talk 000, "Client authentication"): an x509 client
// certificate presented in the TLS handshake, a bearer token in the
// Authorization header (from the kubeconfig, a token file re-read every
// minute, or an exec credential plugin), or a username and password sent as
// HTTP basic auth.
//
// Each request is logged at klog verbosity 6 and up exactly as in talk 000,
// "-v 6": one line per request with verb, URL, status and milliseconds; -v 7
// adds the request headers, -v 8 the response headers and bodies cut at 1024
// characters, -v 9 the equivalent curl command and the time spent in DNS,
// dial, TLS handshake and server processing, -v 10 whole bodies.
// SetLogFormat(LogFormatStructured) switches to the key/value lines the
// upstream kubectl prints since v1.33.
//
// The kubeconfig file that fills a Config is read by the sibling package
// stages/01-kubectl/kubeconfig; this package knows nothing about files of
// that format.
package rest
