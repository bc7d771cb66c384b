package defaults

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	batchv1 "github.com/kubeworkbook/kubeworkbook/shared/api/batch/v1"
	coordinationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/coordination/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	discoveryv1 "github.com/kubeworkbook/kubeworkbook/shared/api/discovery/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
)

// Talk 004, step 2 ("Save Objects"): whatever the kind, the object saved
// is the defaulted one. Each row checks one default that proves Default
// reached the kind's function.
func TestDefaultDispatch(t *testing.T) {
	tests := []struct {
		name string
		obj  metav1.Object
		got  func(metav1.Object) any
		want any
	}{
		{"Pod", &corev1.Pod{}, func(o metav1.Object) any { return *o.(*corev1.Pod).Spec.EnableServiceLinks }, true},
		{"Service", &corev1.Service{}, func(o metav1.Object) any { return o.(*corev1.Service).Spec.Type }, corev1.ServiceTypeClusterIP},
		{"Endpoints", &corev1.Endpoints{Subsets: []corev1.EndpointSubset{{Ports: []corev1.EndpointPort{{Port: 1}}}}},
			func(o metav1.Object) any { return o.(*corev1.Endpoints).Subsets[0].Ports[0].Protocol }, corev1.ProtocolTCP},
		{"Namespace", &corev1.Namespace{}, func(o metav1.Object) any { return o.(*corev1.Namespace).Status.Phase }, corev1.NamespaceActive},
		{"Secret", &corev1.Secret{}, func(o metav1.Object) any { return o.(*corev1.Secret).Type }, corev1.SecretTypeOpaque},
		{"Node", &corev1.Node{Status: corev1.NodeStatus{Capacity: corev1.ResourceList{}}},
			func(o metav1.Object) any { return o.(*corev1.Node).Status.Allocatable != nil }, true},
		{"PersistentVolume", &corev1.PersistentVolume{},
			func(o metav1.Object) any { return o.(*corev1.PersistentVolume).Spec.PersistentVolumeReclaimPolicy }, corev1.PersistentVolumeReclaimRetain},
		{"PersistentVolumeClaim", &corev1.PersistentVolumeClaim{},
			func(o metav1.Object) any { return o.(*corev1.PersistentVolumeClaim).Status.Phase }, corev1.ClaimPending},
		{"LimitRange", &corev1.LimitRange{Spec: corev1.LimitRangeSpec{Limits: []corev1.LimitRangeItem{{Type: corev1.LimitTypeContainer,
			Max: corev1.ResourceList{"cpu": {}}}}}},
			func(o metav1.Object) any { return len(o.(*corev1.LimitRange).Spec.Limits[0].Default) }, 1},
		{"Deployment", &appsv1.Deployment{}, func(o metav1.Object) any { return *o.(*appsv1.Deployment).Spec.ProgressDeadlineSeconds }, int32(600)},
		{"ReplicaSet", &appsv1.ReplicaSet{}, func(o metav1.Object) any { return *o.(*appsv1.ReplicaSet).Spec.Replicas }, int32(1)},
		{"Job", &batchv1.Job{}, func(o metav1.Object) any { return *o.(*batchv1.Job).Spec.BackoffLimit }, int32(6)},
		{"EndpointSlice", &discoveryv1.EndpointSlice{Ports: []discoveryv1.EndpointPort{{}}},
			func(o metav1.Object) any { return *o.(*discoveryv1.EndpointSlice).Ports[0].Protocol }, corev1.ProtocolTCP},
		{"RoleBinding", &rbacv1.RoleBinding{}, func(o metav1.Object) any { return o.(*rbacv1.RoleBinding).RoleRef.APIGroup }, rbacv1.GroupName},
		{"ClusterRoleBinding", &rbacv1.ClusterRoleBinding{},
			func(o metav1.Object) any { return o.(*rbacv1.ClusterRoleBinding).RoleRef.APIGroup }, rbacv1.GroupName},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			Default(tc.obj)
			if got := tc.got(tc.obj); got != tc.want {
				t.Errorf("after Default: %v, want %v", got, tc.want)
			}
		})
	}
}

