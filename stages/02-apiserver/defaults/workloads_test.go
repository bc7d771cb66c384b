package defaults

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"sigs.k8s.io/yaml"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	batchv1 "github.com/kubeworkbook/kubeworkbook/shared/api/batch/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/intstr"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

var update = flag.Bool("update", false, "rewrite testdata golden files from the current output")

// createDeploymentNginx is the Deployment `kubectl create deployment nginx
// --image=nginx` sends, as stage 1's GenerateDeployment builds it
// (stages/01-kubectl/kubectl/generate_deployment.go): labels app=nginx on
// the object, selector and template, replicas 1, one container named
// after the image.
func createDeploymentNginx() *appsv1.Deployment {
	labels := map[string]string{"app": "nginx"}
	return &appsv1.Deployment{
		TypeMeta:   metav1.TypeMeta{APIVersion: "apps/v1", Kind: "Deployment"},
		ObjectMeta: metav1.ObjectMeta{Name: "nginx", Labels: labels},
		Spec: appsv1.DeploymentSpec{
			Replicas: ptr(int32(1)),
			Selector: &metav1.LabelSelector{MatchLabels: labels},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: labels},
				Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "nginx", Image: "nginx"}}},
			},
		},
	}
}

// goldenHeader opens testdata/create-deployment-nginx.yaml; the rest of
// the file is the defaulted object.
const goldenHeader = "# `kubectl create deployment nginx --image=nginx` after the API server's\n" +
	"# defaults: the shape `kubectl get deployment nginx -o yaml` shows upstream,\n" +
	"# minus what the strategy and the controllers add later (uid,\n" +
	"# creationTimestamp, generation, resourceVersion, status).\n"

// Talk 001, "generators" and talk 000, "Write to etcd!": what kubectl's
// generator sends, once defaulted, is exactly what upstream stores and
// `kubectl get deployment nginx -o yaml` prints (progressDeadlineSeconds
// 600, revisionHistoryLimit 10, RollingUpdate 25%/25%, imagePullPolicy
// Always, terminationMessagePath, dnsPolicy, schedulerName, an empty
// securityContext, a 30 s grace period - and no enableServiceLinks in the
// template).
func TestCreateDeploymentNginxGolden(t *testing.T) {
	d := createDeploymentNginx()
	Default(d)
	got, err := yaml.Marshal(d)
	if err != nil {
		t.Fatalf("marshal defaulted deployment: %v", err)
	}
	path := filepath.Join("testdata", "create-deployment-nginx.yaml")
	if *update {
		if err := os.WriteFile(path, append([]byte(goldenHeader), got...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file: %v", err)
	}
	want, ok := bytes.CutPrefix(want, []byte(goldenHeader))
	if !ok {
		t.Fatalf("%s does not start with the expected comment header", path)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("defaulted deployment differs from upstream's stored shape (-want +got):\n%s", diff)
	}
}

// Talk 004, step 2 ("Save Objects"): the API server saves Deployments,
// defaulted, for the controllers to fetch in step 3.
func TestDeployment(t *testing.T) {
	quarter := intstr.FromString("25%")
	tests := []struct {
		name  string
		in    appsv1.DeploymentSpec
		check func(t *testing.T, s *appsv1.DeploymentSpec)
	}{
		{
			name: "talk 004 manifest keeps replicas 3 and gets TCP and IfNotPresent",
			in: appsv1.DeploymentSpec{Replicas: ptr(int32(3)), Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{
				Containers: []corev1.Container{{Name: "myapp", Image: "myapp:1.0.0", Ports: []corev1.ContainerPort{{ContainerPort: 80}}}}}}},
			check: func(t *testing.T, s *appsv1.DeploymentSpec) {
				c := s.Template.Spec.Containers[0]
				if *s.Replicas != 3 || c.ImagePullPolicy != corev1.PullIfNotPresent || c.Ports[0].Protocol != corev1.ProtocolTCP {
					t.Errorf("replicas %d, pull policy %s, protocol %s; want 3, IfNotPresent, TCP", *s.Replicas, c.ImagePullPolicy, c.Ports[0].Protocol)
				}
			},
		},
		{
			name: "replicas 0 is kept",
			in:   appsv1.DeploymentSpec{Replicas: ptr(int32(0))},
			check: func(t *testing.T, s *appsv1.DeploymentSpec) {
				if *s.Replicas != 0 {
					t.Errorf("replicas = %d, want 0", *s.Replicas)
				}
			},
		},
		{
			name: "Recreate gets no rollingUpdate",
			in:   appsv1.DeploymentSpec{Strategy: appsv1.DeploymentStrategy{Type: appsv1.RecreateDeploymentStrategyType}},
			check: func(t *testing.T, s *appsv1.DeploymentSpec) {
				if s.Strategy.RollingUpdate != nil {
					t.Errorf("rollingUpdate = %+v, want nil for Recreate", s.Strategy.RollingUpdate)
				}
			},
		},
		{
			name: "partial rollingUpdate: the missing bound is filled, the given one kept",
			in: appsv1.DeploymentSpec{Strategy: appsv1.DeploymentStrategy{
				RollingUpdate: &appsv1.RollingUpdateDeployment{MaxSurge: ptr(intstr.FromInt32(0))}}},
			check: func(t *testing.T, s *appsv1.DeploymentSpec) {
				ru := s.Strategy.RollingUpdate
				if s.Strategy.Type != appsv1.RollingUpdateDeploymentStrategyType || *ru.MaxSurge != intstr.FromInt32(0) || *ru.MaxUnavailable != quarter {
					t.Errorf("strategy = %s %+v %+v, want RollingUpdate, maxSurge 0, maxUnavailable 25%%", s.Strategy.Type, *ru.MaxSurge, *ru.MaxUnavailable)
				}
			},
		},
		{
			name: "history and deadline kept",
			in:   appsv1.DeploymentSpec{RevisionHistoryLimit: ptr(int32(0)), ProgressDeadlineSeconds: ptr(int32(60))},
			check: func(t *testing.T, s *appsv1.DeploymentSpec) {
				if *s.RevisionHistoryLimit != 0 || *s.ProgressDeadlineSeconds != 60 {
					t.Errorf("revisionHistoryLimit %d, progressDeadlineSeconds %d; want 0, 60", *s.RevisionHistoryLimit, *s.ProgressDeadlineSeconds)
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := &appsv1.Deployment{Spec: tc.in}
			Deployment(d)
			tc.check(t, &d.Spec)
		})
	}
}

// Talk 000, "ReplicaSets controller": a ReplicaSet made by hand is stored
// with replicas 1 and a defaulted template.
func TestReplicaSet(t *testing.T) {
	rs := &appsv1.ReplicaSet{Spec: appsv1.ReplicaSetSpec{Template: corev1.PodTemplateSpec{
		Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "web", Image: "nginx:1.27"}}}}}}
	ReplicaSet(rs)
	if *rs.Spec.Replicas != 1 || rs.Spec.Template.Spec.RestartPolicy != corev1.RestartPolicyAlways {
		t.Errorf("replicas %d, restartPolicy %q; want 1, Always", *rs.Spec.Replicas, rs.Spec.Template.Spec.RestartPolicy)
	}
	if rs.Spec.Template.Spec.EnableServiceLinks != nil {
		t.Error("template got enableServiceLinks, a pod-only default")
	}
}

