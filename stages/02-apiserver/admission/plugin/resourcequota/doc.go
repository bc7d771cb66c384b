// Package resourcequota is the ResourceQuota admission plugin: it refuses
// a write that would take a namespace past one of its ResourceQuotas, and
// otherwise charges the write to every quota it counts against.
//
// A ResourceQuota caps a namespace's totals: at most 10 pods, 4 CPUs of
// requests, 2 load balancers, 20 objects of count/deployments.apps. Its
// status holds the caps in force (status.hard) and what is used
// (status.used). On a create (and on the updates that change usage) the
// plugin, which runs last in the chain:
//
//  1. finds the quotas that count this kind of object and whose scopes
//     (Terminating, BestEffort, PriorityClass, ...) match it;
//  2. insists that pods give the requests and limits a quota caps
//     (`failed quota: compute: must specify limits.cpu for: web`), and
//     that the quota has been counted at all (`status unknown for quota`);
//  3. works out what the object uses (usage.go) and refuses it if any
//     quota would be exceeded:
//     `exceeded quota: pods-max, requested: pods=1, used: pods=2, limited: pods=2`;
//  4. unless the request is a dry run, writes the new status.used of each
//     quota, with a compare-and-swap on its resourceVersion; when another
//     request got there first it rereads and checks again, up to three
//     more times.
//
// Charging happens before the object is stored; if the write then fails,
// or the object is later deleted, usage stays too high until the quota
// controller (stage 3) recounts the namespace and writes the truth. That
// controller also fills status.hard from spec.hard and counts a new
// quota; until it exists, PrimeStatus lets the server do the part that
// needs no counting.
//
// Talk 000, "Admission controllers": a plugin that only rejects, and the
// last one, so nothing is charged for a request another plugin refuses.
// The talk's Initializers are gone from Kubernetes; admission webhooks,
// which run before this plugin, replaced them.
package resourcequota
