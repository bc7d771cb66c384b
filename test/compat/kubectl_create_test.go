package compat

// The upstream kubectl's generators: `kubectl create <kind> NAME ...`
// builds the object on the client and sends it with a typed client, in
// protobuf.

import (
	"context"
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Talk 000, "kubectl create" and talk 001, generators: every generator of
// the resources we serve creates its object through our server, and the
// object reads back as the generator built it.
func TestUpstreamKubectlGenerators(t *testing.T) {
	s := startAPIServer(t)
	cs := s.clientset(t)
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		args  []string
		want  string
		check func(t *testing.T) error
	}{
		{"deployment", []string{"create", "deployment", "gen", "--image=nginx:1.27", "--replicas=2", "--port=80"},
			"deployment.apps/gen created\n", func(t *testing.T) error {
				d, err := cs.AppsV1().Deployments("default").Get(ctx, "gen", metav1.GetOptions{})
				if err == nil && (*d.Spec.Replicas != 2 || d.Spec.Template.Spec.Containers[0].Ports[0].ContainerPort != 80) {
					t.Errorf("deployment gen = %+v; want 2 replicas and port 80", d.Spec)
				}
				return err
			}},
		{"namespace", []string{"create", "namespace", "gen"}, "namespace/gen created\n", func(t *testing.T) error {
			_, err := cs.CoreV1().Namespaces().Get(ctx, "gen", metav1.GetOptions{})
			return err
		}},
		{"configmap", []string{"create", "configmap", "gen", "--from-literal=mode=fast"}, "configmap/gen created\n", func(t *testing.T) error {
			cm, err := cs.CoreV1().ConfigMaps("default").Get(ctx, "gen", metav1.GetOptions{})
			if err == nil && cm.Data["mode"] != "fast" {
				t.Errorf("configmap data = %v; want mode=fast", cm.Data)
			}
			return err
		}},
		{"secret", []string{"create", "secret", "generic", "gen", "--from-literal=password=s3cret"}, "secret/gen created\n", func(t *testing.T) error {
			sec, err := cs.CoreV1().Secrets("default").Get(ctx, "gen", metav1.GetOptions{})
			if err == nil && string(sec.Data["password"]) != "s3cret" {
				t.Errorf("secret data = %q; want password=s3cret", sec.Data)
			}
			return err
		}},
		{"job", []string{"create", "job", "gen", "--image=busybox:1.36", "--", "date"}, "job.batch/gen created\n", func(t *testing.T) error {
			j, err := cs.BatchV1().Jobs("default").Get(ctx, "gen", metav1.GetOptions{})
			if err == nil && strings.Join(j.Spec.Template.Spec.Containers[0].Command, " ") != "date" {
				t.Errorf("job command = %v; want [date]", j.Spec.Template.Spec.Containers[0].Command)
			}
			return err
		}},
		{"service account", []string{"create", "serviceaccount", "gen"}, "serviceaccount/gen created\n", func(t *testing.T) error {
			_, err := cs.CoreV1().ServiceAccounts("default").Get(ctx, "gen", metav1.GetOptions{})
			return err
		}},
		{"service", []string{"create", "service", "clusterip", "gen", "--tcp=80:8080"}, "service/gen created\n", func(t *testing.T) error {
			svc, err := cs.CoreV1().Services("default").Get(ctx, "gen", metav1.GetOptions{})
			if err == nil && (svc.Spec.Ports[0].Port != 80 || svc.Spec.Ports[0].TargetPort.IntValue() != 8080 || svc.Spec.ClusterIP == "") {
				t.Errorf("service spec = %+v; want 80->8080 with a cluster IP", svc.Spec)
			}
			return err
		}},
		{"role", []string{"create", "role", "gen", "--verb=get,list", "--resource=pods"}, "role.rbac.authorization.k8s.io/gen created\n", func(t *testing.T) error {
			r, err := cs.RbacV1().Roles("default").Get(ctx, "gen", metav1.GetOptions{})
			if err == nil && (len(r.Rules) != 1 || strings.Join(r.Rules[0].Verbs, ",") != "get,list") {
				t.Errorf("role rules = %+v; want get,list on pods", r.Rules)
			}
			return err
		}},
		{"rolebinding", []string{"create", "rolebinding", "gen", "--role=gen", "--user=jane"}, "rolebinding.rbac.authorization.k8s.io/gen created\n", func(t *testing.T) error {
			_, err := cs.RbacV1().RoleBindings("default").Get(ctx, "gen", metav1.GetOptions{})
			return err
		}},
		{"clusterrole", []string{"create", "clusterrole", "gen", "--verb=get", "--resource=nodes"}, "clusterrole.rbac.authorization.k8s.io/gen created\n", func(t *testing.T) error {
			_, err := cs.RbacV1().ClusterRoles().Get(ctx, "gen", metav1.GetOptions{})
			return err
		}},
		{"clusterrolebinding", []string{"create", "clusterrolebinding", "gen", "--clusterrole=gen", "--group=ops"}, "clusterrolebinding.rbac.authorization.k8s.io/gen created\n", func(t *testing.T) error {
			_, err := cs.RbacV1().ClusterRoleBindings().Get(ctx, "gen", metav1.GetOptions{})
			return err
		}},
		{"quota", []string{"create", "quota", "gen", "--hard=pods=10"}, "resourcequota/gen created\n", func(t *testing.T) error {
			_, err := cs.CoreV1().ResourceQuotas("default").Get(ctx, "gen", metav1.GetOptions{})
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := mustKubectl(t, s, tc.args...); got != tc.want {
				t.Errorf("kubectl %s printed %q; want %q", strings.Join(tc.args, " "), got, tc.want)
			}
			if err := tc.check(t); err != nil {
				t.Errorf("read back: %v", err)
			}
		})
	}
}
