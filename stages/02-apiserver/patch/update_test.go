package patch_test

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/patch"
)

// nginxCreated is a Deployment as `kubectl create deployment nginx
// --image=nginx` leaves it after the server has defaulted it.
const nginxCreated = `{"apiVersion":"apps/v1","kind":"Deployment",
 "metadata":{"name":"nginx","namespace":"default","uid":"7c0e","resourceVersion":"42","generation":1,
   "creationTimestamp":"2024-05-01T09:00:00Z","labels":{"app":"nginx"}},
 "spec":{"replicas":1,"selector":{"matchLabels":{"app":"nginx"}},
   "template":{"metadata":{"labels":{"app":"nginx"}},"spec":{"containers":[{"name":"nginx","image":"nginx"}]}},
   "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"}}},
 "status":{}}`

// A create records an Update entry for its manager with every field it
// set, compared against an empty Deployment as upstream does: maps and
// list items the create made are owned themselves (".") besides their
// fields; identity fields and the status are nobody's.
func TestRecordUpdateCreate(t *testing.T) {
	out, err := deploymentManager().RecordUpdate(nil, []byte(nginxCreated), "kubectl-create")
	if err != nil {
		t.Fatal(err)
	}
	want := []entrySummary{{Manager: "kubectl-create", Operation: "Update", APIVersion: "apps/v1", Time: "10:00:00",
		Fields: `{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{"f:matchLabels":{".":{},"f:app":{}}},` +
			`"f:strategy":{"f:rollingUpdate":{".":{},"f:maxSurge":{},"f:maxUnavailable":{}},"f:type":{}},` +
			`"f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:name":{}}}}}}}`}}
	if diff := cmp.Diff(want, summarize(t, out)); diff != "" {
		t.Errorf("managedFields (-want +got):\n%s", diff)
	}
}

// editJSON returns doc changed by edit.
func editJSON(doc []byte, edit func(obj map[string]any)) []byte {
	var obj map[string]any
	if err := json.Unmarshal(doc, &obj); err != nil {
		panic(err)
	}
	edit(obj)
	out, err := json.Marshal(obj)
	if err != nil {
		panic(err)
	}
	return out
}

// Updates after an apply: talk 002's "kubectl edit deploy ghost (change
// the nr. of replicas to 3)" takes replicas from the applier.
func TestRecordUpdate(t *testing.T) {
	for _, tc := range []struct {
		name        string
		edit        func(obj map[string]any) // turns the applied object into the updated one
		manager     string
		wantEntries []entrySummary
	}{
		{
			name:    "kubectl edit of replicas takes the field from the applier",
			edit:    func(obj map[string]any) { obj["spec"].(map[string]any)["replicas"] = 4 },
			manager: "kubectl-edit",
			wantEntries: []entrySummary{
				{Manager: "kubectl", Operation: "Apply", APIVersion: "apps/v1", Time: "10:00:00",
					Fields: strings.Replace(myappFields, `"f:replicas":{},`, "", 1)},
				{Manager: "kubectl-edit", Operation: "Update", APIVersion: "apps/v1", Time: "10:01:00", Fields: `{"f:spec":{"f:replicas":{}}}`},
			},
		},
		{
			name:    "a write that changes nothing records nothing",
			edit:    func(map[string]any) {},
			manager: "kubectl-edit",
			wantEntries: []entrySummary{
				{Manager: "kubectl", Operation: "Apply", APIVersion: "apps/v1", Time: "10:00:00", Fields: myappFields},
			},
		},
		{
			name:    "a removed label is owned by nobody after",
			edit:    func(obj map[string]any) { delete(obj["metadata"].(map[string]any), "labels") },
			manager: "kubectl-label",
			wantEntries: []entrySummary{
				{Manager: "kubectl", Operation: "Apply", APIVersion: "apps/v1", Time: "10:00:00",
					Fields: strings.Replace(myappFields, `"f:metadata":{"f:labels":{"f:app":{}}},`, "", 1)},
			},
		},
		{
			name:        `"managedFields: [{}]" clears the entries before the update is recorded`,
			edit:        func(obj map[string]any) { obj["metadata"].(map[string]any)["managedFields"] = []any{map[string]any{}} },
			manager:     "kubectl-edit",
			wantEntries: nil,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := deploymentManager()
			applied := mustApply(t, m, nil, myapp, "kubectl", false)
			out, err := m.RecordUpdate(applied, editJSON(applied, tc.edit), tc.manager)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.wantEntries, summarize(t, out)); diff != "" {
				t.Errorf("managedFields (-want +got):\n%s", diff)
			}
		})
	}
}

