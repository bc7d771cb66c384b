package validation

import (
	"strings"
	"testing"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	autoscalingv1 "github.com/kubeworkbook/kubeworkbook/shared/api/autoscaling/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/intstr"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/codec"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
)

// decodeDeployment decodes a manifest the way a server does when the
// client asked for no field validation: unknown fields are dropped. It
// then applies the defaults the server would.
func decodeDeployment(t *testing.T, manifest string) *appsv1.Deployment {
	t.Helper()
	docs, err := codec.DecodeManifests(strings.NewReader(manifest))
	if err != nil || len(docs) != 1 {
		t.Fatalf("decode manifest: %v (%d documents)", err, len(docs))
	}
	obj, err := scheme.FromUnstructured(docs[0])
	if err != nil {
		t.Fatalf("convert manifest: %v", err)
	}
	d := obj.(*appsv1.Deployment)
	d.Namespace = "default"
	d.Spec.Replicas = ptr(int32(1))
	d.Spec.Strategy = validDeployment().Spec.Strategy
	d.Spec.RevisionHistoryLimit = ptr(int32(10))
	d.Spec.ProgressDeadlineSeconds = ptr(int32(600))
	defaultSpec(&d.Spec.Template.Spec)
	return d
}

// Talk 002's declarative Deployment, sent by a client that skipped its
// own validation. Its pod spec is dedented one level, so it lands beside
// the template as spec.spec, which the server drops as unknown: the
// template has labels but no containers.
const dedentedDeployment = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: static-site
spec:
  selector:
    matchLabels:
      app: static-site
  template:
    metadata:
      labels:
        app: static-site
  spec:
    containers:
      - name: nginx
        image: nginx 1.23.2-alpine
    resources:
      limits:
        memory: "64Mi"
`

// The same Deployment indented correctly. Only the image is still wrong,
// and the server accepts it: in a template even outer whitespace is
// allowed, and inner whitespace is never checked server-side.
const indentedDeployment = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: static-site
spec:
  selector:
    matchLabels:
      app: static-site
  template:
    metadata:
      labels:
        app: static-site
    spec:
      containers:
        - name: nginx
          image: nginx 1.23.2-alpine
          resources:
            limits:
              memory: "64Mi"
`

func TestTalk002Deployment(t *testing.T) {
	tests := []struct {
		name     string
		manifest string
		want     []string
	}{
		{name: "dedented pod spec", manifest: dedentedDeployment, want: []string{"spec.template.spec.containers: Required value"}},
		{name: "indented, image with a space", manifest: indentedDeployment},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkErrors(t, ValidateCreate(decodeDeployment(t, tc.manifest)), tc.want...)
		})
	}
}

// Talk 000, "Deployment and ReplicaSet controllers": the selector is how
// the controllers find their pods, so it must select the template.
func TestValidateDeployment(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*appsv1.Deployment)
		want   []string
	}{
		{name: "valid", mutate: func(*appsv1.Deployment) {}},
		{
			name:   "no selector",
			mutate: func(d *appsv1.Deployment) { d.Spec.Selector = nil },
			want: []string{
				"spec.selector: Required value",
				"spec.template.metadata.labels: Invalid value: {\"app\":\"nginx\"}: `selector` does not match template `labels`",
			},
		},
		{
			name:   "selector does not match the template",
			mutate: func(d *appsv1.Deployment) { d.Spec.Selector.MatchLabels = map[string]string{"app": "web"} },
			want:   []string{"spec.template.metadata.labels: Invalid value: {\"app\":\"nginx\"}: `selector` does not match template `labels`"},
		},
		{
			name:   "empty selector",
			mutate: func(d *appsv1.Deployment) { d.Spec.Selector = &metav1.LabelSelector{} },
			want:   []string{"spec.selector: Invalid value: {}: empty selector is invalid for deployment"},
		},
		{
			name: "selector expression without values",
			mutate: func(d *appsv1.Deployment) {
				d.Spec.Selector.MatchExpressions = []metav1.LabelSelectorRequirement{{Key: "tier", Operator: metav1.LabelSelectorOpIn}}
				d.Spec.Template.Labels["tier"] = "web"
			},
			// Upstream also fails to build the selector, and says so.
			want: []string{
				"spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
				`spec.selector: Invalid value: {"matchLabels":{"app":"nginx"},"matchExpressions":[{"key":"tier","operator":"In"}]}: invalid label selector`,
			},
		},
		{
			name:   "negative replicas",
			mutate: func(d *appsv1.Deployment) { d.Spec.Replicas = ptr(int32(-1)) },
			want:   []string{"spec.replicas: Invalid value: -1: must be greater than or equal to 0"},
		},
		{
			name:   "no containers",
			mutate: func(d *appsv1.Deployment) { d.Spec.Template.Spec.Containers = nil },
			want:   []string{"spec.template.spec.containers: Required value"},
		},
		{
			name:   "missing image in the template",
			mutate: func(d *appsv1.Deployment) { d.Spec.Template.Spec.Containers[0].Image = "" },
			want:   []string{"spec.template.spec.containers[0].image: Required value"},
		},
		{
			name:   "template pods that do not restart",
			mutate: func(d *appsv1.Deployment) { d.Spec.Template.Spec.RestartPolicy = corev1.RestartPolicyNever },
			want:   []string{`spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"`},
		},
		{
			name:   "active deadline in the template",
			mutate: func(d *appsv1.Deployment) { d.Spec.Template.Spec.ActiveDeadlineSeconds = ptr(int64(60)) },
			want:   []string{"spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported"},
		},
		{
			name:   "unknown strategy",
			mutate: func(d *appsv1.Deployment) { d.Spec.Strategy = appsv1.DeploymentStrategy{Type: "BlueGreen"} },
			want:   []string{`spec.strategy: Unsupported value: {"type":"BlueGreen"}: supported values: "Recreate", "RollingUpdate"`},
		},
		{
			name:   "recreate with rolling update parameters",
			mutate: func(d *appsv1.Deployment) { d.Spec.Strategy.Type = appsv1.RecreateDeploymentStrategyType },
			want:   []string{"spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"},
		},
		{
			name: "maxSurge and maxUnavailable both zero",
			mutate: func(d *appsv1.Deployment) {
				d.Spec.Strategy.RollingUpdate.MaxSurge = ptr(intstr.FromInt32(0))
				d.Spec.Strategy.RollingUpdate.MaxUnavailable = ptr(intstr.FromString("0%"))
			},
			want: []string{`spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "0%": may not be 0 when ` + "`maxSurge`" + ` is 0`},
		},
		{
			name: "maxUnavailable above 100%",
			mutate: func(d *appsv1.Deployment) {
				d.Spec.Strategy.RollingUpdate.MaxUnavailable = ptr(intstr.FromString("120%"))
			},
			want: []string{`spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "120%": must not be greater than 100%`},
		},
		{
			name:   "maxSurge not a percentage",
			mutate: func(d *appsv1.Deployment) { d.Spec.Strategy.RollingUpdate.MaxSurge = ptr(intstr.FromString("half")) },
			want:   []string{`spec.strategy.rollingUpdate.maxSurge: Invalid value: "half": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`},
		},
		{
			name:   "negative revision history",
			mutate: func(d *appsv1.Deployment) { d.Spec.RevisionHistoryLimit = ptr(int32(-1)) },
			want:   []string{"spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0"},
		},
		{
			name: "progress deadline not above minReadySeconds",
			mutate: func(d *appsv1.Deployment) {
				d.Spec.MinReadySeconds = 30
				d.Spec.ProgressDeadlineSeconds = ptr(int32(30))
			},
			want: []string{"spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := validDeployment()
			tc.mutate(d)
			checkErrors(t, ValidateCreate(d), tc.want...)
		})
	}
}

