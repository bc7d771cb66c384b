package kubectl

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/intstr"
)

// Talk 001, "generators": the container name comes from the image, as
// upstream's create deployment derives it.
func TestContainerNameFromImage(t *testing.T) {
	tests := []struct {
		image string
		want  string // a regexp: names with '.' or '_' get a random suffix
	}{
		{"nginx", "^nginx$"},
		{"nginx:alpine", "^nginx$"},
		{"registry.example.com:5000/team/web:1.2", "^web$"},
		{"busybox@sha256:abcd", "^busybox$"},
		{"quay.io/coreos/etcd_v3.5", "^etcd-v3-5-[bcdfghjklmnpqrstvwxz2456789]{5}$"},
	}
	for _, tc := range tests {
		t.Run(tc.image, func(t *testing.T) {
			if got := ContainerNameFromImage(tc.image); !regexp.MustCompile(tc.want).MatchString(got) {
				t.Errorf("ContainerNameFromImage(%q) = %q, want %s", tc.image, got, tc.want)
			}
		})
	}
}

// Several --image flags give several containers, each named after its
// image; --port goes to the first; --replicas to the spec.
func TestGenerateDeploymentMultipleImages(t *testing.T) {
	d := GenerateDeployment(DeploymentParams{Name: "web", Images: []string{"nginx:1.27", "redis"}, Replicas: 2, Port: 80})
	var names []string
	for _, c := range d.Spec.Template.Spec.Containers {
		names = append(names, c.Name+"="+c.Image)
	}
	if diff := cmp.Diff([]string{"nginx=nginx:1.27", "redis=redis"}, names); diff != "" {
		t.Errorf("containers (-want +got):\n%s", diff)
	}
	if p := d.Spec.Template.Spec.Containers[0].Ports; len(p) != 1 || p[0].ContainerPort != 80 || len(d.Spec.Template.Spec.Containers[1].Ports) != 0 {
		t.Errorf("ports: %v", p)
	}
	if *d.Spec.Replicas != 2 || d.Spec.Selector.MatchLabels["app"] != "web" || d.Labels["app"] != "web" || d.Spec.Template.Labels["app"] != "web" {
		t.Errorf("replicas, selector or labels wrong: %+v", d)
	}
}

// run's Pod: args after "--" are the container's args, or with --command
// its command; --labels replaces run=NAME.
func TestGeneratePod(t *testing.T) {
	tests := []struct {
		name        string
		params      PodParams
		wantCommand []string
		wantArgs    []string
		wantLabels  map[string]string
	}{
		{"args", PodParams{Name: "b", Image: "busybox", Port: -1, Args: []string{"sleep", "1"}}, nil, []string{"sleep", "1"}, map[string]string{"run": "b"}},
		{"command", PodParams{Name: "b", Image: "busybox", Port: -1, Args: []string{"sleep", "1"}, Command: true}, []string{"sleep", "1"}, nil, map[string]string{"run": "b"}},
		{"labels", PodParams{Name: "b", Image: "busybox", Port: -1, Labels: map[string]string{"app": "x"}}, nil, nil, map[string]string{"app": "x"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := GeneratePod(tc.params)
			c := p.Spec.Containers[0]
			if !cmp.Equal(c.Command, tc.wantCommand) || !cmp.Equal(c.Args, tc.wantArgs) || !cmp.Equal(p.Labels, tc.wantLabels) {
				t.Errorf("command %v args %v labels %v", c.Command, c.Args, p.Labels)
			}
			if p.Spec.RestartPolicy != corev1.RestartPolicyAlways || p.Spec.DNSPolicy != corev1.DNSClusterFirst {
				t.Errorf("policies %s %s", p.Spec.RestartPolicy, p.Spec.DNSPolicy)
			}
		})
	}
}

// expose's Service: several ports are named port-1, port-2; the object's
// protocols are kept; --target-port may name a port.
func TestGenerateService(t *testing.T) {
	svc := GenerateService(ServiceParams{
		Name: "dns", Selector: map[string]string{"app": "dns"}, Ports: []int32{53, 9153},
		Protocols: map[string]corev1.Protocol{"53": corev1.ProtocolUDP}, TargetPort: "metrics",
	})
	want := []corev1.ServicePort{
		{Name: "port-1", Port: 53, Protocol: corev1.ProtocolUDP, TargetPort: intstr.FromString("metrics")},
		{Name: "port-2", Port: 9153, Protocol: corev1.ProtocolTCP, TargetPort: intstr.FromString("metrics")},
	}
	if diff := cmp.Diff(want, svc.Spec.Ports); diff != "" {
		t.Errorf("ports (-want +got):\n%s", diff)
	}
}