// Kinds upstream does not default come out byte for byte as they went in.
func TestDefaultLeavesOtherKinds(t *testing.T) {
	tests := []struct {
		name string
		obj  metav1.Object
	}{
		{"ConfigMap", &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "cfg"}}},
		{"Event", &corev1.Event{ObjectMeta: metav1.ObjectMeta{Name: "ev"}}},
		{"ServiceAccount", &corev1.ServiceAccount{ObjectMeta: metav1.ObjectMeta{Name: "default"}}},
		{"Lease", &coordinationv1.Lease{ObjectMeta: metav1.ObjectMeta{Name: "kube-scheduler"}}},
		{"ClusterRole", &rbacv1.ClusterRole{ObjectMeta: metav1.ObjectMeta{Name: "view"}}},
		{"Binding", &corev1.Binding{ObjectMeta: metav1.ObjectMeta{Name: "web-0"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := mustJSON(t, tc.obj)
			Default(tc.obj)
			if after := mustJSON(t, tc.obj); after != before {
				t.Errorf("Default changed a kind without defaults:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

// sample is one object a property test runs over, named for its origin.
type sample struct {
	name string
	obj  metav1.Object
}

// samples returns the objects the property tests run over: the zero
// object of every kind in the shared registry, every fixture of
// shared/api (objects upstream stored, and the dry-run output of
// kubectl), and this package's own examples.
func samples(t *testing.T) []sample {
	t.Helper()
	var out []sample
	for _, r := range scheme.All() {
		out = append(out, sample{"zero " + r.Kind, r.New()})
	}
	for _, path := range fixturePaths(t) {
		if obj := decodeFixture(t, path); obj != nil {
			out = append(out, sample{fixtureName(path), obj})
		}
	}
	out = append(out,
		sample{"create deployment nginx", createDeploymentNginx()},
		sample{"pod with everything", podWithEverything()},
		sample{"LoadBalancer service", &corev1.Service{Spec: corev1.ServiceSpec{Type: corev1.ServiceTypeLoadBalancer,
			SessionAffinity: corev1.ServiceAffinityClientIP, Ports: []corev1.ServicePort{{Port: 443}}}}},
	)
	return out
}

// Talk 000, "Write to etcd!": an update sends back a stored object, and
// defaulting it again must not change a byte - else every no-op update
// would bump the generation and restart a rollout.
func TestDefaultIsIdempotent(t *testing.T) {
	for _, s := range samples(t) {
		t.Run(s.name, func(t *testing.T) {
			Default(s.obj)
			once := mustJSON(t, s.obj)
			Default(s.obj)
			if twice := mustJSON(t, s.obj); twice != once {
				t.Errorf("second Default changed the object:\nonce  %s\ntwice %s", once, twice)
			}
		})
	}
}

// Every value the client sent is still there, unchanged, after Default:
// defaults only add. Left out of the check:
//
//   - null: JSON's "unset";
//   - fields whose Go zero value is written although it means "unset"
//     (no omitempty, or a struct): roleRef.apiGroup "", a service port's
//     targetPort 0;
//   - the one field the server owns, the namespace name label, and
//     sessionAffinityConfig, which upstream drops when affinity is None.
func TestDefaultKeepsUserValues(t *testing.T) {
	notUserValues := map[string]bool{
		".roleRef.apiGroup":                     true,
		".spec.ports[].targetPort":              true,
		".metadata.labels." + LabelMetadataName: true,
		".spec.sessionAffinityConfig":           true,
	}
	for _, s := range samples(t) {
		t.Run(s.name, func(t *testing.T) {
			before := decodeJSON(t, mustJSON(t, s.obj))
			Default(s.obj)
			after := decodeJSON(t, mustJSON(t, s.obj))
			for _, problem := range missingFrom(before, after, "", notUserValues) {
				t.Errorf("%s: user value overwritten", problem)
			}
		})
	}
}

// knownFixtureGaps are the places where a shared/api fixture, written by
// hand in upstream's shape, lacks a default upstream would have stored:
// a gRPC probe's service ("" upstream, null in the fixture) and a
// Service's sessionAffinity (always None or ClientIP upstream).
var knownFixtureGaps = map[string]map[string]bool{
	"pod.json":                  {".spec.containers[].readinessProbe.grpc.service": true},
	"service-loadbalancer.json": {".spec.sessionAffinity": true},
}

// Objects that upstream itself stored are already defaulted, so Default
// must add nothing to them. A default upstream does not apply (say,
// enableServiceLinks on a Deployment's template) would show up here.
func TestUpstreamStoredObjectsAreFixedPoints(t *testing.T) {
	for _, path := range fixturePaths(t) {
		if strings.Contains(path, "dry-run") {
			continue // client-side output, never defaulted by a server
		}
		obj := decodeFixture(t, path)
		if obj == nil {
			continue
		}
		t.Run(fixtureName(path), func(t *testing.T) {
			before := decodeJSON(t, mustJSON(t, obj))
			Default(obj)
			after := decodeJSON(t, mustJSON(t, obj))
			for _, change := range missingFrom(after, before, "", knownFixtureGaps[filepath.Base(path)]) {
				t.Errorf("%s (defaulted -> stored): Default added to an object upstream stored", change)
			}
		})
	}
}

// missingFrom lists every leaf of before that after lacks or holds with a
// different value, as "path: before -> after". Lists must keep their
// length and are compared element by element. A null leaf is "unset" and
// not compared. skip names paths to leave out, with list indices written
// as [] (".spec.ports[].targetPort").
func missingFrom(before, after any, path string, skip map[string]bool) []string {
	if skip[listIndex.ReplaceAllString(path, "[]")] || before == nil {
		return nil
	}
	switch b := before.(type) {
	case map[string]any:
		a, ok := after.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: object -> %v", path, after)}
		}
		keys := make([]string, 0, len(b))
		for k := range b {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var out []string
		for _, k := range keys {
			out = append(out, missingFrom(b[k], a[k], path+"."+k, skip)...)
		}
		return out
	case []any:
		a, ok := after.([]any)
		if !ok || len(a) != len(b) {
			return []string{fmt.Sprintf("%s: %v -> %v", path, before, after)}
		}
		var out []string
		for i := range b {
			out = append(out, missingFrom(b[i], a[i], fmt.Sprintf("%s[%d]", path, i), skip)...)
		}
		return out
	default:
		if !reflect.DeepEqual(before, after) {
			return []string{fmt.Sprintf("%s: %v -> %v", path, before, after)}
		}
		return nil
	}
}

var listIndex = regexp.MustCompile(`\[\d+\]`)

// fixtureRoot holds the fixtures of the shared/api packages.
var fixtureRoot = filepath.Join("..", "..", "..", "shared", "api")

// fixtureName is path relative to fixtureRoot ("core/v1/testdata/pod.json").
func fixtureName(path string) string {
	rel, err := filepath.Rel(fixtureRoot, path)
	if err != nil {
		return path
	}
	return filepath.ToSlash(rel)
}

// fixturePaths lists the JSON and YAML fixtures of shared/api.
func fixturePaths(t *testing.T) []string {
	t.Helper()
	root := fixtureRoot
	var paths []string
	for _, pattern := range []string{"*/v1/testdata/*.json", "*/v1/testdata/*.yaml", "*/v1/testdata/*/*.yaml"} {
		m, err := filepath.Glob(filepath.Join(root, pattern))
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	if len(paths) < 20 {
		t.Fatalf("found %d fixtures under %s, want the shared/api testdata (at least 20)", len(paths), root)
	}
	return paths
}

// decodeFixture decodes a fixture into its Go type, or returns nil for a
// kind the registry does not serve.
func decodeFixture(t *testing.T, path string) metav1.Object {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if data, err = yaml.YAMLToJSON(data); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var u map[string]any
	if err := json.Unmarshal(data, &u); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	obj, err := scheme.FromUnstructured(u)
	if err != nil {
		return nil
	}
	return obj
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal %T: %v", v, err)
	}
	return string(data)
}

func decodeJSON(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	return v
}
