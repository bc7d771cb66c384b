package compat

// `kubectl get` beyond the default table: the client-side output formats
// (which need the right objects from the server) and the server-side
// filters (label and field selectors, pagination, all namespaces).
//
// Interface: tests only.

import (
	"context"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Talk 002, "labels and selectors": the server filters, kubectl formats.
func TestUpstreamKubectlGetFormatsAndSelectors(t *testing.T) {
	s := startAPIServer(t)
	cs := s.clientset(t)
	ctx := context.Background()
	if _, err := cs.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "other"}}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	mustKubectlWith(t, s, webManifest(t, "web", "2"), nil, "apply", "-f", "-")
	mustKubectlWith(t, s, webManifest(t, "api", "1"), nil, "apply", "-f", "-")
	mustKubectlWith(t, s, webManifest(t, "far", "3"), nil, "apply", "-n", "other", "-f", "-")

	for _, tc := range []struct {
		name string
		args []string
		want string // the whole of stdout, unless wantHeader is set
		// wantHeader and wantNames check a table whose AGE varies.
		wantHeader string
		wantNames  string
	}{
		{name: "-o name", args: []string{"get", "deployments", "-o", "name"},
			want: "deployment.apps/api\ndeployment.apps/web\n"},
		{name: "-o jsonpath", args: []string{"get", "deployments", "-o", "jsonpath={range .items[*]}{.metadata.name}={.spec.replicas} {end}"},
			want: "api=1 web=2 "},
		{name: "-o custom-columns", args: []string{"get", "deployments", "-o", "custom-columns=NAME:.metadata.name,REPLICAS:.spec.replicas,IMAGE:.spec.template.spec.containers[0].image"},
			want: "NAME   REPLICAS   IMAGE\napi    1          nginx:1.27\nweb    2          nginx:1.27\n"},
		{name: "-o go-template", args: []string{"get", "deployment", "web", "-o", "go-template={{.spec.strategy.type}}"},
			want: "RollingUpdate"},
		{name: "label selector", args: []string{"get", "deployments", "-l", "app=web", "-o", "name"},
			want: "deployment.apps/web\n"},
		{name: "set-based label selector", args: []string{"get", "deployments", "-l", "app in (api,nope)", "-o", "name"},
			want: "deployment.apps/api\n"},
		{name: "field selector", args: []string{"get", "deployments", "--field-selector", "metadata.name!=web", "-o", "name"},
			want: "deployment.apps/api\n"},
		{name: "pages of one", args: []string{"get", "deployments", "--chunk-size=1", "-o", "name"},
			want: "deployment.apps/api\ndeployment.apps/web\n"},
		{name: "sorted by replicas", args: []string{"get", "deployments", "-A", "--sort-by=.spec.replicas", "-o", "name"},
			want: "deployment.apps/api\ndeployment.apps/web\ndeployment.apps/far\n"},
		{name: "all namespaces", args: []string{"get", "deployments", "-A"},
			wantHeader: "NAMESPACE NAME READY UP-TO-DATE AVAILABLE AGE", wantNames: "default/api default/web other/far"},
		{name: "--show-labels", args: []string{"get", "deployments", "--show-labels"},
			wantHeader: "NAME READY UP-TO-DATE AVAILABLE AGE LABELS", wantNames: "api web"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := mustKubectl(t, s, tc.args...)
			if tc.wantHeader == "" {
				if got != tc.want {
					t.Errorf("got:\n%q\nwant:\n%q", got, tc.want)
				}
				return
			}
			tb := parseTable(t, got)
			if h := strings.Join(tb.header, " "); h != tc.wantHeader {
				t.Errorf("header = %q, want %q", h, tc.wantHeader)
			}
			var names []string
			for _, row := range tb.rows {
				if ns := row["NAMESPACE"]; ns != "" {
					names = append(names, ns+"/"+row["NAME"])
				} else {
					names = append(names, row["NAME"])
				}
			}
			if n := strings.Join(names, " "); n != tc.wantNames {
				t.Errorf("names = %q, want %q", n, tc.wantNames)
			}
		})
	}

	t.Run("nothing matches", func(t *testing.T) {
		r := s.kubectl(t, upstreamKubectl(t), "", nil, "get", "deployments", "-l", "app=nope")
		if want := "No resources found in default namespace.\n"; r.err != nil || r.stdout != "" || r.stderr != want {
			t.Errorf("got err %v, stdout %q, stderr %q; want only %q on stderr", r.err, r.stdout, r.stderr, want)
		}
	})
}