// The selector of the pods behind an object, as expose and logs read it.
func TestSelectorForObject(t *testing.T) {
	tests := []struct {
		name    string
		obj     map[string]any
		want    map[string]string
		wantErr string
	}{
		{"pod", map[string]any{"kind": "Pod", "metadata": map[string]any{"labels": map[string]any{"run": "ghost"}}}, map[string]string{"run": "ghost"}, ""},
		{"deployment", map[string]any{"kind": "Deployment", "spec": map[string]any{"selector": map[string]any{"matchLabels": map[string]any{"app": "ghost"}}}}, map[string]string{"app": "ghost"}, ""},
		{"service", map[string]any{"kind": "Service", "spec": map[string]any{"selector": map[string]any{"app": "ghost"}}}, map[string]string{"app": "ghost"}, ""},
		{"expressions", map[string]any{"kind": "ReplicaSet", "spec": map[string]any{"selector": map[string]any{"matchExpressions": []any{map[string]any{"key": "a", "operator": "Exists"}}}}}, nil, "couldn't convert expressions"},
		{"configmap", map[string]any{"kind": "ConfigMap"}, nil, "cannot extract pod selector from ConfigMap"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := SelectorForObject(tc.obj)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Errorf("error %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || !cmp.Equal(got, tc.want) {
				t.Errorf("got %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}

func TestParseEnvAndLabels(t *testing.T) {
	if env, err := ParseEnv([]string{"A=1", "B=x=y", "C="}); err != nil || len(env) != 3 || env[1].Value != "x=y" {
		t.Errorf("ParseEnv: %v %v", env, err)
	}
	for _, bad := range []string{"noequals", "=value"} {
		if _, err := ParseEnv([]string{bad}); err == nil || err.Error() != "invalid env: "+bad {
			t.Errorf("ParseEnv(%q) error %v", bad, err)
		}
	}
	if l, err := ParseLabels("app=web,tier=front"); err != nil || l["tier"] != "front" {
		t.Errorf("ParseLabels: %v %v", l, err)
	}
	if _, err := ParseLabels("app"); err == nil {
		t.Error("ParseLabels accepted a label without '='")
	}
}

// Talk 002, "declarative manifests": the nginx ConfigMap's data from a
// file, and the other sources create configmap and secret accept.
func TestDataSources(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "nginx.conf"), []byte("server {}\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "app.env"), []byte("# settings\nMODE=dev\n\nLEVEL=3\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "logo.png"), []byte{0x89, 'P', 'N', 'G', 0xff}, 0o644)
	tests := []struct {
		name    string
		src     DataSources
		want    map[string]string
		wantErr string
	}{
		{"file", DataSources{Files: []string{filepath.Join(dir, "nginx.conf")}}, map[string]string{"nginx.conf": "server {}\n"}, ""},
		{"file with key", DataSources{Files: []string{"default.conf=" + filepath.Join(dir, "nginx.conf")}}, map[string]string{"default.conf": "server {}\n"}, ""},
		{"literals", DataSources{Literals: []string{"a=1", "b=two=2"}}, map[string]string{"a": "1", "b": "two=2"}, ""},
		{"env file", DataSources{EnvFiles: []string{filepath.Join(dir, "app.env")}}, map[string]string{"MODE": "dev", "LEVEL": "3"}, ""},
		{"bad literal", DataSources{Literals: []string{"novalue"}}, nil, "invalid literal source novalue, expected key=value"},
		{"bad key", DataSources{Literals: []string{"a b=1"}}, nil, `"a b" is not a valid key name`},
		{"duplicate", DataSources{Literals: []string{"a=1", "a=2"}}, nil, `cannot add key "a", another key by that name already exists in Data for ConfigMap "cm"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, err := tc.src.Collect("ConfigMap", "cm")
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Errorf("error %v, want %q", err, tc.wantErr)
				}
				return
			}
			got := map[string]string{}
			for k, v := range data {
				got[k] = string(v)
			}
			if err != nil || !cmp.Equal(got, tc.want) {
				t.Errorf("got %v %v, want %v", got, err, tc.want)
			}
		})
	}
	cm := GenerateConfigMap("assets", "", map[string][]byte{"logo.png": {0x89, 'P', 0xff}, "a": []byte("b")})
	if cm.Data["a"] != "b" || len(cm.BinaryData["logo.png"]) != 3 {
		t.Errorf("binary data not separated: %+v", cm)
	}
}

// The other create subcommands, as their dry-run output.
func TestCreateSubcommands(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"namespace", []string{"namespace", "blog"}, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: blog\nspec: {}\nstatus: {}\n"},
		{"serviceaccount", []string{"serviceaccount", "ghost", "-n", "blog"}, "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ghost\n  namespace: blog\n"},
		{"configmap", []string{"configmap", "nginx", "--from-literal=listen=80"}, "apiVersion: v1\ndata:\n  listen: \"80\"\nkind: ConfigMap\nmetadata:\n  name: nginx\n"},
		{"secret", []string{"secret", "generic", "db", "--from-literal=password=s3cret"}, "apiVersion: v1\ndata:\n  password: czNjcmV0\nkind: Secret\nmetadata:\n  name: db\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := kubectlRun(t, "", append(append([]string{"--kubeconfig=/nonexistent", "create"}, tc.args...), "--dry-run=client", "-o", "yaml")...)
			mustSucceed(t, r)
			if r.out != tc.want {
				t.Errorf("output:\n%s\nwant:\n%s", r.out, tc.want)
			}
		})
	}
}
