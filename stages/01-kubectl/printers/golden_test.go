package printers

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// update rewrites the golden files from the current output:
//
//	go test ./stages/01-kubectl/printers -run TestGolden -update
var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

func fixture(t *testing.T, name string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "fixtures", name))
	if err != nil {
		t.Fatal(err)
	}
	var obj map[string]any
	if err := json.Unmarshal(data, &obj); err != nil {
		t.Fatalf("fixture %s: %v", name, err)
	}
	return obj
}

var (
	podsKind        = metav1.GroupVersionKind{Version: "v1", Kind: "Pod"}
	podsResource    = metav1.GroupVersionResource{Version: "v1", Resource: "pods"}
	depsKind        = metav1.GroupVersionKind{Group: "apps", Version: "v1", Kind: "Deployment"}
	depsResource    = metav1.GroupVersionResource{Group: "apps", Version: "v1", Resource: "deployments"}
	nodesKind       = metav1.GroupVersionKind{Version: "v1", Kind: "Node"}
	nodesResource   = metav1.GroupVersionResource{Version: "v1", Resource: "nodes"}
	defaultGetScope = GetOptions{Namespace: "default"}
)

func podsItem(obj map[string]any) Item {
	return Item{Kind: podsKind, Resource: podsResource, Namespaced: true, Object: obj}
}

func depsItem(obj map[string]any) Item {
	return Item{Kind: depsKind, Resource: depsResource, Namespaced: true, Object: obj}
}

// getFlags returns `kubectl get`'s flags after applying set.
func getFlags(set func(f *PrintFlags)) *PrintFlags {
	f := NewGetPrintFlags()
	if set != nil {
		set(f)
	}
	return f
}

type goldenCase struct {
	// name is the golden file, testdata/<name>.golden.
	name string
	// command is the kubectl command line the transcript shows.
	command string
	run     func(t *testing.T, stdout, stderr io.Writer) error
}

// printGet runs PrintGet as `kubectl get` would after its requests.
func printGet(set func(f *PrintFlags), o GetOptions, items ...Item) func(*testing.T, io.Writer, io.Writer) error {
	return func(_ *testing.T, stdout, stderr io.Writer) error {
		return PrintGet(stdout, stderr, getFlags(set), items, o)
	}
}

