package patch_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/patch"
)

// myapp is the manifest of talk 004, step 1 ("kubectl apply -f
// deployment.yaml"), as `kubectl apply --server-side` sends it.
const myapp = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: myapp
  labels:
    app: myapp
spec:
  replicas: 3
  selector:
    matchLabels:
      app: myapp
  template:
    metadata:
      labels:
        app: myapp
    spec:
      containers:
      - name: myapp
        image: myapp:1.0.0
        ports:
        - containerPort: 80
`

// myappFields is the field set myapp applies.
const myappFields = `{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{"f:matchLabels":{"f:app":{}}},` +
	`"f:template":{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"myapp\"}":{".":{},"f:image":{},"f:name":{},` +
	`"f:ports":{"k:{\"containerPort\":80}":{".":{},"f:containerPort":{}}}}}}}}}`

// clock is a FieldManager clock that starts at 10:00:00 and moves one
// minute per reading, so each entry shows which write stamped it.
func clock() func() time.Time {
	t := time.Date(2024, 5, 1, 9, 59, 0, 0, time.UTC)
	return func() time.Time { t = t.Add(time.Minute); return t }
}

func deploymentManager() *patch.FieldManager {
	return &patch.FieldManager{Schema: deploymentSchema, APIVersion: "apps/v1", ResetFields: []string{"status"}, Now: clock()}
}

// mustApply applies config and fails the test on error.
func mustApply(t *testing.T, m *patch.FieldManager, live []byte, config, manager string, force bool) []byte {
	t.Helper()
	out, err := m.Apply(live, []byte(config), manager, force)
	if err != nil {
		t.Fatalf("Apply by %s: %v", manager, err)
	}
	return out
}

// replicasConfig is a configuration that sets only spec.replicas.
func replicasConfig(n string) string {
	return `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"myapp"},"spec":{"replicas":` + n + `}}`
}

// Talk 004, step 1: the first `kubectl apply --server-side` creates the
// object from the configuration, and records that kubectl owns every
// field it set.
func TestApplyCreates(t *testing.T) {
	m := deploymentManager()
	out := mustApply(t, m, nil, myapp, "kubectl", false)
	if got := field(t, out, "spec", "template", "spec", "containers"); !cmp.Equal(got,
		decode(t, []byte(`[{"name":"myapp","image":"myapp:1.0.0","ports":[{"containerPort":80}]}]`))) {
		t.Errorf("containers = %v", got)
	}
	want := []entrySummary{{Manager: "kubectl", Operation: "Apply", APIVersion: "apps/v1", Time: "10:00:00", Fields: myappFields}}
	if diff := cmp.Diff(want, summarize(t, out)); diff != "" {
		t.Errorf("managedFields (-want +got):\n%s", diff)
	}
}

// Server-side apply between managers: re-applying, conflicting, forcing,
// sharing and pruning.
func TestApplyOwnership(t *testing.T) {
	for _, tc := range []struct {
		name string
		// run writes to created, myapp as kubectl applied it first, and
		// returns the result or the error.
		run         func(m *patch.FieldManager, created []byte) ([]byte, error)
		wantErr     string // the 409's message, when the apply must fail
		wantCauses  []metav1.StatusCause
		wantReplica any
		wantEntries []string // manager/operation of each entry, in order
		check       func(t *testing.T, out []byte)
	}{
		{
			name: "re-applying with more replicas changes them; kubectl still owns the same fields",
			run: func(m *patch.FieldManager, created []byte) ([]byte, error) {
				return m.Apply(created, []byte(strings.Replace(myapp, "replicas: 3", "replicas: 5", 1)), "kubectl", false)
			},
			wantReplica: float64(5), wantEntries: []string{"kubectl/Apply"},
			check: func(t *testing.T, out []byte) {
				if got := summarize(t, out)[0].Fields; got != myappFields {
					t.Errorf("fields = %s", got)
				}
			},
		},
		{
			name: "another applier changing replicas conflicts, naming the field",
			run: func(m *patch.FieldManager, created []byte) ([]byte, error) {
				return m.Apply(created, []byte(replicasConfig("5")), "autoscaler", false)
			},
			wantErr: `Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas`,
			wantCauses: []metav1.StatusCause{{
				Type: metav1.CauseTypeFieldManagerConflict, Message: `conflict with "kubectl"`, Field: ".spec.replicas",
			}},
		},
		{
			name: "with force the field changes hands",
			run: func(m *patch.FieldManager, created []byte) ([]byte, error) {
				return m.Apply(created, []byte(replicasConfig("5")), "autoscaler", true)
			},
			wantReplica: float64(5), wantEntries: []string{"kubectl/Apply", "autoscaler/Apply"},
			check: func(t *testing.T, out []byte) {
				entries := summarize(t, out)
				if strings.Contains(entries[0].Fields, "f:replicas") {
					t.Errorf("kubectl still owns replicas: %s", entries[0].Fields)
				}
				if entries[1].Fields != `{"f:spec":{"f:replicas":{}}}` {
					t.Errorf("autoscaler owns %s", entries[1].Fields)
				}
			},
		},
		{
			name: "applying the same value shares the field without conflict",
			run: func(m *patch.FieldManager, created []byte) ([]byte, error) {
				return m.Apply(created, []byte(replicasConfig("3")), "autoscaler", false)
			},
			wantReplica: float64(3), wantEntries: []string{"kubectl/Apply", "autoscaler/Apply"},
			check: func(t *testing.T, out []byte) {
				if entries := summarize(t, out); !strings.Contains(entries[0].Fields, "f:replicas") {
					t.Errorf("kubectl lost replicas: %s", entries[0].Fields)
				}
			},
		},
		{
			name: "an update takes the field: re-applying another value then conflicts with the updater",
			run: func(m *patch.FieldManager, created []byte) ([]byte, error) {
				edited := strings.Replace(string(created), `"replicas":3`, `"replicas":4`, 1)
				updated, err := m.RecordUpdate(created, []byte(edited), "kubectl-client-side-apply")
				if err != nil {
					return nil, err
				}
				return m.Apply(updated, []byte(myapp), "kubectl", false)
			},
			wantErr: `Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas`,
			wantCauses: []metav1.StatusCause{{
				Type: metav1.CauseTypeFieldManagerConflict, Message: `conflict with "kubectl-client-side-apply" using apps/v1`, Field: ".spec.replicas",
			}},
		},
		{
			name: "several conflicts are listed by manager",
			run: func(m *patch.FieldManager, created []byte) ([]byte, error) {
				other := strings.NewReplacer("replicas: 3", "replicas: 1", "myapp:1.0.0", "myapp:2.0.0").Replace(myapp)
				return m.Apply(created, []byte(other), "ci", false)
			},
			wantErr: "Apply failed with 2 conflicts: conflicts with \"kubectl\":\n- .spec.replicas\n- .spec.template.spec.containers[name=\"myapp\"].image",
		},
		{
			name: "a label left out of the configuration is removed",
			run: func(m *patch.FieldManager, created []byte) ([]byte, error) {
				withTier := mustApply(t, m, created, strings.Replace(myapp, "    app: myapp\nspec:", "    app: myapp\n    tier: web\nspec:", 1), "kubectl", false)
				if got := field(t, withTier, "metadata", "labels"); !cmp.Equal(got, map[string]any{"app": "myapp", "tier": "web"}) {
					t.Fatalf("labels after adding tier = %v", got)
				}
				return m.Apply(withTier, []byte(myapp), "kubectl", false)
			},
			wantReplica: float64(3), wantEntries: []string{"kubectl/Apply"},
			check: func(t *testing.T, out []byte) {
				if got := field(t, out, "metadata", "labels"); !cmp.Equal(got, map[string]any{"app": "myapp"}) {
					t.Errorf("labels = %v, want tier removed", got)
				}
			},
		},
		{
			name: "a label left out stays when another manager owns it",
			run: func(m *patch.FieldManager, created []byte) ([]byte, error) {
				withTier := mustApply(t, m, created, strings.Replace(myapp, "    app: myapp\nspec:", "    app: myapp\n    tier: web\nspec:", 1), "kubectl", false)
				shared := mustApply(t, m, withTier, `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"myapp","labels":{"tier":"web"}}}`, "labeler", false)
				return m.Apply(shared, []byte(myapp), "kubectl", false)
			},
			wantReplica: float64(3), wantEntries: []string{"labeler/Apply", "kubectl/Apply"}, // by time: kubectl applied last
			check: func(t *testing.T, out []byte) {
				if got := field(t, out, "metadata", "labels"); !cmp.Equal(got, map[string]any{"app": "myapp", "tier": "web"}) {
					t.Errorf("labels = %v, want tier kept", got)
				}
			},
		},
		{
			name: "a container left out of the configuration is removed",
			run: func(m *patch.FieldManager, created []byte) ([]byte, error) {
				sidecar := strings.Replace(myapp, "      containers:\n", "      containers:\n      - name: sidecar\n        image: busybox\n", 1)
				two := mustApply(t, m, created, sidecar, "kubectl", false)
				if n := len(field(t, two, "spec", "template", "spec", "containers").([]any)); n != 2 {
					t.Fatalf("%d containers after adding the sidecar", n)
				}
				return m.Apply(two, []byte(myapp), "kubectl", false)
			},
			wantReplica: float64(3), wantEntries: []string{"kubectl/Apply"},
			check: func(t *testing.T, out []byte) {
				if got := mustJSON(t, field(t, out, "spec", "template", "spec", "containers")); !strings.Contains(string(got), `"name":"myapp"`) || strings.Contains(string(got), "sidecar") {
					t.Errorf("containers = %s", got)
				}
			},
		},
		{
			name: "finalizers are owned value by value, and one no longer applied goes",
			run: func(m *patch.FieldManager, created []byte) ([]byte, error) {
				two := mustApply(t, m, created, strings.Replace(myapp, "  name: myapp\n", "  name: myapp\n  finalizers: [example.com/a, example.com/b]\n", 1), "kubectl", false)
				if got := summarize(t, two)[0].Fields; !strings.Contains(got, `"f:finalizers":{"v:\"example.com/a\"":{},"v:\"example.com/b\"":{}}`) {
					t.Fatalf("fields = %s", got)
				}
				return m.Apply(two, []byte(strings.Replace(myapp, "  name: myapp\n", "  name: myapp\n  finalizers: [example.com/b]\n", 1)), "kubectl", false)
			},
			wantReplica: float64(3), wantEntries: []string{"kubectl/Apply"},
			check: func(t *testing.T, out []byte) {
				if got := field(t, out, "metadata", "finalizers"); !cmp.Equal(got, []any{"example.com/b"}) {
					t.Errorf("finalizers = %v", got)
				}
			},
		},
		{
			name: "a writer through a subresource is named with it",
			run: func(m *patch.FieldManager, created []byte) ([]byte, error) {
				scale := &patch.FieldManager{Schema: m.Schema, APIVersion: "apps/v1", Subresource: "scale", ResetFields: []string{"status"}, Now: m.Now}
				scaled := editJSON(created, func(obj map[string]any) { obj["spec"].(map[string]any)["replicas"] = 7 })
				written, err := scale.RecordUpdate(created, scaled, "kube-controller-manager")
				if err != nil {
					return nil, err
				}
				return m.Apply(written, []byte(myapp), "kubectl", false)
			},
			wantErr: `Apply failed with 1 conflict: conflict with "kube-controller-manager" with subresource "scale" using apps/v1: .spec.replicas`,
		},
		{
			name: "dropping the last rollingUpdate field drops rollingUpdate",
			run: func(m *patch.FieldManager, created []byte) ([]byte, error) {
				rolling := strings.Replace(myapp, "  replicas: 3\n", "  replicas: 3\n  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: 1\n", 1)
				first := mustApply(t, m, created, rolling, "kubectl", false)
				recreate := strings.Replace(myapp, "  replicas: 3\n", "  replicas: 3\n  strategy:\n    type: Recreate\n", 1)
				return m.Apply(first, []byte(recreate), "kubectl", false)
			},
			wantReplica: float64(3), wantEntries: []string{"kubectl/Apply"},
			check: func(t *testing.T, out []byte) {
				if got := field(t, out, "spec", "strategy"); !cmp.Equal(got, map[string]any{"type": "Recreate"}) {
					t.Errorf("strategy = %v", got)
				}
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := deploymentManager()
			out, err := tc.run(m, mustApply(t, m, nil, myapp, "kubectl", false))
			if tc.wantErr != "" {
				st := statusOf(t, err)
				if st.Code != http.StatusConflict || st.Reason != metav1.StatusReasonConflict || st.Message != tc.wantErr {
					t.Errorf("got %d %q %q, want 409 Conflict %q", st.Code, st.Reason, st.Message, tc.wantErr)
				}
				if tc.wantCauses != nil && (st.Details == nil || !cmp.Equal(tc.wantCauses, st.Details.Causes)) {
					t.Errorf("causes = %+v, want %+v", st.Details, tc.wantCauses)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := field(t, out, "spec", "replicas"); got != tc.wantReplica {
				t.Errorf("replicas = %v, want %v", got, tc.wantReplica)
			}
			var entries []string
			for _, e := range summarize(t, out) {
				entries = append(entries, e.Manager+"/"+e.Operation)
			}
			if diff := cmp.Diff(tc.wantEntries, entries); diff != "" {
				t.Errorf("entries (-want +got):\n%s", diff)
			}
			if tc.check != nil {
				tc.check(t, out)
			}
		})
	}
}

// A configuration the server cannot use is refused with upstream's
// status and message.
func TestApplyErrors(t *testing.T) {
	for _, tc := range []struct {
		name        string
		config      string
		manager     string
		wantCode    int32
		wantMessage string
	}{
		{"no field manager", myapp, "", http.StatusUnprocessableEntity,
			`PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch`},
		{"another apiVersion", strings.Replace(myapp, "apps/v1", "apps/v1beta2", 1), "kubectl", http.StatusBadRequest,
			"Incorrect version specified in apply patch. Specified patch version: apps/v1beta2, expected: apps/v1"},
		{"managedFields in the configuration", strings.Replace(myapp, "  name: myapp\n", "  name: myapp\n  managedFields: []\n", 1), "kubectl",
			http.StatusBadRequest, "metadata.managedFields must be nil"},
		{"not YAML", "spec: [", "kubectl", http.StatusBadRequest, "error decoding YAML: "},
		{"a strategic merge directive", strings.Replace(myapp, "  replicas: 3\n", "  replicas: 3\n  $retainKeys: [replicas]\n", 1), "kubectl",
			http.StatusBadRequest, "failed to create typed patch object: .spec.$retainKeys: field not declared in schema"},
		{"a container without a name", strings.Replace(myapp, "      - name: myapp\n        image", "      - image", 1), "kubectl",
			http.StatusInternalServerError, `.spec.template.spec.containers: element 0: associative list with keys has an element that omits key field "name"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := deploymentManager().Apply(nil, []byte(tc.config), tc.manager, false)
			st := statusOf(t, err)
			if st.Code != tc.wantCode || !strings.Contains(st.Message, tc.wantMessage) {
				t.Errorf("got %d %q, want %d containing %q", st.Code, st.Message, tc.wantCode, tc.wantMessage)
			}
		})
	}
}
