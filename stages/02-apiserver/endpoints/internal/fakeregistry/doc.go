// Package fakeregistry is an in-memory implementation of the registry's
// contract (stages/02-apiserver/registry: Storage, ScaleStorage,
// BindingStorage, EvictionStorage) for the tests and examples of package
// endpoints, so the HTTP layer can be tested without etcd.
//
//	reg := fakeregistry.New()
//	h := endpoints.New(reg, endpoints.Options{})
//
// It keeps what the HTTP layer can observe: uid, resourceVersion (one
// counter for everything, like an etcd revision), creationTimestamp,
// compare-and-swap updates (409), AlreadyExists and NotFound, status kept
// apart from spec, finalizers and graceful pod deletion, selectors and
// paging, and watches that resume from a revision or end with 410 once
// Compact has passed it. It has no defaults and checks only that a name is
// given; those are the real registry's job, tested with it.
package fakeregistry