// TestGolden prints the fixtures (what a v1.37 API server answers) as the
// commands in each golden file would, and compares with the file. The
// files are transcripts a student can read: the command, then its output,
// with standard error lines marked "(stderr)".
//
// Talk 000, "kubectl": `kubectl get deployments` and `kubectl get pods`
// print the server's table with kubectl's tab layout; talk 002, the Ghost
// demo: pods appear as ContainerCreating, then Running.
func TestGolden(t *testing.T) {
	defer func(old func() time.Time) { clock = old }(clock)
	clock = func() time.Time { return time.Date(2026, 5, 4, 10, 0, 30, 0, time.UTC) }

	pods := fixture(t, "pods-table.json")
	deps := fixture(t, "deployments-table.json")
	watch := fixture(t, "pods-watch.json")

	cases := []goldenCase{
		{"get-pods", "kubectl get pods", printGet(nil, defaultGetScope, podsItem(pods))},
		{"get-pods-wide", "kubectl get pods -o wide", printGet(func(f *PrintFlags) { f.OutputFormat = "wide" }, defaultGetScope, podsItem(pods))},
		{"get-pods-no-headers", "kubectl get pods --no-headers", printGet(func(f *PrintFlags) { f.NoHeaders = true }, defaultGetScope, podsItem(pods))},
		{"get-pods-all-namespaces", "kubectl get pods -A", printGet(nil, GetOptions{Namespace: "default", AllNamespaces: true},
			podsItem(fixture(t, "pods-all-namespaces-table.json")))},
		{"get-pods-label-columns", "kubectl get pods -L app,app.kubernetes.io/name",
			printGet(func(f *PrintFlags) { f.ColumnLabels = []string{"app", "app.kubernetes.io/name"} }, defaultGetScope, podsItem(pods))},
		{"get-deployments", "kubectl get deployments", printGet(nil, defaultGetScope, depsItem(deps))},
		{"get-deployments-wide", "kubectl get deployments -o wide", printGet(func(f *PrintFlags) { f.OutputFormat = "wide" }, defaultGetScope, depsItem(deps))},
		{"get-deployments-show-labels", "kubectl get deployments --show-labels", printGet(func(f *PrintFlags) { f.ShowLabels = true }, defaultGetScope, depsItem(deps))},
		{"get-deployments-show-kind", "kubectl get deployments --show-kind", printGet(func(f *PrintFlags) { f.ShowKind = true }, defaultGetScope, depsItem(deps))},
		{"get-pods-and-deployments", "kubectl get pods,deployments", printGet(nil, defaultGetScope, podsItem(pods), depsItem(deps))},
		{"get-pods-empty", "kubectl get pods", printGet(nil, defaultGetScope, podsItem(fixture(t, "pods-empty-table.json")))},
		{"get-nodes-empty", "kubectl get nodes", printGet(nil, defaultGetScope,
			Item{Kind: nodesKind, Resource: nodesResource, Object: fixture(t, "nodes-empty-table.json")})},
		{"get-pods-without-table", "kubectl get pods --server-print=false", printGet(nil, defaultGetScope, podsItem(fixture(t, "pods-list.json")))},
		{"get-pods-watch", "kubectl get pods -w", watchRun(watch, false)},
		{"get-pods-watch-events", "kubectl get pods -w --output-watch-events", watchRun(watch, true)},
		{"get-deployment-yaml", "kubectl get deployment nginx -o yaml", printGet(func(f *PrintFlags) { f.OutputFormat = "yaml" },
			GetOptions{Namespace: "default", SingleItemImplied: true}, depsItem(fixture(t, "deployment-nginx.json")))},
		{"get-deployments-yaml", "kubectl get deployments -o yaml", printGet(func(f *PrintFlags) { f.OutputFormat = "yaml" },
			defaultGetScope, depsItem(fixture(t, "deployments-list.json")))},
		{"get-deployments-json", "kubectl get deployments -o json", printGet(func(f *PrintFlags) { f.OutputFormat = "json" },
			defaultGetScope, depsItem(fixture(t, "deployments-list.json")))},
		{"get-pods-empty-yaml", "kubectl get pods -o yaml", printGet(func(f *PrintFlags) { f.OutputFormat = "yaml" },
			defaultGetScope, podsItem(map[string]any{"apiVersion": "v1", "kind": "PodList", "metadata": map[string]any{"resourceVersion": "7"}, "items": []any{}}))},
		{"get-deployments-name", "kubectl get deployments -o name", printGet(func(f *PrintFlags) { f.OutputFormat = "name" },
			defaultGetScope, depsItem(fixture(t, "deployments-list.json")))},
		{"get-pods-name", "kubectl get pods -o name", printGet(func(f *PrintFlags) { f.OutputFormat = "name" },
			defaultGetScope, podsItem(fixture(t, "pods-list.json")))},
		{"get-pods-custom-columns", "kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGES:.spec.containers[*].image,IP:.status.podIP",
			printGet(func(f *PrintFlags) {
				f.OutputFormat = "custom-columns=NAME:.metadata.name,IMAGES:.spec.containers[*].image,IP:.status.podIP"
			}, defaultGetScope, podsItem(fixture(t, "pods-list.json")))},
		{"get-pods-jsonpath", `kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}{"\t"}{.status.phase}{"\n"}{end}'`,
			printGet(func(f *PrintFlags) {
				f.OutputFormat = `jsonpath={range .items[*]}{.metadata.name}{"\t"}{.status.phase}{"\n"}{end}`
			}, defaultGetScope, podsItem(fixture(t, "pods-list.json")))},
		{"get-pods-jsonpath-as-json", "kubectl get pods -o jsonpath-as-json='{.items[*].metadata.name}'",
			printGet(func(f *PrintFlags) { f.OutputFormat = "jsonpath-as-json={.items[*].metadata.name}" },
				defaultGetScope, podsItem(fixture(t, "pods-list.json")))},
		{"create-deployment", "kubectl create deployment nginx --image=nginx --replicas=3", createRun(fixture(t, "deployment-nginx.json"), "")},
		{"create-deployment-dry-run", "kubectl create deployment nginx --image=nginx --replicas=3 --dry-run=client", createRun(fixture(t, "deployment-nginx.json"), "%s (dry run)")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if err := tc.run(t, &stdout, &stderr); err != nil {
				t.Fatalf("%s: %v", tc.command, err)
			}
			got := transcript(tc.command, stdout.String(), stderr.String())
			path := filepath.Join("testdata", tc.name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s: output differs from %s\n--- got ---\n%s--- want ---\n%s", tc.command, path, got, want)
			}
		})
	}
}

// transcript is a golden file's text.
func transcript(command, stdout, stderr string) string {
	var b strings.Builder
	b.WriteString("$ " + command + "\n")
	b.WriteString(stdout)
	for _, line := range strings.SplitAfter(stderr, "\n") {
		if line != "" {
			b.WriteString("(stderr) " + line)
		}
	}
	return b.String()
}

// watchRun prints the watch fixture: the first listing, then each event.
func watchRun(watch map[string]any, outputEvents bool) func(*testing.T, io.Writer, io.Writer) error {
	return func(t *testing.T, stdout, _ io.Writer) error {
		w, err := NewWatchPrinter(stdout, NewGetPrintFlags(), podsKind.GroupKind(), false, outputEvents)
		if err != nil {
			return err
		}
		if err := w.PrintInitial(watch["initial"].(map[string]any)); err != nil {
			return err
		}
		for _, e := range watch["events"].([]any) {
			event := e.(map[string]any)
			if err := w.PrintEvent(event["type"].(string), event["object"].(map[string]any)); err != nil {
				return err
			}
		}
		return nil
	}
}

// createRun prints what `kubectl create` reports for the object it sent.
func createRun(obj map[string]any, messageTemplate string) func(*testing.T, io.Writer, io.Writer) error {
	return func(_ *testing.T, stdout, _ io.Writer) error {
		f := NewPrintFlags("created")
		if messageTemplate != "" {
			f.Complete(messageTemplate)
		}
		p, err := f.ToPrinter()
		if err != nil {
			return err
		}
		return p.PrintObj(obj, stdout)
	}
}
