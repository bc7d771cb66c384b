// Package server assembles the API server: the hub every other component
// talks to, and the only one that talks to etcd (talk 004, steps 2-9: all
// external and internal requests go through it; talk 003, "API server").
//
// It owns no API logic of its own. It starts etcd (storage), builds the
// registry over it (registry, with the watch cache), and puts the HTTPS
// front in place: discovery, /version, OpenAPI, health, metrics and the
// REST handlers of every resource (endpoints), behind the request chain.
// Usage:
//
//	cfg := server.NewConfig()
//	cfg.DataDir = "/tmp/kwb"
//	cfg.SecurePort = 0 // any free port
//	s, err := server.Start(ctx, cfg)
//	if err != nil { ... }
//	defer s.Close()
//	if err := s.WaitReady(ctx); err != nil { ... } // namespaces exist
//	// kubectl --kubeconfig /tmp/kwb/admin.kubeconfig get deployments
//
// or, as cmd/kube-apiserver does, server.Run(ctx, cfg), which returns
// when ctx ends. What a start leaves in --data-dir:
//
//	etcd/              the embedded etcd's data (unless --etcd-servers)
//	pki/               ca.crt, ca.key, apiserver.crt, apiserver.key, sa.key, sa.pub (reused)
//	admin.kubeconfig   CA + admin client certificate + https://127.0.0.1:PORT
//	address            127.0.0.1:PORT, while the server runs
//
// Every request passes the request chain first (chain.go), the steps in
// upstream's order (talk 001, "API Server Interactions"; talk 000,
// "Server side authentication" and "Authorization chain"):
//
//	panic recovery   a handler's panic is a 500, not a dropped connection
//	request info     the path parsed once (verb, resource, namespace, name)
//	authentication   x509 client certificate, token file, basic auth
//	                 (legacy), service-account JWT, or anonymous; else 401
//	(audit)          the place the audit filter takes
//	impersonation    Impersonate-User/-Group, allowed by the verb impersonate
//	authorization    --authorization-mode in order (Node,RBAC); else 403
//	long running     watches end when the server shuts down
//	the handlers     discovery, health, metrics, the resources
//
// RBAC and Node read roles, bindings and pods from the watch caches
// (adapters.go); the default roles and bindings are created by the
// post-start hook rbac/bootstrap-roles (rbac_bootstrap.go). At -v 4 each
// request logs one line: the user, the authenticator, the request and the
// decision (requestlog.go).
//
// The files, outermost first:
//
//	config.go       Config and its flags (upstream's names)
//	authconfig.go   the request chain's flags: --client-ca-file, --authorization-mode, ...
//	server.go       Start, Run, Close: the order things start and stop in
//	handler.go      which path goes where
//	chain.go        the request chain: authenticator, authorizer, the order of the steps
//	filters.go      panic recovery; RequestInfo once per request; watches end on shutdown
//	requestlog.go   the -v 4 line of each request
//	adapters.go     the watch caches as RBAC's lister, Node's graph, the token getter
//	rbac_bootstrap.go  the default RBAC policy, created at start
//	sakeys.go       service-account keys from --service-account-*-key-file
//	layout.go       the data directory, certificates, admin.kubeconfig
//	etcd.go         embedded or external etcd
//	api.go          the registry and the REST handler over it
//	health.go       /healthz, /livez, /readyz and the post-start hook
//	metrics.go      /metrics: request counts, latencies, open watches
//	etcdmetrics.go  etcd latency, timed below the storage layer
//
// Several servers over one etcd behave as one (talk 003, "Scaled
// horizontally"): none keeps state of its own, every write goes through
// etcd, and each server's watch cache follows etcd's revisions, so a watch
// on one server sees what was written through another
// (horizontal_test.go).
//
// What upstream Kubernetes does differently: kube-apiserver is three
// servers chained (the aggregator, the core API, the custom-resource
// server), reads about a hundred flags, runs some twenty post-start hooks
// (the bootstrap controller, RBAC defaults, priority classes, ...),
// limits requests in flight with API Priority and Fairness, and on
// shutdown keeps serving for --shutdown-delay-duration so that load
// balancers notice readyz failing first. Its chain also has a front-proxy
// authenticator, OIDC and webhook token authenticators, a priority and
// fairness step between impersonation and authorization, request
// timeouts, CORS and HSTS.
package server
