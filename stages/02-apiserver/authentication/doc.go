// Package authentication answers the first question the API server asks of
// every request: who sent it? It is the step after request info and before
// audit and authorization in the handler chain.
//
//	a, err := authentication.New(authentication.Config{
//		ClientCA:             ca.Pool(),           // CN -> user, O -> groups
//		TokenAuthFile:        "/etc/kubernetes/tokens.csv",
//		ServiceAccountTokens: saVerifier,          // package serviceaccount
//		APIAudiences:         []string{"https://kubernetes.default.svc.cluster.local"},
//	})
//	handler = authentication.WithAuthentication(handler, a, apiAudiences, logFn)
//	// ...later, in any handler:
//	u, _ := user.From(r.Context())
//
// Each credential kind is an Authenticator in a file of its own: x509.go
// (client certificates), tokenfile.go (static bearer tokens),
// passwordfile.go (basic auth, legacy), anonymous.go, and the
// serviceaccount subpackage (signed JWTs). union.go tries them in order;
// the first success wins and adds the group system:authenticated; if
// every one fails the request gets 401 and the log gets all their reasons
// at once ("[verifying certificate SN=... failed: x509: certificate
// signed by unknown authority, invalid bearer token]").
//
// Talk 000, "Server side authentication": client certificates, bearer
// tokens, username and password, the three the server accepts. Talk 001,
// "API Server Interactions" (authN): the server builds its list of
// authenticators from its flags, fails a request only when all of them
// fail, and on success removes the Authorization header and puts the
// user in the request's context (filter.go).
//
// Authentication only names the user; whether they may do anything is
// authorization's question (stages/02-apiserver/authorization).
//
// What upstream does differently: it also has a front-proxy (request
// header) authenticator, bootstrap tokens, OIDC and webhook token
// authenticators, tokens in the WebSocket subprotocol, a short cache of
// token results, and CA bundles that reload from disk.
package authentication
