package compat

// The upstream kubectl's imperative commands against our server. Most read
// the object, change it on the client and send a PATCH (strategic merge for
// label, annotate, set *, edit, rollout and `patch`; merge and JSON patch
// with --type; the scale subresource for scale); replace sends a PUT, run
// and expose a POST. Together they exercise the patch types upstream
// clients rely on.
//
// Interface: tests only. The manifests are testdata/web-deployment.yaml and
// testdata/multi.yaml.

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Talk 002, "kubectl edit deploy ghost", and talk 004, step 2: every
// command prints upstream's message and changes what it says it changes.
func TestUpstreamKubectlImperative(t *testing.T) {
	s := startAPIServer(t)
	cs := s.clientset(t)
	mustKubectl(t, s, "apply", "-f", "testdata/web-deployment.yaml")

	// The editor kubectl edit starts: a script that edits the file in place.
	editor := filepath.Join(t.TempDir(), "editor.sh")
	script := "#!/bin/sh\nsed -i 's/replicas: 3/replicas: 5/' \"$1\"\n"
	if err := os.WriteFile(editor, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}

	get := func(t *testing.T) *appsv1.Deployment {
		t.Helper()
		d, err := cs.AppsV1().Deployments("default").Get(context.Background(), "web", metav1.GetOptions{})
		if err != nil {
			t.Fatalf("get deployment web: %v", err)
		}
		return d
	}
	// The rows run in order: each starts from the state the last one left.
	for _, tc := range []struct {
		name  string
		args  []string
		env   []string
		want  string
		check func(t *testing.T, d *appsv1.Deployment)
	}{
		{
			name: "scale", args: []string{"scale", "deployment", "web", "--replicas=3"},
			want: "deployment.apps/web scaled\n",
			check: func(t *testing.T, d *appsv1.Deployment) {
				if *d.Spec.Replicas != 3 {
					t.Errorf("spec.replicas = %d, want 3", *d.Spec.Replicas)
				}
			},
		},
		{
			name: "label", args: []string{"label", "deployment", "web", "tier=front"},
			want: "deployment.apps/web labeled\n",
			check: func(t *testing.T, d *appsv1.Deployment) {
				if d.Labels["tier"] != "front" || d.Labels["app"] != "web" {
					t.Errorf("labels = %v, want tier=front added to app=web", d.Labels)
				}
			},
		},
		{
			name: "annotate", args: []string{"annotate", "deployment", "web", "owner=team-a"},
			want: "deployment.apps/web annotated\n",
			check: func(t *testing.T, d *appsv1.Deployment) {
				if d.Annotations["owner"] != "team-a" {
					t.Errorf("annotations = %v, want owner=team-a", d.Annotations)
				}
			},
		},
		{
			name: "set image", args: []string{"set", "image", "deployment/web", "c=nginx:2"},
			want: "deployment.apps/web image updated\n",
			check: func(t *testing.T, d *appsv1.Deployment) {
				c := d.Spec.Template.Spec.Containers
				if len(c) != 1 || c[0].Image != "nginx:2" || len(c[0].Ports) != 1 {
					t.Errorf("containers = %+v, want c with image nginx:2 and its port kept", c)
				}
			},
		},
		{
			name: "edit", args: []string{"edit", "deployment", "web"},
			env:  []string{"EDITOR=" + editor},
			want: "deployment.apps/web edited\n",
			check: func(t *testing.T, d *appsv1.Deployment) {
				if *d.Spec.Replicas != 5 {
					t.Errorf("spec.replicas = %d, want the editor's 5", *d.Spec.Replicas)
				}
			},
		},
		{
			name: "rollout restart", args: []string{"rollout", "restart", "deployment/web"},
			want: "deployment.apps/web restarted\n",
			check: func(t *testing.T, d *appsv1.Deployment) {
				if d.Spec.Template.Annotations["kubectl.kubernetes.io/restartedAt"] == "" {
					t.Errorf("template annotations = %v, want restartedAt", d.Spec.Template.Annotations)
				}
			},
		},
		{
			name: "patch, strategic merge", args: []string{"patch", "deployment", "web", "-p",
				`{"spec":{"template":{"spec":{"containers":[{"name":"c","env":[{"name":"A","value":"1"}]}]}}}}`},
			want: "deployment.apps/web patched\n",
			check: func(t *testing.T, d *appsv1.Deployment) {
				c := d.Spec.Template.Spec.Containers
				if len(c) != 1 || c[0].Image != "nginx:2" || len(c[0].Env) != 1 || c[0].Env[0].Name != "A" {
					t.Errorf("containers = %+v, want c keeping nginx:2 with env A", c)
				}
			},
		},
		{
			name: "patch, merge", args: []string{"patch", "deployment", "web", "--type=merge", "-p", `{"spec":{"replicas":6}}`},
			want: "deployment.apps/web patched\n",
			check: func(t *testing.T, d *appsv1.Deployment) {
				if *d.Spec.Replicas != 6 {
					t.Errorf("spec.replicas = %d, want 6", *d.Spec.Replicas)
				}
			},
		},
		{
			name: "patch, JSON", args: []string{"patch", "deployment", "web", "--type=json", "-p",
				`[{"op":"replace","path":"/spec/replicas","value":7}]`},
			want: "deployment.apps/web patched\n",
			check: func(t *testing.T, d *appsv1.Deployment) {
				if *d.Spec.Replicas != 7 {
					t.Errorf("spec.replicas = %d, want 7", *d.Spec.Replicas)
				}
			},
		},
		{
			name: "set env", args: []string{"set", "env", "deployment/web", "FOO=bar"},
			want: "deployment.apps/web env updated\n",
			check: func(t *testing.T, d *appsv1.Deployment) {
				if env := d.Spec.Template.Spec.Containers[0].Env; len(env) != 2 || env[1].Name != "FOO" || env[1].Value != "bar" {
					t.Errorf("env = %+v, want A kept and FOO=bar added", env)
				}
			},
		},
		{
			name: "set resources", args: []string{"set", "resources", "deployment/web", "-c", "c", "--limits=cpu=200m"},
			want: "deployment.apps/web resource requirements updated\n",
			check: func(t *testing.T, d *appsv1.Deployment) {
				if cpu := d.Spec.Template.Spec.Containers[0].Resources.Limits.Cpu(); cpu.String() != "200m" {
					t.Errorf("limits.cpu = %s, want 200m", cpu)
				}
			},
		},
		{
			name: "rollout pause", args: []string{"rollout", "pause", "deployment/web"},
			want: "deployment.apps/web paused\n",
			check: func(t *testing.T, d *appsv1.Deployment) {
				if !d.Spec.Paused {
					t.Error("spec.paused = false, want true")
				}
			},
		},
		{
			name: "rollout resume", args: []string{"rollout", "resume", "deployment/web"},
			want: "deployment.apps/web resumed\n",
			check: func(t *testing.T, d *appsv1.Deployment) {
				if d.Spec.Paused {
					t.Error("spec.paused = true, want false")
				}
			},
		},
		{
			name: "replace", args: []string{"replace", "-f", "testdata/web-deployment.yaml"},
			want: "deployment.apps/web replaced\n",
			check: func(t *testing.T, d *appsv1.Deployment) {
				c := d.Spec.Template.Spec.Containers
				if *d.Spec.Replicas != 2 || c[0].Image != "nginx:1.27" || len(c[0].Env) != 0 || d.Labels["tier"] != "" {
					t.Errorf("after replace: replicas %d, containers %+v, labels %v; want the manifest's", *d.Spec.Replicas, c, d.Labels)
				}
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := get(t)
			got := mustKubectlWith(t, s, "", tc.env, tc.args...)
			if got != tc.want {
				t.Errorf("printed %q, want %q", got, tc.want)
			}
			after := get(t)
			tc.check(t, after)
			if after.ResourceVersion == before.ResourceVersion {
				t.Errorf("resourceVersion still %s: nothing was written", after.ResourceVersion)
			}
		})
	}

	t.Run("delete", func(t *testing.T) {
		got := mustKubectl(t, s, "delete", "deployment", "web")
		if want := "deployment.apps \"web\" deleted from default namespace\n"; got != want {
			t.Errorf("delete printed %q, want %q", got, want)
		}
		r := s.kubectl(t, upstreamKubectl(t), "", nil, "get", "deployment", "web")
		want := "Error from server (NotFound): deployments.apps \"web\" not found\n"
		if r.err == nil || r.stderr != want {
			t.Errorf("get after delete: err %v, stderr %q; want %q", r.err, r.stderr, want)
		}
	})
}

