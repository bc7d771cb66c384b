// Package printers writes API objects the way kubectl v1.37 prints them:
// server-side Tables as aligned columns (the default and -o wide), and
// -o json, yaml, name, jsonpath, jsonpath-file, jsonpath-as-json,
// custom-columns, custom-columns-file, go-template and go-template-file.
//
// Objects are decoded JSON (map[string]any). A Printer writes one object,
// a list, or a Table; PrintFlags turns the -o flag and its companions into
// a Printer; PrintGet and WatchPrinter add what `kubectl get` does around
// the printers (one table per resource, "No resources found", the List
// wrapper, watch rows that line up).
//
// Usage:
//
//	flags := printers.NewGetPrintFlags()
//	flags.OutputFormat = "wide" // the -o value
//	err := printers.PrintGet(os.Stdout, os.Stderr, flags, []printers.Item{{
//		Kind:       metav1.GroupVersionKind{Group: "apps", Version: "v1", Kind: "Deployment"},
//		Resource:   metav1.GroupVersionResource{Group: "apps", Version: "v1", Resource: "deployments"},
//		Namespaced: true,
//		Object:     table, // the server's answer to Accept: ...;as=Table;v=v1;g=meta.k8s.io
//	}}, printers.GetOptions{Namespace: "default"})
//
//	p, err := printers.ParseOutput("jsonpath={.items[*].metadata.name}")
//	err = p.PrintObj(podList, os.Stdout)
//
// The output matches upstream byte for byte where this package covers the
// same ground: the tab writer's layout (columns at least 6 wide, 3 spaces
// apart, widths remembered between flushes), header and label rules, the
// List that several objects print as, the error messages. The JSONPath
// language is package jsonpath, written for this project. -o kyaml (new in
// kubectl 1.34) is not offered: its encoder's YAML library is not among
// this project's dependencies.
//
// Talk 000, "kubectl": `kubectl get deployments` and `kubectl get pods`
// print the tables this package draws, and `kubectl get deployment nginx
// -o yaml` the whole object; talk 002, the Ghost demo: `kubectl get svc`
// and `kubectl get deploy` after each step.
package printers
