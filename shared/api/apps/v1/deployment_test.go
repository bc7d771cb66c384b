package appsv1

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/shared/api/internal/apitest"

	"github.com/google/go-cmp/cmp"
	"sigs.k8s.io/yaml"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// dryRunDeployment is the object `kubectl create deployment nginx
// --image=nginx` builds before it prints or sends it.
func dryRunDeployment() *Deployment {
	replicas := int32(1)
	labels := map[string]string{"app": "nginx"}
	return &Deployment{
		TypeMeta:   metav1.TypeMeta{APIVersion: "apps/v1", Kind: "Deployment"},
		ObjectMeta: metav1.ObjectMeta{Name: "nginx", Labels: labels},
		Spec: DeploymentSpec{
			Replicas: &replicas,
			Selector: &metav1.LabelSelector{MatchLabels: labels},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: labels},
				Spec: corev1.PodSpec{
					Containers: []corev1.Container{{Name: "nginx", Image: "nginx"}},
				},
			},
		},
	}
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// Talk 000 opens with `kubectl create deployment nginx --image=nginx`; talk
// 001 explains the generator behind it. The dry-run output must equal
// upstream kubectl v1.37's byte for byte, in both printers. The testdata files hold upstream's output:
// "strategy: {}", "resources: {}" and "status: {}" appear because they are
// struct values, and no "creationTimestamp: null" appears because
// metav1.ObjectMeta omits the zero time.
func TestDryRunOutputMatchesUpstream(t *testing.T) {
	d := dryRunDeployment()
	t.Run("json", func(t *testing.T) {
		got, err := json.MarshalIndent(d, "", "    ")
		if err != nil {
			t.Fatal(err)
		}
		want := bytes.TrimSuffix(readFile(t, "dry-run-deployment.json"), []byte("\n"))
		if diff := cmp.Diff(string(want), string(got)); diff != "" {
			t.Errorf("-o json differs from upstream (-want +got):\n%s", diff)
		}
	})
	t.Run("yaml", func(t *testing.T) {
		got, err := yaml.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		want := readFile(t, "dry-run-deployment.yaml")
		if diff := cmp.Diff(string(want), string(got)); diff != "" {
			t.Errorf("-o yaml differs from upstream (-want +got):\n%s", diff)
		}
	})
}

// Objects as the API server returns them decode with no unknown field and
// encode to the same document.
func TestRoundTrip(t *testing.T) {
	tests := []struct {
		file string
		obj  any
	}{
		{file: "deployment.json", obj: &Deployment{}},
		{file: "replicaset.json", obj: &ReplicaSet{}},
		{file: "dry-run-deployment.json", obj: &Deployment{}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			apitest.RoundTrip(t, tc.file, tc.obj)
		})
	}
}

// The rolling update parameters keep their int-or-percent form.
func TestRollingUpdateValues(t *testing.T) {
	var d Deployment
	if err := json.Unmarshal(readFile(t, "deployment.json"), &d); err != nil {
		t.Fatal(err)
	}
	ru := d.Spec.Strategy.RollingUpdate
	if got := ru.MaxUnavailable.String(); got != "25%" {
		t.Errorf("maxUnavailable = %q, want 25%%", got)
	}
	if got := ru.MaxSurge.IntValue(); got != 1 {
		t.Errorf("maxSurge = %d, want 1", got)
	}
	if d.Spec.Strategy.Type != RollingUpdateDeploymentStrategyType {
		t.Errorf("strategy type = %q", d.Spec.Strategy.Type)
	}
}

// The shapes of empty objects follow from the pointer and omitempty
// choices: a nil selector is null, a ReplicaSet status always has
// replicas.
func TestZeroValueShape(t *testing.T) {
	tests := []struct {
		name string
		obj  any
		want string
	}{
		{
			name: "deployment",
			obj:  Deployment{},
			want: `{"metadata":{},"spec":{"selector":null,"template":{"metadata":{},"spec":{"containers":null}},"strategy":{}},"status":{}}`,
		},
		{
			name: "replicaset",
			obj:  ReplicaSet{},
			want: `{"metadata":{},"spec":{"selector":null,"template":{"metadata":{},"spec":{"containers":null}}},"status":{"replicas":0}}`,
		},
		{
			name: "deployment condition writes null times",
			obj:  DeploymentCondition{Type: DeploymentAvailable, Status: corev1.ConditionTrue},
			want: `{"type":"Available","status":"True","lastUpdateTime":null,"lastTransitionTime":null}`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := json.Marshal(tc.obj)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("json.Marshal\n got: %s\nwant: %s", got, tc.want)
			}
		})
	}
}