// Talk 002, "declarative manifests": create -f makes every document of a
// multi-document file, in order, and get prints each kind with upstream's
// columns.
func TestUpstreamKubectlCreateMultiDoc(t *testing.T) {
	s := startAPIServer(t)
	got := mustKubectl(t, s, "create", "-f", "testdata/multi.yaml")
	want := "namespace/team-a created\nconfigmap/settings created\nsecret/token created\nservice/web created\nserviceaccount/builder created\n"
	if got != want {
		t.Fatalf("create -f printed:\n%s\nwant:\n%s", got, want)
	}

	for _, tc := range []struct {
		name   string
		args   []string
		header []string
		row    map[string]string
	}{
		{"namespaces", []string{"get", "namespace", "team-a"},
			[]string{"NAME", "STATUS", "AGE"}, map[string]string{"NAME": "team-a", "STATUS": "Active"}},
		{"configmaps", []string{"get", "configmaps", "-n", "team-a"},
			[]string{"NAME", "DATA", "AGE"}, map[string]string{"NAME": "settings", "DATA": "1"}},
		{"secrets", []string{"get", "secrets", "-n", "team-a"},
			[]string{"NAME", "TYPE", "DATA", "AGE"}, map[string]string{"NAME": "token", "TYPE": "Opaque", "DATA": "1"}},
		{"services", []string{"get", "services", "-n", "team-a", "-o", "wide"},
			[]string{"NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE", "SELECTOR"},
			map[string]string{"NAME": "web", "TYPE": "ClusterIP", "EXTERNAL-IP": "<none>", "PORT(S)": "80/TCP", "SELECTOR": "app=web"}},
		{"serviceaccounts", []string{"get", "serviceaccounts", "-n", "team-a"},
			[]string{"NAME", "SECRETS", "AGE"}, map[string]string{"NAME": "builder", "SECRETS": "0"}},
	} {
		t.Run("get "+tc.name, func(t *testing.T) {
			tb := parseTable(t, mustKubectl(t, s, tc.args...))
			if !slices.Equal(tb.header, tc.header) {
				t.Errorf("header = %q, want %q", tb.header, tc.header)
			}
			if len(tb.rows) != 1 {
				t.Fatalf("rows = %v, want one", tb.rows)
			}
			for k, v := range tc.row {
				if tb.rows[0][k] != v {
					t.Errorf("%s = %q, want %q (row %v)", k, tb.rows[0][k], v, tb.rows[0])
				}
			}
		})
	}

	t.Run("get pods -o wide", func(t *testing.T) {
		pod := "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p1\n  namespace: team-a\nspec:\n  containers:\n  - name: c\n    image: nginx\n"
		mustKubectlWith(t, s, pod, nil, "apply", "-f", "-")
		tb := parseTable(t, mustKubectl(t, s, "get", "pods", "-n", "team-a", "-o", "wide"))
		want := []string{"NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE", "READINESS GATES"}
		if !slices.Equal(tb.header, want) {
			t.Errorf("header = %q, want %q", tb.header, want)
		}
		if len(tb.rows) != 1 || tb.rows[0]["READY"] != "0/1" || tb.rows[0]["STATUS"] != "Pending" || tb.rows[0]["NODE"] != "<none>" {
			t.Errorf("rows = %v, want p1 0/1 Pending on no node", tb.rows)
		}
	})

	t.Run("delete the namespaced objects", func(t *testing.T) {
		got := mustKubectl(t, s, "delete", "-n", "team-a", "pod/p1", "configmap/settings", "secret/token", "service/web", "serviceaccount/builder")
		var want strings.Builder
		for _, o := range []string{`pod "p1"`, `configmap "settings"`, `secret "token"`, `service "web"`, `serviceaccount "builder"`} {
			want.WriteString(o + " deleted from team-a namespace\n")
		}
		if got != want.String() {
			t.Errorf("delete printed:\n%s\nwant:\n%s", got, want.String())
		}
	})

	t.Run("delete the namespace", func(t *testing.T) {
		// Until stage 3's namespace controller removes the "kubernetes"
		// finalizer the namespace stays Terminating, so kubectl must not
		// wait for it to go.
		got := mustKubectl(t, s, "delete", "namespace", "team-a", "--wait=false")
		if want := "namespace \"team-a\" deleted\n"; got != want {
			t.Errorf("delete printed %q, want %q", got, want)
		}
		ns, err := s.clientset(t).CoreV1().Namespaces().Get(context.Background(), "team-a", metav1.GetOptions{})
		switch {
		case apierrors.IsNotFound(err):
		case err != nil:
			t.Fatal(err)
		case ns.DeletionTimestamp == nil || ns.Status.Phase != "Terminating":
			t.Errorf("namespace after delete: deletionTimestamp %v, phase %q; want set and Terminating", ns.DeletionTimestamp, ns.Status.Phase)
		}
	})
}

