// Package user is who a request comes from, once authentication has
// decided it: a name, a uid, groups and extra attributes.
//
// Every later step of the request chain reads it: authorization asks
// "may this user do this?", admission records the user in the objects it
// changes, and audit writes it down. Authentication puts it in the
// request's context (WithUser) and the others take it out (From).
//
// The well-known names and groups are upstream's, because RBAC bindings
// name them: system:masters is allowed everything, system:nodes are the
// kubelets, system:serviceaccounts are the pods' identities.
//
// Talk 000, "Server side authentication": the server works out who is calling before
// it asks whether they may.
package user