// In apps/v1 a selector is fixed at create: changing it would orphan the
// pods the old one selected.
func TestWorkloadSelectorImmutable(t *testing.T) {
	relabel := func(sel *metav1.LabelSelector, tmpl *corev1.PodTemplateSpec) {
		sel.MatchLabels = map[string]string{"app": "web"}
		tmpl.Labels = map[string]string{"app": "web"}
	}
	immutableMsg := `spec.selector: Invalid value: {"matchLabels":{"app":"web"}}: field is immutable`
	tests := []struct {
		name     string
		old, obj metav1.Object
		want     []string
	}{
		{
			name: "deployment scaled",
			old:  validDeployment(),
			obj:  func() metav1.Object { d := validDeployment(); d.Spec.Replicas = ptr(int32(5)); return d }(),
		},
		{
			name: "deployment selector changed",
			old:  validDeployment(),
			obj: func() metav1.Object {
				d := validDeployment()
				relabel(d.Spec.Selector, &d.Spec.Template)
				return d
			}(),
			want: []string{immutableMsg},
		},
		{
			name: "replica set selector changed",
			old:  validReplicaSet(),
			obj: func() metav1.Object {
				rs := validReplicaSet()
				rs.Spec.Selector = &metav1.LabelSelector{}
				relabel(rs.Spec.Selector, &rs.Spec.Template)
				return rs
			}(),
			want: []string{immutableMsg},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkErrors(t, ValidateUpdate(tc.obj, tc.old), tc.want...)
		})
	}
}

func TestWorkloadStatusUpdate(t *testing.T) {
	tests := []struct {
		name     string
		old, obj metav1.Object
		want     []string
	}{
		{
			name: "deployment status counts",
			old:  validDeployment(),
			obj: func() metav1.Object {
				d := validDeployment()
				d.Status = appsv1.DeploymentStatus{Replicas: 2, ReadyReplicas: 3, AvailableReplicas: 1}
				return d
			}(),
			want: []string{"status.readyReplicas: Invalid value: 3: cannot be greater than status.replicas"},
		},
		{
			name: "deployment collision count decremented",
			old: func() metav1.Object {
				d := validDeployment()
				d.Status.CollisionCount = ptr(int32(2))
				return d
			}(),
			obj: func() metav1.Object {
				d := validDeployment()
				d.Status.CollisionCount = ptr(int32(1))
				return d
			}(),
			want: []string{"status.collisionCount: Invalid value: 1: cannot be decremented"},
		},
		{
			name: "replica set available above ready",
			old:  validReplicaSet(),
			obj: func() metav1.Object {
				rs := validReplicaSet()
				rs.Status = appsv1.ReplicaSetStatus{Replicas: 3, ReadyReplicas: 1, AvailableReplicas: 2}
				return rs
			}(),
			want: []string{"status.availableReplicas: Invalid value: 2: cannot be greater than readyReplicas"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkErrors(t, ValidateStatusUpdate(tc.obj, tc.old), tc.want...)
		})
	}
}

// kubectl scale writes the scale subresource.
func TestValidateScale(t *testing.T) {
	s := &autoscalingv1.Scale{Spec: autoscalingv1.ScaleSpec{Replicas: -2}}
	s.Name, s.Namespace = "nginx", "default"
	checkErrors(t, ValidateCreate(s), "spec.replicas: Invalid value: -2: must be greater than or equal to 0")
}
