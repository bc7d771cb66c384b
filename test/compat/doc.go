// Package compat checks kubeworkbook against programs nobody here wrote: the
// upstream kubectl (and, from stage 2 on, client-go) built from their Go
// modules. It is a separate module so the main module never depends on
// k8s.io/client-go or k8s.io/kubectl.
//
// Run it with `make compat`, which builds both kubectls first and passes
// their paths in OUR_KUBECTL and UPSTREAM_KUBECTL.
package compat
