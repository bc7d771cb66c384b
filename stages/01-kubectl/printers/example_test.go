package printers_test

import (
	"encoding/json"
	"fmt"
	"os"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/printers"
)

// The Table an API server sends for `kubectl get deployments`, decoded.
func deploymentsTable() map[string]any {
	var table map[string]any
	_ = json.Unmarshal([]byte(`{
	  "apiVersion": "meta.k8s.io/v1", "kind": "Table",
	  "columnDefinitions": [
	    {"name": "Name", "type": "string", "format": "name"},
	    {"name": "Ready", "type": "string"},
	    {"name": "Up-to-date", "type": "integer"},
	    {"name": "Available", "type": "integer"},
	    {"name": "Age", "type": "string"},
	    {"name": "Images", "type": "string", "priority": 1}],
	  "rows": [
	    {"cells": ["nginx", "3/3", 3, 3, "10s", "nginx"],
	     "object": {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
	                "metadata": {"name": "nginx", "namespace": "default", "labels": {"app": "nginx"}}}}]}`), &table)
	return table
}

func ExamplePrintGet() {
	flags := printers.NewGetPrintFlags()
	flags.ShowLabels = true
	item := printers.Item{
		Kind:       metav1.GroupVersionKind{Group: "apps", Version: "v1", Kind: "Deployment"},
		Resource:   metav1.GroupVersionResource{Group: "apps", Version: "v1", Resource: "deployments"},
		Namespaced: true,
		Object:     deploymentsTable(),
	}
	if err := printers.PrintGet(os.Stdout, os.Stdout, flags, []printers.Item{item}, printers.GetOptions{Namespace: "default"}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// NAME    READY   UP-TO-DATE   AVAILABLE   AGE   LABELS
	// nginx   3/3     3            3           10s   app=nginx
}

func ExampleParseOutput() {
	pods := map[string]any{"apiVersion": "v1", "kind": "List", "items": []any{
		map[string]any{"apiVersion": "v1", "kind": "Pod", "metadata": map[string]any{"name": "web-1"}},
		map[string]any{"apiVersion": "v1", "kind": "Pod", "metadata": map[string]any{"name": "web-2"}},
	}}
	for _, output := range []string{"name", "jsonpath={.items[*].metadata.name}{\"\\n\"}", "custom-columns=POD:.metadata.name"} {
		p, err := printers.ParseOutput(output)
		if err != nil {
			fmt.Println(err)
			continue
		}
		_ = p.PrintObj(pods, os.Stdout)
	}
	_, err := printers.ParseOutput("yml")
	fmt.Println(err)
	// Output:
	// pod/web-1
	// pod/web-2
	// web-1 web-2
	// POD
	// web-1
	// web-2
	// unable to match a printer suitable for the output format "yml", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml
}

func ExampleWatchPrinter() {
	flags := printers.NewGetPrintFlags()
	w, err := printers.NewWatchPrinter(os.Stdout, flags, metav1.GroupKind{Group: "apps", Kind: "Deployment"}, false, true)
	if err != nil {
		fmt.Println(err)
		return
	}
	_ = w.PrintInitial(deploymentsTable())
	next := deploymentsTable()
	next["columnDefinitions"] = []any{} // later watch events may omit the columns
	_ = w.PrintEvent("DELETED", next)
	// Output:
	// EVENT      NAME    READY   UP-TO-DATE   AVAILABLE   AGE
	// ADDED      nginx   3/3     3            3           10s
	// DELETED    nginx   3/3     3            3           10s
}
