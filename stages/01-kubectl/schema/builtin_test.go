package schema

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestBuiltinGroupVersions(t *testing.T) {
	want := []string{
		"admissionregistration.k8s.io/v1", "apps/v1", "authentication.k8s.io/v1", "authorization.k8s.io/v1",
		"autoscaling/v1", "batch/v1", "coordination.k8s.io/v1", "discovery.k8s.io/v1", "events.k8s.io/v1",
		"rbac.authorization.k8s.io/v1", "v1",
	}
	if diff := cmp.Diff(want, BuiltinGroupVersions()); diff != "" {
		t.Errorf("BuiltinGroupVersions() (-want +got):\n%s", diff)
	}
}

func TestOpenAPIPath(t *testing.T) {
	tests := []struct{ name, gv, want string }{
		{name: "core group", gv: "v1", want: "api/v1"},
		{name: "named group", gv: "apps/v1", want: "apis/apps/v1"},
		{name: "dotted group", gv: "coordination.k8s.io/v1", want: "apis/coordination.k8s.io/v1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := OpenAPIPath(tc.gv); got != tc.want {
				t.Errorf("OpenAPIPath(%q) = %q, want %q", tc.gv, got, tc.want)
			}
		})
	}
}

func TestBuiltinUnknownGroupVersion(t *testing.T) {
	for _, gv := range []string{"networking.k8s.io/v1", "example.com/v1alpha1", "v2"} {
		if _, err := Builtin(gv); !errors.Is(err, ErrNoSchema) {
			t.Errorf("Builtin(%q) error = %v, want ErrNoSchema", gv, err)
		}
		if _, err := BuiltinFor(gv); !errors.Is(err, ErrNoSchema) {
			t.Errorf("BuiltinFor(%q) error = %v, want ErrNoSchema", gv, err)
		}
	}
	if _, err := Builtin("a/b/c"); err == nil || errors.Is(err, ErrNoSchema) {
		t.Errorf("Builtin(a/b/c) error = %v, want a parse error", err)
	}
}

// The generated copy must be small, free of upstream's prose, and must say
// what upstream's schema says. The facts below were checked against the
// v1.37 definitions (pkg/generated/openapi): json tags without omitempty
// are required, Container.image is optional in the schema (the API server
// requires it in code), DeploymentSpec needs selector and template, and a
// PodSpec has pod-level resources.
func TestBuiltinDocuments(t *testing.T) {
	total := 0
	_ = fs.WalkDir(builtinFiles, "builtin", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, _ := builtinFiles.ReadFile(path)
		total += len(data)
		if strings.Contains(string(data), `"description"`) {
			t.Errorf("%s contains descriptions; regenerate with tools/schemagen", path)
		}
		return nil
	})
	if total == 0 || total > 1<<20 {
		t.Errorf("built-in documents total %d bytes, want (0, 1 MiB]", total)
	}

	for _, gv := range BuiltinGroupVersions() {
		builtinDoc(t, gv) // every document loads and its $refs resolve
	}

	kinds := map[string][]string{
		"v1":                           {"Pod", "Service", "ConfigMap", "Secret", "Namespace", "Node", "Endpoints", "Event", "ServiceAccount", "Binding", "PersistentVolume", "PersistentVolumeClaim", "PodList", "Status"},
		"apps/v1":                      {"Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "DeploymentList"},
		"batch/v1":                     {"Job", "CronJob"},
		"rbac.authorization.k8s.io/v1": {"Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"},
		"coordination.k8s.io/v1":       {"Lease"},
		"discovery.k8s.io/v1":          {"EndpointSlice"},
		"autoscaling/v1":               {"HorizontalPodAutoscaler", "Scale"},
		"authentication.k8s.io/v1":     {"TokenReview", "SelfSubjectReview", "TokenRequest"},
		"authorization.k8s.io/v1": {"SubjectAccessReview", "LocalSubjectAccessReview", "SelfSubjectAccessReview",
			"SelfSubjectRulesReview"},
		"admissionregistration.k8s.io/v1": {"MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"},
	}
	for gv, want := range kinds {
		d := builtinDoc(t, gv)
		for _, kind := range want {
			if _, _, ok := d.Lookup(gv, kind); !ok {
				t.Errorf("built-in %s has no schema for kind %s", gv, kind)
			}
		}
	}

	apps := builtinDoc(t, "apps/v1")
	facts := []struct {
		name     string
		schema   string
		required []string
		property string // must exist
	}{
		{name: "container name required, image not", schema: "io.k8s.api.core.v1.Container", required: []string{"name"}, property: "image"},
		{name: "deployment spec needs selector and template", schema: "io.k8s.api.apps.v1.DeploymentSpec", required: []string{"selector", "template"}, property: "replicas"},
		{name: "pod spec needs containers, has pod-level resources", schema: "io.k8s.api.core.v1.PodSpec", required: []string{"containers"}, property: "resources"},
		{name: "deployment's scale subresource", schema: "io.k8s.api.autoscaling.v1.Scale", property: "spec"},
	}
	for _, f := range facts {
		t.Run(f.name, func(t *testing.T) {
			s, ok := apps.schemas[f.schema]
			if !ok {
				t.Fatalf("apps/v1 has no schema %s", f.schema)
			}
			got := slices.Clone(s.Required)
			slices.Sort(got)
			if diff := cmp.Diff(f.required, got); diff != "" {
				t.Errorf("%s required (-want +got):\n%s", f.schema, diff)
			}
			if _, ok := s.Properties[f.property]; !ok {
				t.Errorf("%s has no property %q", f.schema, f.property)
			}
		})
	}
}
