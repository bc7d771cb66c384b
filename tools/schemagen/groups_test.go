package main

import (
	"slices"
	"testing"
)

func TestFileName(t *testing.T) {
	tests := []struct{ name, path, want string }{
		{name: "core group", path: "api/v1", want: "api__v1.json"},
		{name: "dotted group", path: "apis/rbac.authorization.k8s.io/v1", want: "apis__rbac.authorization.k8s.io__v1.json"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := fileName(tc.path); got != tc.want {
				t.Errorf("fileName(%q) = %q, want %q", tc.path, got, tc.want)
			}
		})
	}
}

// The roots of a document are the served kinds of its group-version, the
// meta/v1 types every route may return, and nothing that is only a query
// parameter or never served.
func TestRoots(t *testing.T) {
	s, err := newScheme()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		path      string
		want, not []string
	}{
		{
			name: "core",
			path: "api/v1",
			want: []string{"io.k8s.api.core.v1.Pod", "io.k8s.api.core.v1.PodList", "io.k8s.api.core.v1.ConfigMap", "io.k8s.api.autoscaling.v1.Scale",
				"io.k8s.api.authentication.v1.TokenRequest",
				"io.k8s.apimachinery.pkg.apis.meta.v1.Status", "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions", "io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent"},
			not: []string{"io.k8s.api.core.v1.PodLogOptions", "io.k8s.api.core.v1.PodStatusResult", "io.k8s.api.core.v1.List",
				"io.k8s.apimachinery.pkg.apis.meta.v1.ListOptions"},
		},
		{
			name: "apps",
			path: "apis/apps/v1",
			want: []string{"io.k8s.api.apps.v1.Deployment", "io.k8s.api.autoscaling.v1.Scale", "io.k8s.apimachinery.pkg.apis.meta.v1.APIResourceList"},
			not:  []string{"io.k8s.api.core.v1.Pod", "io.k8s.api.batch.v1.Job"},
		},
		{
			name: "authorization reviews",
			path: "apis/authorization.k8s.io/v1",
			want: []string{"io.k8s.api.authorization.v1.SubjectAccessReview", "io.k8s.api.authorization.v1.SelfSubjectRulesReview",
				"io.k8s.apimachinery.pkg.apis.meta.v1.Status"},
			not: []string{"io.k8s.api.authentication.v1.TokenReview"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			i := slices.IndexFunc(servedGroupVersions, func(g groupVersion) bool { return g.path == tc.path })
			got, err := roots(s, servedGroupVersions[i])
			if err != nil {
				t.Fatal(err)
			}
			if !slices.IsSorted(got) {
				t.Errorf("roots not sorted: %v", got)
			}
			for _, name := range tc.want {
				if !slices.Contains(got, name) {
					t.Errorf("roots lack %s", name)
				}
			}
			for _, name := range tc.not {
				if slices.Contains(got, name) {
					t.Errorf("roots contain %s", name)
				}
			}
		})
	}
}
