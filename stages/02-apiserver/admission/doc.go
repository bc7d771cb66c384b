// Package admission is the last gate a write passes before it is stored:
// a chain of plugins that may change the object or refuse the request.
//
// Authentication said who is calling and authorization that they may
// call this verb on this resource; admission looks at what they send.
// Plugins can refuse a pod in a namespace being deleted, fill in a pod's
// service account and token volume, apply a namespace's LimitRange
// defaults, or refuse the eleventh pod under a quota of ten. Reads never
// pass through admission.
//
// A write passes two passes, with object validation between them:
//
//	decode -> Chain.Admit (mutating plugins, in order)
//	       -> validation (422 Invalid)
//	       -> Chain.Validate (validating plugins, in order)
//	       -> etcd
//
// Any rejection ends the request and nothing is stored. Every plugin
// called leaves a Step in Attributes.Trace (admitted, mutated or
// rejected, and why), which the server logs at -v 4 and copies into the
// audit event.
//
// Usage, as the server wires it:
//
//	plugins := &admission.Plugins{}
//	namespacelifecycle.Register(plugins) // ... one per plugin package
//	opts := &admission.Options{}          // opts.AddFlags(fs, plugins)
//	chain, err := opts.NewChain(plugins, admission.Config{Namespaces: ..., ...})
//	...
//	a := &admission.Attributes{Operation: admission.Create, Object: pod, ...}
//	if err := chain.Admit(ctx, a); err != nil { ... }
//	klog.V(4).InfoS("admission", "trace", a.Trace.String())
//
// The plugins live in plugin/: namespacelifecycle, limitranger,
// serviceaccount, alwayspullimages, podsecurity, resourcequota, and the
// webhooks. They run in RecommendedOrder whatever the order of the flags.
//
// Talk 000, "Admission controllers": admission is not a chain in the
// sense of the authorization chain (where the first plugin to decide
// wins): every plugin runs, each may modify or reject, and none has a
// say in reads. The talk also shows Initializers, controllers that got to
// finish an object before anyone else could see it
// (kubectl get --include-uninitialized). They were removed from
// Kubernetes (v1.14) and replaced by the mutating and validating
// admission webhooks of plugin/webhook, which change or refuse an object
// before it is stored, so no one ever sees it unfinished. Talk 004, step
// 2 ("Save Objects"): what is saved is what admission let through.
package admission
