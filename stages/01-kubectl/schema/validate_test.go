package schema

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// podSpec and container0 reach into validDeployment for the edits below.
func podSpec(obj map[string]any) map[string]any {
	return obj["spec"].(map[string]any)["template"].(map[string]any)["spec"].(map[string]any)
}

func container0(obj map[string]any) map[string]any {
	return podSpec(obj)["containers"].([]any)[0].(map[string]any)
}

// Talk 000, "Client side validation": kubectl checks a manifest against the
// OpenAPI schema and names each wrong field. Every row is checked against
// the built-in Kubernetes v1.37 documents.
func TestDocumentValidate(t *testing.T) {
	talk002, err := os.ReadFile("testdata/talk002-deployment.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		manifest string                   // YAML; validDeployment when empty
		edit     func(obj map[string]any) // applied to the decoded manifest
		want     []string
	}{
		{
			// Talk 002, "Declarative syntax": the dedented pod spec and the
			// image with a space, all reported in one run.
			name:     "talk 002 nginx deployment as printed",
			manifest: string(talk002),
			want: []string{
				`unknown field "spec.spec": check the indentation: "spec" is a field of spec.template`,
				`spec.spec.containers[0].image: Invalid value: "nginx 1.23.2-alpine": invalid reference format: an image reference may not contain spaces; did you mean "nginx:1.23.2-alpine"?`,
				`unknown field "spec.spec.ports": check the indentation: "ports" is a field of spec.template.spec.containers[*]`,
				`spec.template.spec.containers: Required value`,
				`unknown field "spec.volumes": check the indentation: "volumes" is a field of spec.template.spec`,
			},
		},
		{
			// Talk 002, as meant; pod-level spec.resources is valid in v1.37.
			name: "valid deployment with pod-level resources",
		},
		{
			name: "image with a space where the tag colon belongs",
			edit: func(obj map[string]any) { container0(obj)["image"] = "nginx 1.23.2-alpine" },
			want: []string{`spec.template.spec.containers[0].image: Invalid value: "nginx 1.23.2-alpine": invalid reference format: an image reference may not contain spaces; did you mean "nginx:1.23.2-alpine"?`},
		},
		{
			name: "container without image",
			edit: func(obj map[string]any) { delete(container0(obj), "image") },
			want: []string{`spec.template.spec.containers[0].image: Required value`},
		},
		{
			name: "string where an integer belongs",
			edit: func(obj map[string]any) { obj["spec"].(map[string]any)["replicas"] = "three" },
			want: []string{`spec.replicas: Invalid value: "three": must be of type integer`},
		},
		{
			name: "quoted number where an integer belongs",
			edit: func(obj map[string]any) { obj["spec"].(map[string]any)["replicas"] = "3" },
			want: []string{`spec.replicas: Invalid value: "3": must be of type integer; did you mean 3 (without quotes)?`},
		},
		{
			name: "fraction where an integer belongs",
			edit: func(obj map[string]any) { obj["spec"].(map[string]any)["replicas"] = 2.5 },
			want: []string{`spec.replicas: Invalid value: 2.5: must be of type integer (a whole number)`},
		},
		{
			name: "int32 overflow",
			edit: func(obj map[string]any) { obj["spec"].(map[string]any)["replicas"] = float64(3e9) },
			want: []string{`spec.replicas: Invalid value: 3000000000: must fit in a 32-bit integer (int32)`},
		},
		{
			name: "1e20 is printed in digits, and only the int32 check reports it",
			edit: func(obj map[string]any) { obj["spec"].(map[string]any)["replicas"] = float64(1e20) },
			want: []string{`spec.replicas: Invalid value: 100000000000000000000: must fit in a 32-bit integer (int32)`},
		},
		{
			name: "negative replicas",
			edit: func(obj map[string]any) { obj["spec"].(map[string]any)["replicas"] = int64(-1) },
			want: []string{`spec.replicas: Invalid value: -1: must be greater than or equal to 0`},
		},
		{
			name: "null is as good as absent",
			edit: func(obj map[string]any) { obj["spec"].(map[string]any)["replicas"] = nil },
		},
		{
			name: "unknown field in a list element",
			edit: func(obj map[string]any) { container0(obj)["imagePullPolicyy"] = "Always" },
			want: []string{`unknown field "spec.template.spec.containers[0].imagePullPolicyy": did you mean "imagePullPolicy"?`},
		},
		{
			name: "value outside an enum",
			edit: func(obj map[string]any) { container0(obj)["imagePullPolicy"] = "always" },
			want: []string{`spec.template.spec.containers[0].imagePullPolicy: Unsupported value: "always": supported values: "Always", "IfNotPresent", "Never"`},
		},
		{
			name: "object where a list belongs",
			edit: func(obj map[string]any) { podSpec(obj)["containers"] = container0(obj) },
			want: []string{`spec.template.spec.containers: Invalid value: "object": must be of type array; in YAML each list item starts with "- "`},
		},
		{
			name: "empty container list",
			edit: func(obj map[string]any) { podSpec(obj)["containers"] = []any{} },
			want: []string{`spec.template.spec.containers: Required value`},
		},
		{
			name: "missing required field of a nested object",
			edit: func(obj map[string]any) { delete(obj["spec"].(map[string]any), "selector") },
			want: []string{`spec.selector: Required value`},
		},
		{
			name: "quantity with a unit kubernetes does not have",
			edit: func(obj map[string]any) {
				container0(obj)["resources"].(map[string]any)["limits"].(map[string]any)["memory"] = "64MB"
			},
			want: []string{`spec.template.spec.containers[0].resources.limits[memory]: Invalid value: "64MB": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'; did you mean "64M"? (binary units are Ki, Mi, Gi; decimal ones k, M, G)`},
		},
		{
			name: "quantity that is not a number",
			edit: func(obj map[string]any) {
				container0(obj)["resources"].(map[string]any)["limits"].(map[string]any)["cpu"] = true
			},
			want: []string{`spec.template.spec.containers[0].resources.limits[cpu]: Invalid value: true: must be of type string or number`},
		},
		{
			name: "container name not a DNS-1123 label",
			edit: func(obj map[string]any) { container0(obj)["name"] = "Web" },
			want: []string{`spec.template.spec.containers[0].name: Invalid value: "Web": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`},
		},
		{
			name: "two containers with one name",
			edit: func(obj map[string]any) {
				podSpec(obj)["initContainers"] = []any{map[string]any{"name": "nginx", "image": "busybox"}}
			},
			want: []string{`spec.template.spec.initContainers[0].name: Duplicate value: "nginx"`},
		},
		{
			name: "metadata.name not a DNS-1123 subdomain",
			edit: func(obj map[string]any) { obj["metadata"].(map[string]any)["name"] = "Nginx" },
			want: []string{`metadata.name: Invalid value: "Nginx": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`},
		},
		{
			name: "label value that is not a string",
			edit: func(obj map[string]any) { obj["metadata"].(map[string]any)["labels"] = map[string]any{"tier": 1.0} },
			want: []string{`metadata.labels[tier]: Invalid value: 1: must be of type string; quote the value to make it one: "1"`},
		},
		{
			name: "creationTimestamp that is not RFC 3339",
			edit: func(obj map[string]any) { obj["metadata"].(map[string]any)["creationTimestamp"] = "yesterday" },
			want: []string{`metadata.creationTimestamp: Invalid value: "yesterday": must be a date and time in RFC 3339 form, e.g. "2026-01-02T15:04:05Z"`},
		},
		{
			name: "status is part of the schema",
			edit: func(obj map[string]any) { obj["status"] = map[string]any{"replicas": 3.0, "readyReplicas": 3.0} },
		},
		{
			name: "ConfigMap data must be strings",
			manifest: `
apiVersion: v1
kind: ConfigMap
metadata: {name: nginx}
data:
  nginx.conf: "server {}"
  port: 8080
  debug: true
`,
			want: []string{
				`data[debug]: Invalid value: true: must be of type string; quote the value to make it one: "true"`,
				`data[port]: Invalid value: 8080: must be of type string; quote the value to make it one: "8080"`,
			},
		},
		{
			name: "Secret data must be base64 and is not echoed",
			manifest: `
apiVersion: v1
kind: Secret
metadata: {name: creds}
data:
  password: not base64!
stringData:
  user: admin
`,
			want: []string{`data[password]: Invalid value: must be base64-encoded (illegal base64 data at input byte 3); use stringData for plain text`},
		},
		{
			name: "Service targetPort is an integer or a string",
			manifest: `
apiVersion: v1
kind: Service
metadata: {name: static}
spec:
  selector: {app: nginx}
  ports:
    - {port: 80, targetPort: 80}
    - {port: 443, targetPort: https}
    - {port: 8080, targetPort: true}
`,
			want: []string{`spec.ports[2].targetPort: Invalid value: true: must be of type integer or string`},
		},
		{
			name: "Pod without spec has no containers",
			manifest: `
apiVersion: v1
kind: Pod
metadata: {name: web}
`,
			want: []string{`spec.containers: Required value`},
		},
		{
			name: "CronJob image path goes through the job template",
			manifest: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - {name: report, image: "Busybox:1.36"}
`,
			want: []string{`spec.jobTemplate.spec.template.spec.containers[0].image: Invalid value: "Busybox:1.36": invalid reference format: repository name (library/Busybox) must be lowercase; did you mean "busybox:1.36"?`},
		},
		{
			name: "RBAC names may contain colons",
			manifest: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: "system:aggregate-to-view"}
rules:
  - {apiGroups: [""], resources: [pods], verbs: [get, list, watch]}
`,
		},
		{
			name:     "missing apiVersion and kind",
			manifest: `metadata: {name: x}`,
			want:     []string{`apiVersion: Required value`, `kind: Required value`},
		},
		{
			name: "kind this document does not define",
			manifest: `
apiVersion: apps/v1
kind: Widget
metadata: {name: x}
`,
			want: []string{`kind: Not found: "Widget": no schema for kind "Widget" in version "apps/v1" in this OpenAPI document`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := tc.manifest
			if text == "" {
				text = validDeployment
			}
			obj := manifest(t, text)
			if tc.edit != nil {
				tc.edit(obj)
			}
			apiVersion, _ := obj["apiVersion"].(string)
			if apiVersion == "" {
				apiVersion = "v1"
			}
			got := messages(builtinDoc(t, apiVersion).Validate(obj))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Validate() messages (-want +got):\n%s", diff)
			}
		})
	}
}
