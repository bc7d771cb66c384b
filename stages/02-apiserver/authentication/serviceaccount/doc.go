// Package serviceaccount issues and verifies service-account tokens: the
// identity of a pod, as a JWT the API server signs with its
// service-account key.
//
//	signer, _ := pki.EnsureServiceAccountKey(dataDir + "/pki")
//	issuer, _ := serviceaccount.NewIssuer(serviceaccount.IssuerConfig{
//		Key: signer, Issuer: "https://kubernetes.default.svc.cluster.local",
//	})
//	err := issuer.CreateToken(ctx, getter, "default", "builder", tokenRequest)
//
//	verifier, _ := serviceaccount.NewAuthenticator(serviceaccount.AuthenticatorConfig{
//		Issuers: []string{"https://kubernetes.default.svc.cluster.local"},
//		Keys:    []crypto.PublicKey{signer.Public()},
//		Getter:  getter,
//	})
//	// verifier is an authentication.TokenAuthenticator: pass it as
//	// authentication.Config.ServiceAccountTokens.
//
// Tokens are "bound" as upstream has made them since Kubernetes 1.22:
// each has an audience and an expiry, and may name a pod, secret or node
// it lives no longer than. The verifier re-reads the service account and
// the bound objects on every request (through Getter), so deleting the
// pod ends its token at once, however long the token was signed for.
//
// The server also publishes what outsiders need to verify tokens without
// it: an OpenID Connect configuration and the key set (discovery.go).
//
// Talk 000, "Server side authentication": bearer tokens, of the kind the
// server issues to the pods it runs.
//
// What upstream does differently: it still accepts legacy tokens (no
// expiry, stored in Secrets of type kubernetes.io/service-account-token,
// issuer "kubernetes/serviceaccount"), caches verified tokens for a few
// seconds, reads the objects through informers, and records stale
// extended tokens in audit annotations and metrics. This package does
// none of that.
package serviceaccount
