package compat

// The upstream kubectl writing to our server declaratively: `apply -f`
// (client-side, with its last-applied annotation and a strategic merge
// patch), `apply --server-side` (an apply patch the server merges), and
// reading the result back with `get` in every output format.
//
// Interface: tests only. The manifest is testdata/web-deployment.yaml.

import (
	"context"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/yaml"
)

// webManifest returns testdata/web-deployment.yaml with its replica count
// set to replicas and, when name is not "web", renamed.
func webManifest(t *testing.T, name, replicas string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/web-deployment.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m := strings.Replace(string(b), "replicas: 2", "replicas: "+replicas, 1)
	return strings.ReplaceAll(m, "web", name)
}

// Talk 004, step 1 "kubectl apply" and step 2 "save objects": the first
// apply creates, a changed manifest is configured, the same one again is
// unchanged, in the words upstream prints.
func TestUpstreamKubectlApply(t *testing.T) {
	s := startAPIServer(t)
	cs := s.clientset(t)
	for _, tc := range []struct {
		name, replicas, want string
	}{
		{"create", "2", "deployment.apps/web created\n"},
		{"same manifest again", "2", "deployment.apps/web unchanged\n"},
		{"changed replicas", "3", "deployment.apps/web configured\n"},
		{"changed manifest again", "3", "deployment.apps/web unchanged\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := mustKubectlWith(t, s, webManifest(t, "web", tc.replicas), nil, "apply", "-f", "-")
			if got != tc.want {
				t.Errorf("apply printed %q, want %q", got, tc.want)
			}
			d, err := cs.AppsV1().Deployments("default").Get(context.Background(), "web", metav1.GetOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got := d.Spec.Replicas; got == nil || *got != int32(tc.replicas[0]-'0') {
				t.Errorf("spec.replicas = %v, want %s", got, tc.replicas)
			}
			if _, ok := d.Annotations["kubectl.kubernetes.io/last-applied-configuration"]; !ok {
				t.Error("no last-applied-configuration annotation")
			}
		})
	}

	t.Run("server dry run", func(t *testing.T) {
		// dryRun=All: the server validates and merges, and stores nothing.
		got := mustKubectlWith(t, s, webManifest(t, "web", "7"), nil, "apply", "--dry-run=server", "-f", "-")
		if want := "deployment.apps/web configured (server dry run)\n"; got != want {
			t.Errorf("apply --dry-run=server printed %q, want %q", got, want)
		}
		d, err := cs.AppsV1().Deployments("default").Get(context.Background(), "web", metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if *d.Spec.Replicas != 3 {
			t.Errorf("spec.replicas = %d after a dry run, want 3 still", *d.Spec.Replicas)
		}
	})

	// Talk 000, "kubectl get": the columns upstream prints for deployments.
	t.Run("get", func(t *testing.T) {
		tb := parseTable(t, mustKubectl(t, s, "get", "deployments"))
		want := []string{"NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"}
		if !slices.Equal(tb.header, want) {
			t.Errorf("header = %q, want %q", tb.header, want)
		}
		if len(tb.rows) != 1 || tb.rows[0]["NAME"] != "web" || tb.rows[0]["READY"] != "0/3" {
			t.Errorf("rows = %v, want web with READY 0/3", tb.rows)
		}
	})
	t.Run("get -o wide", func(t *testing.T) {
		tb := parseTable(t, mustKubectl(t, s, "get", "deployment", "web", "-o", "wide"))
		want := []string{"NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"}
		if !slices.Equal(tb.header, want) {
			t.Errorf("header = %q, want %q", tb.header, want)
		}
		if len(tb.rows) != 1 || tb.rows[0]["CONTAINERS"] != "c" || tb.rows[0]["IMAGES"] != "nginx:1.27" || tb.rows[0]["SELECTOR"] != "app=web" {
			t.Errorf("rows = %v", tb.rows)
		}
	})
	for _, format := range []string{"yaml", "json"} {
		t.Run("get -o "+format, func(t *testing.T) {
			out := mustKubectl(t, s, "get", "deployment", "web", "-o", format)
			var obj struct {
				APIVersion, Kind string
				Metadata         struct{ Name, ResourceVersion string }
				Spec             struct {
					Replicas int
					Strategy struct{ Type string }
				}
			}
			var err error
			if format == "json" {
				err = json.Unmarshal([]byte(out), &obj)
			} else {
				err = yaml.Unmarshal([]byte(out), &obj)
			}
			if err != nil {
				t.Fatalf("parse %s: %v\n%s", format, err, out)
			}
			if obj.APIVersion != "apps/v1" || obj.Kind != "Deployment" || obj.Metadata.Name != "web" ||
				obj.Metadata.ResourceVersion == "" || obj.Spec.Replicas != 3 {
				t.Errorf("object = %+v", obj)
			}
			// The server's defaults, as upstream's: strategy RollingUpdate.
			if obj.Spec.Strategy.Type != "RollingUpdate" {
				t.Errorf("spec.strategy.type = %q, want the default RollingUpdate", obj.Spec.Strategy.Type)
			}
		})
	}
}

// Talk 004, step 2 "save objects", by server-side apply: the server merges
// the manifest and records kubectl as the manager of the fields it sent.
func TestUpstreamKubectlApplyServerSide(t *testing.T) {
	s := startAPIServer(t)
	cs := s.clientset(t)
	for _, tc := range []struct {
		name, replicas string
	}{
		{"create", "1"},
		{"update", "4"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := mustKubectlWith(t, s, webManifest(t, "api", tc.replicas), nil, "apply", "--server-side", "-f", "-")
			if want := "deployment.apps/api serverside-applied\n"; got != want {
				t.Errorf("apply --server-side printed %q, want %q", got, want)
			}
			d, err := cs.AppsV1().Deployments("default").Get(context.Background(), "api", metav1.GetOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if d.Spec.Replicas == nil || *d.Spec.Replicas != int32(tc.replicas[0]-'0') {
				t.Errorf("spec.replicas = %v, want %s", d.Spec.Replicas, tc.replicas)
			}
			var applied bool
			for _, mf := range d.ManagedFields {
				applied = applied || (mf.Manager == "kubectl" && mf.Operation == metav1.ManagedFieldsOperationApply)
			}
			if !applied {
				t.Errorf("managedFields %+v has no Apply entry for manager kubectl", d.ManagedFields)
			}
		})
	}

	t.Run("second manager without --force-conflicts is a 409 conflict", func(t *testing.T) {
		// kubectl owns spec.replicas (2); another manager asking for 5 must
		// be refused with upstream's conflict message and its advice.
		r := s.kubectl(t, upstreamKubectl(t), webManifest(t, "api", "5"), nil,
			"apply", "--server-side", "--field-manager=other", "-f", "-")
		if r.err == nil {
			t.Fatalf("apply by a second manager succeeded: %s", r.stdout)
		}
		for _, want := range []string{
			`error: Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas`,
			"--force-conflicts",
		} {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
			}
		}
	})

	t.Run("second manager with --force-conflicts", func(t *testing.T) {
		// Another manager takes spec.replicas over from kubectl.
		got := mustKubectlWith(t, s, webManifest(t, "api", "5"), nil,
			"apply", "--server-side", "--field-manager=other", "--force-conflicts", "-f", "-")
		if want := "deployment.apps/api serverside-applied\n"; got != want {
			t.Errorf("apply --force-conflicts printed %q, want %q", got, want)
		}
		d, err := cs.AppsV1().Deployments("default").Get(context.Background(), "api", metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		managers := map[string]bool{}
		for _, mf := range d.ManagedFields {
			managers[mf.Manager] = true
		}
		if *d.Spec.Replicas != 5 || !managers["other"] {
			t.Errorf("replicas %d, managers %v; want 5 and manager other", *d.Spec.Replicas, managers)
		}
	})
}
