package printers

import (
	"bytes"
	"strings"
	"testing"
)

// PrintGet's rules beyond the golden transcripts: what goes to standard
// error, and when objects are wrapped in a List.
func TestPrintGetMessages(t *testing.T) {
	emptyPods := map[string]any{"apiVersion": "meta.k8s.io/v1", "kind": "Table",
		"columnDefinitions": []any{map[string]any{"name": "Name", "type": "string", "format": "name"}}, "rows": []any{}}
	tests := []struct {
		name       string
		items      []Item
		options    GetOptions
		wantStderr string
	}{
		{"namespaced and empty", []Item{podsItem(emptyPods)}, GetOptions{Namespace: "kube-public"},
			"No resources found in kube-public namespace.\n"},
		{"all namespaces and empty", []Item{podsItem(emptyPods)}, GetOptions{Namespace: "default", AllNamespaces: true},
			"No resources found\n"},
		{"nothing returned at all", nil, GetOptions{Namespace: "default"},
			"No resources found in default namespace.\n"},
		{"ignore not found", []Item{podsItem(emptyPods)}, GetOptions{Namespace: "default", IgnoreNotFound: true}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if err := PrintGet(&stdout, &stderr, NewGetPrintFlags(), tc.items, tc.options); err != nil {
				t.Fatal(err)
			}
			if stdout.Len() != 0 || stderr.String() != tc.wantStderr {
				t.Errorf("stdout %q, stderr %q; want stderr %q", stdout.String(), stderr.String(), tc.wantStderr)
			}
		})
	}
}

func TestPrintGetGeneric(t *testing.T) {
	pod := podObject("web")
	podList := map[string]any{"apiVersion": "v1", "kind": "PodList", "metadata": map[string]any{"resourceVersion": "42"},
		"items": []any{map[string]any{"metadata": map[string]any{"name": "a"}}}}
	tests := []struct {
		name    string
		items   []Item
		options GetOptions
		want    string
	}{
		{"one named object prints alone", []Item{podsItem(pod)}, GetOptions{SingleItemImplied: true}, "Pod|web||"},
		{"one object not asked by name is a List", []Item{podsItem(pod)}, GetOptions{}, "List||web|"},
		{"objects of several answers share one List", []Item{podsItem(pod), podsItem(podList)}, GetOptions{}, "List||web a|"},
		{"a list asked for as one thing keeps its resourceVersion", []Item{podsItem(podList)}, GetOptions{SingleItemImplied: true}, "List||a|42"},
		{"nothing prints an empty List", nil, GetOptions{}, "List|||"},
		{"nothing prints nothing with --ignore-not-found", nil, GetOptions{IgnoreNotFound: true}, ""},
	}
	flags := NewGetPrintFlags()
	flags.OutputFormat = `jsonpath={.kind}|{.metadata.name}|{.items[*].metadata.name}|{.metadata.resourceVersion}`
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if err := PrintGet(&stdout, &stderr, flags, tc.items, tc.options); err != nil {
				t.Fatal(err)
			}
			got := stdout.String()
			if got != tc.want || stderr.Len() != 0 {
				t.Errorf("stdout %q, stderr %q; want %q", got, stderr.String(), tc.want)
			}
		})
	}
}

// A print error is returned, and "No resources found" is then not claimed.
func TestPrintGetReportsErrors(t *testing.T) {
	var stdout, stderr bytes.Buffer
	err := PrintGet(&stdout, &stderr, NewGetPrintFlags(), []Item{podsItem(map[string]any{"metadata": map[string]any{"name": "x"}})},
		GetOptions{Namespace: "default"})
	if err != nil {
		t.Fatalf("an object without a Table still prints: %v", err)
	}
	if !strings.Contains(stdout.String(), "x") {
		t.Errorf("stdout = %q", stdout.String())
	}

	flags := NewGetPrintFlags()
	flags.OutputFormat = "yaml"
	err = PrintGet(&stdout, &stderr, flags, []Item{podsItem(map[string]any{"metadata": map[string]any{}})}, GetOptions{SingleItemImplied: true})
	if err == nil || err.Error() != errMissingKind {
		t.Errorf("err = %v", err)
	}

	stderr.Reset()
	err = PrintGet(failingWriter{}, &stderr, NewGetPrintFlags(), []Item{podsItem(fixture(t, "pods-table.json"))}, GetOptions{Namespace: "default"})
	if err == nil || !strings.Contains(err.Error(), "disk full") || stderr.Len() != 0 {
		t.Errorf("err = %v, stderr %q", err, stderr.String())
	}
}
