package schema

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Each kind's name rule is the API server's (pkg/apis/*/validation).
func TestValidateMetadata(t *testing.T) {
	const subdomainMsg = `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`
	tests := []struct {
		name     string
		manifest string
		want     []string
	}{
		{name: "subdomain with dots", manifest: `{apiVersion: v1, kind: ConfigMap, metadata: {name: app.config}}`},
		{name: "upper case", manifest: `{apiVersion: apps/v1, kind: Deployment, metadata: {name: Web}}`,
			want: []string{`metadata.name: Invalid value: "Web": ` + subdomainMsg}},
		{name: "service name is a DNS label, may start with a digit", manifest: `{apiVersion: v1, kind: Service, metadata: {name: 1web}}`},
		{name: "service name may not have dots", manifest: `{apiVersion: v1, kind: Service, metadata: {name: web.v1}}`,
			want: []string{`metadata.name: Invalid value: "web.v1": must not contain dots`}},
		{name: "statefulset name is a DNS label", manifest: `{apiVersion: apps/v1, kind: StatefulSet, metadata: {name: db.primary}}`,
			want: []string{`metadata.name: Invalid value: "db.primary": must not contain dots`}},
		{name: "namespace name is a DNS label", manifest: `{apiVersion: v1, kind: Namespace, metadata: {name: team.a}}`,
			want: []string{`metadata.name: Invalid value: "team.a": must not contain dots`}},
		{name: "rbac names are path segments", manifest: `{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRoleBinding, metadata: {name: "system:kube-scheduler"}}`},
		{name: "rbac names may not contain a slash", manifest: `{apiVersion: rbac.authorization.k8s.io/v1, kind: Role, metadata: {name: "a/b"}}`,
			want: []string{`metadata.name: Invalid value: "a/b": may not contain '/'`}},
		{name: "generateName may end in a dash", manifest: `{apiVersion: v1, kind: Pod, metadata: {generateName: web-}}`},
		{name: "namespace must be a DNS label", manifest: `{apiVersion: v1, kind: Pod, metadata: {name: web, namespace: My_NS}}`,
			want: []string{`metadata.namespace: Invalid value: "My_NS": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`}},
		{name: "label value with a space", manifest: `{apiVersion: v1, kind: Pod, metadata: {name: web, labels: {app: my app}}}`,
			want: []string{`metadata.labels: Invalid value: "my app": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`}},
		{name: "metadata null: no name", manifest: `{apiVersion: v1, kind: ConfigMap, metadata: null}`,
			want: []string{`metadata.name: Required value: name or generateName is required`}},
		{name: "metadata absent: no name", manifest: `{apiVersion: v1, kind: ConfigMap}`,
			want: []string{`metadata.name: Required value: name or generateName is required`}},
		{name: "empty name", manifest: `{apiVersion: v1, kind: ConfigMap, metadata: {name: ""}}`,
			want: []string{`metadata.name: Required value: name or generateName is required`}},
		{name: "metadata of the wrong type is the schema's to report", manifest: `{apiVersion: v1, kind: Pod, metadata: [x]}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := messages(sortErrors(validateMetadata(manifest(t, tc.manifest), nil)))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("validateMetadata (-want +got):\n%s", diff)
			}
		})
	}
}
