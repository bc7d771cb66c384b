package validation

import (
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
)

// Each kind has its name rule: most a DNS subdomain, a Service a DNS-1035
// label, a Namespace a DNS-1123 label, RBAC objects a path segment.
func TestNameRules(t *testing.T) {
	dotted := metav1.ObjectMeta{Name: "web.v2", Namespace: "default"}
	tests := []struct {
		name string
		obj  metav1.Object
		want []string
	}{
		{name: "pod name with a dot", obj: &corev1.Pod{ObjectMeta: dotted, Spec: nginxSpec()}},
		{name: "config map name with a dot", obj: &corev1.ConfigMap{ObjectMeta: dotted}},
		{name: "role name with a dot", obj: &rbacv1.Role{ObjectMeta: dotted}},
		{
			name: "service name with a dot",
			obj:  func() *corev1.Service { s := validService(); s.Name = "web.v2"; return s }(),
			want: []string{`metadata.name: Invalid value: "web.v2": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`},
		},
		{
			name: "upper case pod name",
			obj:  &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "Web", Namespace: "default"}, Spec: nginxSpec()},
			want: []string{`metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`},
		},
		{
			name: "no name",
			obj:  &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Namespace: "default"}},
			want: []string{"metadata.name: Required value: name or generateName is required"},
		},
		{
			name: "generateName with a trailing dash",
			obj:  &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{GenerateName: "cfg-", Name: "cfg-x7k2p", Namespace: "default"}},
		},
		{
			name: "invalid namespace",
			obj:  &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "cfg", Namespace: "Team_A"}},
			want: []string{`metadata.namespace: Invalid value: "Team_A": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkErrors(t, ValidateCreate(tc.obj), tc.want...)
		})
	}
}

// Talk 000, "Deployment and ReplicaSet controllers": owner references are
// the garbage collector's graph, so each must name its owner fully.
func TestOwnersAndFinalizers(t *testing.T) {
	yes := ptr(true)
	tests := []struct {
		name       string
		owners     []metav1.OwnerReference
		finalizers []string
		want       []string
	}{
		{
			name:       "controller and finalizers",
			owners:     []metav1.OwnerReference{{APIVersion: "apps/v1", Kind: "ReplicaSet", Name: "web-5d8f", UID: "u1", Controller: yes}},
			finalizers: []string{"kubernetes", "example.com/cleanup"},
		},
		{
			name:   "incomplete reference",
			owners: []metav1.OwnerReference{{APIVersion: "apps/", Name: "web"}},
			want: []string{
				`metadata.ownerReferences.apiVersion: Invalid value: "apps/": version must not be empty`,
				`metadata.ownerReferences.kind: Invalid value: "": must not be empty`,
				`metadata.ownerReferences.uid: Invalid value: "": must not be empty`,
			},
		},
		{
			name: "two controllers",
			owners: []metav1.OwnerReference{
				{APIVersion: "apps/v1", Kind: "ReplicaSet", Name: "a", UID: "u1", Controller: yes},
				{APIVersion: "apps/v1", Kind: "ReplicaSet", Name: "b", UID: "u2", Controller: yes},
			},
			want: []string{`metadata.ownerReferences: Invalid value: [{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"a","uid":"u1","controller":true},{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"b","uid":"u2","controller":true}]: Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/a and ReplicaSet/b`},
		},
		{
			name:   "an event as owner",
			owners: []metav1.OwnerReference{{APIVersion: "v1", Kind: "Event", Name: "e", UID: "u1"}},
			want:   []string{`metadata.ownerReferences: Invalid value: {"apiVersion":"v1","kind":"Event","name":"e","uid":"u1"}: /v1, Kind=Event is disallowed from being an owner`},
		},
		{
			name:       "opposite cascades, and a finalizer without a domain",
			finalizers: []string{"orphan", "foregroundDeletion", "cleanup"},
			want: []string{
				`metadata.finalizers: Invalid value: ["orphan","foregroundDeletion","cleanup"]: finalizer orphan and foregroundDeletion cannot be both set`,
				`metadata.finalizers[2]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified`,
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := validDeployment()
			d.OwnerReferences, d.Finalizers = tc.owners, tc.finalizers
			checkErrors(t, ValidateCreate(d), tc.want...)
		})
	}
}

// Labels and annotations are checked by shared/validation; these rows
// show the paths they arrive at from here.
func TestLabelsAndAnnotations(t *testing.T) {
	d := validDeployment()
	d.Labels = map[string]string{"app.kubernetes.io/name": "nginx", "bad key": "x"}
	d.Spec.Template.Annotations = map[string]string{"/empty-prefix": ""}
	checkErrors(t, ValidateCreate(d),
		`metadata.labels: Invalid value: "bad key": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
		`spec.template.annotations: Invalid value: "/empty-prefix": prefix part must be non-empty`)
}
