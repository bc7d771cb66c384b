// Package audit writes the API server's audit log: for every request,
// who sent it, what it asked for, what the server decided and what it
// answered, as JSON lines of upstream's audit.k8s.io/v1 Event
// (shared/api/audit/v1).
//
// # Where it sits
//
// Talk 000 follows a request through the server in steps: "Server side
// authentication", then the "Authorization chain", then "Admission
// controllers", then "Write to etcd!". The talk does not show the audit
// step, which sits between the first two:
//
//	panic recovery → request info → WithAuditID → authentication
//	    → WithAudit → impersonation → authorization → admission → storage
//
// So audit sees every request after authentication: it knows the user
// (authentication/user.From) and the parsed path (endpoints.RequestInfoFrom)
// and records both when the request arrives, before authorization can
// refuse it. The later steps write into the same event on the way:
// authorization its decision and reason, admission plugins what they
// found (AddAnnotation), impersonation who the request acts as
// (LogImpersonatedUser). When the response is complete the event gets the
// status code and, for a failure, the Status's reason and message, so a
// 403 from the authorization chain is in the log with its message. The
// requests authentication refuses never reach WithAudit;
// WithFailedAuthenticationAudit, wrapped around authentication, writes
// one event for each 401.
//
// # Policy and levels
//
// A policy (--audit-policy-file, kind Policy) is an ordered list of
// rules; the first rule that matches a request's user, groups, verb,
// resource ("pods", "pods/log", "*/scale", names), namespace or
// non-resource URL ("/healthz*") gives its level:
//
//	None             no event
//	Metadata         user, verb, object reference, status, annotations
//	Request          and the request body (resource requests only)
//	RequestResponse  and the response body (resource requests only)
//
// A request no rule matches is not recorded. Without a policy file the
// server uses DefaultPolicy: Metadata for every request. A request
// produces events at stages RequestReceived, ResponseStarted (watches and
// other long-running requests only), ResponseComplete, or Panic; a policy
// may omit stages. Bodies are recorded up to MaxObjectBytes and only as
// JSON (YAML is converted); an annotation says why one was left out.
//
// # Usage
//
//	opts := audit.NewOptions()
//	opts.AddFlags(fs) // --audit-log-path, --audit-policy-file, ...
//	backend, policy, closeLog, err := audit.NewFromOptions(opts)
//	...
//	h := authorization.WithAuthorization(handlers, authz, record)
//	h = impersonation.WithImpersonation(h, authz)
//	h = audit.WithAudit(h, backend, policy)
//	h = authentication.WithAuthentication(h, authn, audiences, logf)
//	h = audit.WithFailedAuthenticationAudit(h, backend, policy)
//	h = audit.WithAuditID(h)
//	defer closeLog()
//
// Each request's response carries its audit ID in the Audit-ID header;
// `grep <id> audit.log` finds its events.
//
// # Differences from upstream
//
// Upstream records the objects its handlers decode and encode; this
// package sees the bytes, so protobuf bodies are not recorded. The log
// backend drops events when its queue is full (upstream's batch mode)
// rather than blocking; Dropped counts them. Unknown fields in a policy
// file are an error, not a warning. Rotation supports
// --audit-log-maxsize and --audit-log-maxbackup but not
// --audit-log-maxage, and there is no webhook backend.
package audit