// Talk 004, step 2: Jobs are saved with their completion and retry
// settings filled in.
func TestJob(t *testing.T) {
	i32 := func(v int32) *int32 { return &v }
	nonIndexed := batchv1.NonIndexedCompletion
	indexed := batchv1.IndexedCompletion
	tests := []struct {
		name                              string
		in                                batchv1.JobSpec
		completions, parallelism, backoff *int32
		mode                              *batchv1.CompletionMode
		suspend, manualSelector           bool
	}{
		{name: "nothing set: one pod run once", in: batchv1.JobSpec{},
			completions: i32(1), parallelism: i32(1), backoff: i32(6), mode: &nonIndexed},
		{name: "parallelism only: completions stays unset (work queue)", in: batchv1.JobSpec{Parallelism: i32(5)},
			completions: nil, parallelism: i32(5), backoff: i32(6), mode: &nonIndexed},
		{name: "completions only: parallelism 1", in: batchv1.JobSpec{Completions: i32(4)},
			completions: i32(4), parallelism: i32(1), backoff: i32(6), mode: &nonIndexed},
		{name: "user values kept",
			in: batchv1.JobSpec{Completions: i32(3), Parallelism: i32(0), BackoffLimit: i32(0), CompletionMode: &indexed,
				Suspend: ptr(true), ManualSelector: ptr(true)},
			completions: i32(3), parallelism: i32(0), backoff: i32(0), mode: &indexed, suspend: true, manualSelector: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			j := &batchv1.Job{Spec: tc.in}
			Job(j)
			got := []any{j.Spec.Completions, j.Spec.Parallelism, j.Spec.BackoffLimit, j.Spec.CompletionMode, *j.Spec.Suspend, *j.Spec.ManualSelector}
			want := []any{tc.completions, tc.parallelism, tc.backoff, tc.mode, tc.suspend, tc.manualSelector}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("completions, parallelism, backoffLimit, completionMode, suspend, manualSelector (-want +got):\n%s", diff)
			}
		})
	}
}

func TestJobLabelsAndTemplate(t *testing.T) {
	tests := []struct {
		name       string
		labels     map[string]string
		tmplLabels map[string]string
		want       map[string]string
	}{
		{name: "no labels: copied from the template", tmplLabels: map[string]string{"app": "pi"}, want: map[string]string{"app": "pi"}},
		{name: "own labels kept", labels: map[string]string{"team": "a"}, tmplLabels: map[string]string{"app": "pi"}, want: map[string]string{"team": "a"}},
		{name: "neither: stays unset"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			j := &batchv1.Job{ObjectMeta: metav1.ObjectMeta{Labels: tc.labels}, Spec: batchv1.JobSpec{
				Template: corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: tc.tmplLabels}}}}
			Job(j)
			if diff := cmp.Diff(tc.want, j.Labels); diff != "" {
				t.Errorf("labels (-want +got):\n%s", diff)
			}
			if tc.tmplLabels != nil && tc.labels == nil {
				j.Labels["changed"] = "yes"
				if _, shared := j.Spec.Template.Labels["changed"]; shared {
					t.Error("job labels share the template's map")
				}
			}
		})
	}
}

// A Job's template must say OnFailure or Never; the Always that PodSpec
// defaults an unset policy to is what validation then rejects, as upstream.
func TestJobTemplateRestartPolicy(t *testing.T) {
	j := &batchv1.Job{Spec: batchv1.JobSpec{Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{RestartPolicy: corev1.RestartPolicyNever}}}}
	Job(j)
	if j.Spec.Template.Spec.RestartPolicy != corev1.RestartPolicyNever {
		t.Errorf("restartPolicy = %s, want Never kept", j.Spec.Template.Spec.RestartPolicy)
	}
	j = &batchv1.Job{}
	Job(j)
	if j.Spec.Template.Spec.RestartPolicy != corev1.RestartPolicyAlways {
		t.Errorf("restartPolicy = %q, want Always for validation to reject", j.Spec.Template.Spec.RestartPolicy)
	}
}