// Talk 002, the Ghost demo ("run", "expose"): of kubectl's generators,
// these two work against our server today; the typed ones (`create
// deployment`, `create namespace`, ...) send protobuf, see doc.go.
func TestUpstreamKubectlRunAndExpose(t *testing.T) {
	s := startAPIServer(t)
	cs := s.clientset(t)
	ctx := context.Background()
	if got, want := mustKubectl(t, s, "run", "ghost", "--image=ghost:5", "--port=2368"), "pod/ghost created\n"; got != want {
		t.Errorf("run printed %q, want %q", got, want)
	}
	pod, err := cs.CoreV1().Pods("default").Get(ctx, "ghost", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if pod.Labels["run"] != "ghost" || pod.Spec.Containers[0].Image != "ghost:5" || pod.Spec.RestartPolicy != "Always" {
		t.Errorf("pod labels %v, image %s, restartPolicy %s; want run=ghost, ghost:5, Always",
			pod.Labels, pod.Spec.Containers[0].Image, pod.Spec.RestartPolicy)
	}

	if got, want := mustKubectl(t, s, "expose", "pod", "ghost", "--type=NodePort"), "service/ghost exposed\n"; got != want {
		t.Errorf("expose printed %q, want %q", got, want)
	}
	svc, err := cs.CoreV1().Services("default").Get(ctx, "ghost", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p := svc.Spec.Ports
	if svc.Spec.Selector["run"] != "ghost" || len(p) != 1 || p[0].Port != 2368 || p[0].NodePort == 0 || svc.Spec.ClusterIP == "" {
		t.Errorf("service selector %v, ports %+v, clusterIP %q; want run=ghost, 2368 with a node port, an IP",
			svc.Spec.Selector, p, svc.Spec.ClusterIP)
	}
}
