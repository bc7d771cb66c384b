// Package scheme is the one table of every kind and resource this project
// serves: for each, its group, version, kind, plural and singular names,
// short names, scope, verbs, subresources, categories, Go type and the
// columns `kubectl get` prints.
//
// Everything else reads it and nothing else repeats it:
//
//   - discovery documents (/api, /apis, /apis/apps/v1, aggregated
//     discovery) are derived here (discovery.go) and served by the stage-2
//     API server and the stage-1 test server;
//   - storage (stage 2) uses New, NewList and Namespaced;
//   - the client (stage 1) maps kinds to resources with ByKind and short
//     names with ByShortName;
//   - tables for `kubectl get` come from Row and TableFor (table.go), with
//     columns and cells computed as upstream's printers compute them.
//
// Usage:
//
//	res, ok := scheme.ByResource("apps", "deployments")
//	obj := res.New() // *appsv1.Deployment
//	table, err := scheme.TableFor(res, []metav1.Object{obj}, scheme.TableOptions{Wide: true})
//
// Talk 000, "API discovery" and talk 002, "kubectl api-resources": the
// resource list a client discovers is this table.
package scheme
