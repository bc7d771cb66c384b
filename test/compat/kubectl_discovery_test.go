package compat

// The upstream kubectl reading what our server says about itself:
// discovery, version, OpenAPI and health. These commands write nothing.
//
// Interface:
//   - mustKubectl(t, s, args...) runs the upstream kubectl against s and
//     fails the test on an error or on anything written to stderr (kubectl
//     prints its warnings there: version skew, discovery failures, ...).
//
// The expected headers and rows are what kubectl v1.37 prints against a
// real cluster for the same resources.

import (
	"encoding/json"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// mustKubectl runs the upstream kubectl with args against s and returns its
// standard output. Any error or any text on stderr fails the test.
func mustKubectl(t *testing.T, s *apiServer, args ...string) string {
	t.Helper()
	return mustKubectlWith(t, s, "", nil, args...)
}

// mustKubectlWith is mustKubectl with standard input and extra environment.
func mustKubectlWith(t *testing.T, s *apiServer, stdin string, env []string, args ...string) string {
	t.Helper()
	r := s.kubectl(t, upstreamKubectl(t), stdin, env, args...)
	if r.err != nil {
		t.Fatalf("kubectl %s: %v\nstderr: %s", strings.Join(args, " "), r.err, r.stderr)
	}
	if r.stderr != "" {
		t.Errorf("kubectl %s wrote to stderr (a warning?):\n%s", strings.Join(args, " "), r.stderr)
	}
	return r.stdout
}

// Talk 002, "kubectl api-resources", and talk 000, "API discovery": the
// upstream kubectl lists our resources from our discovery documents, with
// its own columns and without a warning.
func TestUpstreamKubectlAPIResources(t *testing.T) {
	s := startAPIServer(t)
	out := mustKubectl(t, s, "api-resources")
	tb := parseTable(t, out)
	wantHeader := []string{"NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"}
	if !slices.Equal(tb.header, wantHeader) {
		t.Fatalf("header = %q, want %q", tb.header, wantHeader)
	}
	printed := map[string]map[string]string{}
	for _, row := range tb.rows {
		printed[row["NAME"]+" "+row["APIVERSION"]] = row
	}

	t.Run("every resource client-go discovers is printed", func(t *testing.T) {
		lists, err := s.clientset(t).Discovery().ServerPreferredResources()
		if err != nil {
			t.Fatalf("client-go discovery: %v", err)
		}
		n := 0
		for _, l := range lists {
			for _, r := range l.APIResources {
				n++
				row, ok := printed[r.Name+" "+l.GroupVersion]
				if !ok {
					t.Errorf("%s %s missing from api-resources", r.Name, l.GroupVersion)
					continue
				}
				if row["KIND"] != r.Kind || row["NAMESPACED"] != strconv.FormatBool(r.Namespaced) ||
					row["SHORTNAMES"] != strings.Join(r.ShortNames, ",") {
					t.Errorf("row %v disagrees with discovery %+v", row, r)
				}
			}
		}
		if n != len(tb.rows) {
			t.Errorf("api-resources printed %d rows, discovery has %d resources", len(tb.rows), n)
		}
	})

	for _, want := range []map[string]string{
		{"NAME": "pods", "SHORTNAMES": "po", "APIVERSION": "v1", "NAMESPACED": "true", "KIND": "Pod"},
		{"NAME": "namespaces", "SHORTNAMES": "ns", "APIVERSION": "v1", "NAMESPACED": "false", "KIND": "Namespace"},
		{"NAME": "services", "SHORTNAMES": "svc", "APIVERSION": "v1", "NAMESPACED": "true", "KIND": "Service"},
		{"NAME": "secrets", "SHORTNAMES": "", "APIVERSION": "v1", "NAMESPACED": "true", "KIND": "Secret"},
		{"NAME": "deployments", "SHORTNAMES": "deploy", "APIVERSION": "apps/v1", "NAMESPACED": "true", "KIND": "Deployment"},
		{"NAME": "jobs", "SHORTNAMES": "", "APIVERSION": "batch/v1", "NAMESPACED": "true", "KIND": "Job"},
		{"NAME": "clusterroles", "SHORTNAMES": "", "APIVERSION": "rbac.authorization.k8s.io/v1", "NAMESPACED": "false", "KIND": "ClusterRole"},
	} {
		t.Run("row "+want["NAME"], func(t *testing.T) {
			got := printed[want["NAME"]+" "+want["APIVERSION"]]
			for k, v := range want {
				if got[k] != v {
					t.Errorf("%s = %q, want %q (row %v)", k, got[k], v, got)
				}
			}
		})
	}
}

// Talk 000, "API discovery": api-versions lists every group/version, sorted
// as upstream sorts them; version reports our server without a skew warning.
func TestUpstreamKubectlVersions(t *testing.T) {
	s := startAPIServer(t)

	t.Run("api-versions", func(t *testing.T) {
		got := strings.Fields(mustKubectl(t, s, "api-versions"))
		if !sort.StringsAreSorted(got) {
			t.Errorf("api-versions not sorted: %q", got)
		}
		groups, err := s.clientset(t).Discovery().ServerGroups()
		if err != nil {
			t.Fatalf("client-go discovery: %v", err)
		}
		want := groupVersions(groups.Groups)
		if !slices.Equal(got, want) {
			t.Errorf("api-versions = %q, discovery has %q", got, want)
		}
		for _, gv := range []string{"v1", "apps/v1", "batch/v1", "coordination.k8s.io/v1", "discovery.k8s.io/v1", "rbac.authorization.k8s.io/v1"} {
			if !slices.Contains(got, gv) {
				t.Errorf("api-versions lacks %s", gv)
			}
		}
	})

	t.Run("version", func(t *testing.T) {
		out := mustKubectl(t, s, "version") // mustKubectl fails on a skew warning
		if !strings.Contains(out, "Client Version: v1.37.2\n") || !strings.Contains(out, "Server Version: v1.37.") {
			t.Errorf("version output:\n%s", out)
		}
	})

	t.Run("version -o json", func(t *testing.T) {
		var v struct {
			ServerVersion struct{ Major, Minor, GitVersion string }
		}
		if err := json.Unmarshal([]byte(mustKubectl(t, s, "version", "-o", "json")), &v); err != nil {
			t.Fatal(err)
		}
		if v.ServerVersion.Major != "1" || v.ServerVersion.Minor != "37" {
			t.Errorf("serverVersion = %+v, want major 1 minor 37", v.ServerVersion)
		}
	})

	t.Run("get --raw /readyz", func(t *testing.T) {
		if out := mustKubectl(t, s, "get", "--raw", "/readyz"); out != "ok" {
			t.Errorf("/readyz = %q, want %q", out, "ok")
		}
	})
}

// groupVersions flattens discovery groups into sorted "group/version"
// strings ("v1" for the core group), as kubectl api-versions prints them.
func groupVersions(groups []metav1.APIGroup) []string {
	var out []string
	for _, g := range groups {
		for _, v := range g.Versions {
			out = append(out, schema.GroupVersion{Group: g.Name, Version: v.Version}.String())
		}
	}
	sort.Strings(out)
	return out
}

// Talk 001, "OpenAPI endpoints": explain reads the field tree from our
// /openapi/v3 document.
func TestUpstreamKubectlExplain(t *testing.T) {
	s := startAPIServer(t)
	out := mustKubectl(t, s, "explain", "deployment.spec")
	for _, want := range []string{
		"GROUP:      apps\n",
		"KIND:       Deployment\n",
		"VERSION:    v1\n",
		"FIELD: spec <DeploymentSpec>\n",
		"  replicas\t<integer>\n",
		"  selector\t<LabelSelector> -required-\n",
		"  strategy\t<DeploymentStrategy>\n",
		"  template\t<PodTemplateSpec> -required-\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("explain output lacks %q:\n%s", want, out)
		}
	}

	t.Run("nested field", func(t *testing.T) {
		out := mustKubectl(t, s, "explain", "pods.spec.containers.image")
		if !strings.Contains(out, "FIELD: image <string>") {
			t.Errorf("explain pods.spec.containers.image:\n%s", out)
		}
	})

	// Explain prints the descriptions our documents carry (this project's
	// doc comments, stages/02-apiserver/openapi/descriptions.go): the
	// field's, then its type's, then each listed field's. The expected text
	// is read from the served document, not repeated here.
	t.Run("descriptions", func(t *testing.T) {
		apps := openAPISchemas(t, s, "/openapi/v3/apis/apps/v1")
		core := openAPISchemas(t, s, "/openapi/v3/api/v1")
		tests := []struct {
			field string
			want  []string
		}{
			{"deployment.spec", []string{
				apps.description("io.k8s.api.apps.v1.Deployment", "spec"),
				apps.description("io.k8s.api.apps.v1.DeploymentSpec", ""),
				apps.description("io.k8s.api.apps.v1.DeploymentSpec", "replicas"),
				apps.description("io.k8s.api.apps.v1.DeploymentSpec", "selector"),
				apps.description("io.k8s.api.apps.v1.DeploymentSpec", "template"),
				apps.description("io.k8s.api.apps.v1.DeploymentSpec", "strategy"),
			}},
			{"pods.spec.containers.image", []string{core.description("io.k8s.api.core.v1.Container", "image")}},
			{"pods.metadata.name", []string{core.description("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "name")}},
		}
		for _, tc := range tests {
			out := mustKubectl(t, s, "explain", tc.field)
			if strings.Contains(out, "<empty>") || strings.Contains(out, "<no description>") {
				t.Errorf("explain %s shows a missing description:\n%s", tc.field, out)
			}
			for _, want := range tc.want {
				// explain re-wraps the text; compare with spaces squeezed.
				if want == "" || !strings.Contains(strings.Join(strings.Fields(out), " "), want) {
					t.Errorf("explain %s lacks the description %q:\n%s", tc.field, want, out)
				}
			}
		}
	})
}

// schemas is the components.schemas of an OpenAPI v3 document.
type schemas map[string]struct {
	Description string                                  `json:"description"`
	Properties  map[string]struct{ Description string } `json:"properties"`
}

// openAPISchemas fetches the OpenAPI v3 document at path through kubectl
// and returns its schemas.
func openAPISchemas(t *testing.T, s *apiServer, path string) schemas {
	t.Helper()
	var doc struct {
		Components struct {
			Schemas schemas `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal([]byte(mustKubectl(t, s, "get", "--raw", path)), &doc); err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
	return doc.Components.Schemas
}

// description returns the description of definition name, or of its
// property prop when prop is not empty, with spaces squeezed.
func (ss schemas) description(name, prop string) string {
	d := ss[name].Description
	if prop != "" {
		d = ss[name].Properties[prop].Description
	}
	return strings.Join(strings.Fields(d), " ")
}