// A request without ?fieldManager is recorded under the first word of its
// User-Agent, as upstream does.
func TestManagerOrUserAgent(t *testing.T) {
	for _, tc := range []struct{ name, fieldManager, userAgent, want string }{
		{"the parameter wins", "helm", "kubectl/v1.37.2 (linux/amd64) kubernetes/abc1234", "helm"},
		{"kubectl edit", "", "kubectl-edit/v1.37.2 (linux/amd64) kubernetes/abc1234", "kubectl-edit"},
		{"client-go default", "", "main/v0.0.0 (linux/amd64) kubernetes/$Format", "main"},
		{"unprintable characters dropped", "", "bad\x00agent/1.0", "badagent"},
		{"cut to 128 bytes", "", strings.Repeat("x", 200), strings.Repeat("x", 128)},
		{"no user agent", "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := patch.ManagerOrUserAgent(tc.fieldManager, tc.userAgent); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// PATCH options are checked with upstream's 422 about PatchOptions.
func TestValidatePatchOptions(t *testing.T) {
	yes := true
	for _, tc := range []struct {
		name         string
		pt           patch.PatchType
		fieldManager string
		force        *bool
		want         string
	}{
		{"apply with a manager", patch.ApplyPatchType, "kubectl", &yes, ""},
		{"merge patch without a manager", patch.MergePatchType, "", nil, ""},
		{"apply without a manager", patch.ApplyPatchType, "", nil,
			`PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch`},
		{"force on a merge patch", patch.MergePatchType, "", &yes,
			`PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch`},
		{"a manager name too long", patch.StrategicMergePatchType, strings.Repeat("m", 129), nil,
			`PatchOptions.meta.k8s.io "" is invalid: fieldManager: Too long: must have at most 128 bytes`},
		{"an unprintable manager name", patch.StrategicMergePatchType, "a\tb", nil,
			`fieldManager: Invalid value: "a\tb": invalid character U+0009 (at position 1)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := patch.ValidatePatchOptions(tc.pt, tc.fieldManager, tc.force)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			st := statusOf(t, err)
			if st.Code != http.StatusUnprocessableEntity || !strings.Contains(st.Message, tc.want) {
				t.Errorf("got %d %q, want 422 containing %q", st.Code, st.Message, tc.want)
			}
			if st.Details == nil || st.Details.Kind != "PatchOptions" || st.Details.Group != "meta.k8s.io" || len(st.Details.Causes) != 1 ||
				!strings.HasPrefix(st.Details.Causes[0].Field, "f") {
				t.Errorf("details = %+v", st.Details)
			}
		})
	}
}

// UpdateManagedFields is RecordUpdate for a caller holding the Go object:
// its entries are exactly those decoding RecordUpdate's result gives, down
// to the bytes of each FieldsV1 and the zone of each time, so create and
// PUT record what a patch records (talk 004, step 1: every write leaves
// its manager's entry).
func TestUpdateManagedFieldsMatchesRecordUpdate(t *testing.T) {
	applied := mustApply(t, deploymentManager(), nil, myapp, "kubectl", false)
	for _, tc := range []struct {
		name     string
		old, new []byte
		manager  string
	}{
		{"a create", nil, []byte(nginxCreated), "kubectl-create"},
		{"an edit after an apply", applied,
			editJSON(applied, func(obj map[string]any) { obj["spec"].(map[string]any)["replicas"] = 4 }), "kubectl-edit"},
		{"an edit that changes nothing", applied, applied, "kubectl-edit"},
		{"a reset of the entries", applied,
			editJSON(applied, func(obj map[string]any) { obj["metadata"].(map[string]any)["managedFields"] = []any{map[string]any{}} }),
			"kubectl-edit"},
		{"labels that need escaping", nil,
			editJSON([]byte(nginxCreated), func(obj map[string]any) {
				obj["metadata"].(map[string]any)["labels"] = map[string]any{"a<b&c": "x", "tier": "web", "Zed": "y"}
			}), "kubectl-create"},
		{"a manager name that is not UTF-8", applied,
			editJSON(applied, func(obj map[string]any) { obj["spec"].(map[string]any)["paused"] = true }), "bad\xffname"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Two managers, so both calls read the same time from their clocks.
			recorded, err := deploymentManager().RecordUpdate(tc.old, tc.new, tc.manager)
			if err != nil {
				t.Fatal(err)
			}
			want := managedFields(t, recorded)
			got, err := deploymentManager().UpdateManagedFields(tc.old, tc.new, tc.manager)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				g, _ := json.Marshal(got)
				w, _ := json.Marshal(want)
				t.Errorf("entries differ from RecordUpdate's:\n got %s\nwant %s", g, w)
			}
		})
	}
}
