package corev1

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"sigs.k8s.io/yaml"

	"github.com/kubeworkbook/kubeworkbook/shared/api/intstr"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// Talk 001, "generators": kubectl run and kubectl create build these
// objects locally; with --dry-run=client -o yaml they are printed as is.
// Each testdata/dry-run file holds upstream kubectl v1.37's output for the
// command in the row's name, so these types must produce it byte for byte.
func TestDryRunOutputMatchesUpstream(t *testing.T) {
	tests := []struct {
		name string
		file string
		obj  any
	}{
		{
			name: "kubectl run nginx --image=nginx",
			file: "pod.yaml",
			obj: &Pod{
				TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"},
				ObjectMeta: metav1.ObjectMeta{Name: "nginx", Labels: map[string]string{"run": "nginx"}},
				Spec: PodSpec{
					Containers:    []Container{{Name: "nginx", Image: "nginx"}},
					RestartPolicy: RestartPolicyAlways,
					DNSPolicy:     DNSClusterFirst,
				},
			},
		},
		{
			name: "kubectl create service clusterip web --tcp=80:8080",
			file: "service.yaml",
			obj: &Service{
				TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Service"},
				ObjectMeta: metav1.ObjectMeta{Name: "web", Labels: map[string]string{"app": "web"}},
				Spec: ServiceSpec{
					Ports: []ServicePort{{
						Name: "80-8080", Protocol: ProtocolTCP, Port: 80, TargetPort: intstr.FromInt32(8080),
					}},
					Selector: map[string]string{"app": "web"},
					Type:     ServiceTypeClusterIP,
				},
			},
		},
		{
			name: "kubectl create namespace dev",
			file: "namespace.yaml",
			obj: &Namespace{
				TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Namespace"},
				ObjectMeta: metav1.ObjectMeta{Name: "dev"},
			},
		},
		{
			name: "kubectl create configmap web-config --from-literal=theme=dark",
			file: "configmap.yaml",
			obj: &ConfigMap{
				TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "ConfigMap"},
				ObjectMeta: metav1.ObjectMeta{Name: "web-config"},
				Data:       map[string]string{"theme": "dark"},
			},
		},
		{
			name: "kubectl create secret generic db --from-literal=password=s3cr3t",
			file: "secret.yaml",
			obj: &Secret{
				TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Secret"},
				ObjectMeta: metav1.ObjectMeta{Name: "db"},
				Data:       map[string][]byte{"password": []byte("s3cr3t")},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join("testdata", "dry-run", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			got, err := yaml.Marshal(tc.obj)
			if err != nil {
				t.Fatalf("encode %T: %v", tc.obj, err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("-o yaml differs from upstream (-want +got):\n%s", diff)
			}
		})
	}
}
