package schema

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// The pod rules run wherever the schema finds a pod spec or a container;
// these rows call them directly.
func TestTypeRules(t *testing.T) {
	p := field.NewPath("spec")
	tests := []struct {
		name   string
		schema string // component name whose rule runs
		obj    string // YAML flow
		want   []string
	}{
		{name: "pod without spec", schema: "io.k8s.api.core.v1.Pod", obj: `{metadata: {name: p}}`,
			want: []string{`spec.spec.containers: Required value`}},
		{name: "template with spec", schema: "io.k8s.api.core.v1.PodTemplateSpec", obj: `{spec: {}}`},
		{name: "empty containers", schema: "io.k8s.api.core.v1.PodSpec", obj: `{containers: []}`,
			want: []string{`spec.containers: Required value`}},
		{name: "absent containers are the schema's required", schema: "io.k8s.api.core.v1.PodSpec", obj: `{}`},
		{name: "names unique across init and ephemeral containers", schema: "io.k8s.api.core.v1.PodSpec",
			obj:  `{containers: [{name: a}, {name: b}], initContainers: [{name: b}], ephemeralContainers: [{name: a}, {}]}`,
			want: []string{`spec.ephemeralContainers[0].name: Duplicate value: "a"`, `spec.initContainers[0].name: Duplicate value: "b"`}},
		{name: "container image required", schema: "io.k8s.api.core.v1.Container", obj: `{name: web}`,
			want: []string{`spec.image: Required value`}},
		{name: "container image of the wrong type is the schema's", schema: "io.k8s.api.core.v1.Container", obj: `{name: web, image: 3}`},
		{name: "ephemeral container image checked too", schema: "io.k8s.api.core.v1.EphemeralContainer", obj: `{name: debug, image: "busybox 1.36"}`,
			want: []string{`spec.image: Invalid value: "busybox 1.36": invalid reference format: an image reference may not contain spaces; did you mean "busybox:1.36"?`}},
		{name: "negative replicas", schema: "io.k8s.api.apps.v1.DeploymentSpec", obj: `{replicas: -2}`,
			want: []string{`spec.replicas: Invalid value: -2: must be greater than or equal to 0`}},
		{name: "zero replicas", schema: "io.k8s.api.apps.v1.ReplicaSetSpec", obj: `{replicas: 0}`},
		{name: "container port out of range", schema: "io.k8s.api.core.v1.ContainerPort", obj: `{containerPort: 99999, hostPort: 0}`,
			want: []string{`spec.containerPort: Invalid value: 99999: must be between 1 and 65535, inclusive`}},
		{name: "host port out of range", schema: "io.k8s.api.core.v1.ContainerPort", obj: `{containerPort: 80, hostPort: -1}`,
			want: []string{`spec.hostPort: Invalid value: -1: must be between 1 and 65535, inclusive`}},
		{name: "service port zero", schema: "io.k8s.api.core.v1.ServicePort", obj: `{port: 0}`,
			want: []string{`spec.port: Invalid value: 0: must be between 1 and 65535, inclusive`}},
		{name: "container name with a dot", schema: "io.k8s.api.core.v1.Container", obj: `{name: web.1, image: nginx}`,
			want: []string{`spec.name: Invalid value: "web.1": must not contain dots`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rule := typeRules[tc.schema]
			if rule == nil {
				t.Fatalf("no rule for %s", tc.schema)
			}
			got := messages(sortErrors(rule(manifest(t, tc.obj), p)))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("rule (-want +got):\n%s", diff)
			}
		})
	}
}
