package registry_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	batchv1 "github.com/kubeworkbook/kubeworkbook/shared/api/batch/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/defaults"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// fixtures name, for every resource (by group-resource: "pods",
// "deployments.apps"), a realistic object: the shared/api test data
// (objects as a v1.3x server returns them), or a literal for the kinds
// that have none.
var fixtures = map[string]string{
	"configmaps":                             "core/v1/testdata/configmap.json",
	"endpoints":                              "core/v1/testdata/endpoints.json",
	"events":                                 "core/v1/testdata/event.json",
	"events.events.k8s.io":                   "events/v1/testdata/event.json",
	"limitranges":                            "core/v1/testdata/limitrange.json",
	"namespaces":                             "core/v1/testdata/namespace.json",
	"nodes":                                  "core/v1/testdata/node.json",
	"persistentvolumeclaims":                 "core/v1/testdata/persistentvolumeclaim.json",
	"persistentvolumes":                      "core/v1/testdata/persistentvolume.json",
	"pods":                                   "core/v1/testdata/pod.json",
	"resourcequotas":                         "core/v1/testdata/resourcequota.json",
	"secrets":                                "core/v1/testdata/secret.json",
	"serviceaccounts":                        "core/v1/testdata/serviceaccount.json",
	"services":                               "core/v1/testdata/service.json",
	"deployments.apps":                       "apps/v1/testdata/deployment.json",
	"replicasets.apps":                       "apps/v1/testdata/replicaset.json",
	"jobs.batch":                             "batch/v1/testdata/job.json",
	"clusterroles.rbac.authorization.k8s.io": "rbac/v1/testdata/clusterrole.json",
	"rolebindings.rbac.authorization.k8s.io": "rbac/v1/testdata/rolebinding.json",
	"leases.coordination.k8s.io":             "coordination/v1/testdata/lease.json",
	"endpointslices.discovery.k8s.io":        "discovery/v1/testdata/endpointslice.json",
	"mutatingwebhookconfigurations.admissionregistration.k8s.io":   "admissionregistration/v1/testdata/mutatingwebhookconfiguration.json",
	"validatingwebhookconfigurations.admissionregistration.k8s.io": "admissionregistration/v1/testdata/validatingwebhookconfiguration.json",
	"roles.rbac.authorization.k8s.io": `{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"pod-reader","namespace":"default"},
		"rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["get","list","watch"]}]}`,
	"clusterrolebindings.rbac.authorization.k8s.io": `{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"monitoring"},
		"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"monitoring"},
		"subjects":[{"kind":"ServiceAccount","name":"prometheus","namespace":"monitoring"}]}`,
}

// Talk 000, "Write to etcd!": every kind survives the trip into etcd
// and back - Get returns exactly what Create returned, and that is what
// the client sent plus defaults and the server's own fields.
func TestRoundTripEveryResource(t *testing.T) {
	e := newEnv(t)
	for _, res := range e.reg.Resources() {
		gr := res.GroupVersionResource().GroupResource().String()
		t.Run(gr, func(t *testing.T) {
			spec, ok := fixtures[gr]
			if !ok {
				t.Fatalf("no fixture for %s: add one to fixtures", gr)
			}
			data := []byte(spec)
			if spec[0] != '{' {
				var err error
				if data, err = os.ReadFile(filepath.Join("..", "..", "..", "shared", "api", spec)); err != nil {
					t.Fatal(err)
				}
			}
			in := res.New()
			if err := json.Unmarshal(data, in); err != nil {
				t.Fatal(err)
			}
			clearServerFields(in)
			if fix, ok := asClientSends[gr]; ok {
				fix(in)
			}
			s, _ := e.reg.Storage(res.Group, res.Resource)
			if ns := in.GetObjectMeta().Namespace; res.Namespaced && ns != "default" && ns != "kube-system" {
				_, _ = e.storage(t, "", "namespaces").Create(t.Context(), "", newNamespace(ns), registry.CreateOptions{})
			}

			created, err := s.Create(t.Context(), in.GetObjectMeta().Namespace, in, registry.CreateOptions{})
			if err != nil {
				t.Fatalf("create: %v", err)
			}
			got, err := s.Get(t.Context(), keyOf(in), registry.GetOptions{})
			if err != nil {
				t.Fatalf("get: %v", err)
			}
			if diff := cmp.Diff(created, got); diff != "" {
				t.Errorf("Get differs from what Create returned (-created +got):\n%s", diff)
			}
			want := in
			defaults.Default(want)
			if job, ok := want.(*batchv1.Job); ok {
				// Generated from the new uid; TestCreateJobSelector checks them.
				stored := got.(*batchv1.Job)
				job.Spec.Selector, job.Spec.Template.Labels = stored.Spec.Selector, stored.Spec.Template.Labels
			}
			if diff := cmp.Diff(want, got, serverOwned...); diff != "" {
				t.Errorf("stored object differs from the defaulted request (-want +got):\n%s", diff)
			}
		})
	}
}

// serverOwned ignores what the server sets on create: identity, and the
// status and selectors its strategies reset or generate.
var serverOwned = []cmp.Option{
	cmpopts.IgnoreFields(metav1.ObjectMeta{}, "UID", "ResourceVersion", "CreationTimestamp", "Generation"),
	cmpopts.IgnoreFields(corev1.Pod{}, "Status"),
	cmpopts.IgnoreFields(corev1.Service{}, "Status"),
	cmpopts.IgnoreFields(corev1.Namespace{}, "Status"),
	cmpopts.IgnoreFields(corev1.PersistentVolume{}, "Status"),
	cmpopts.IgnoreFields(corev1.PersistentVolumeClaim{}, "Status"),
	cmpopts.IgnoreFields(corev1.ResourceQuota{}, "Status"),
	cmpopts.IgnoreFields(appsv1.Deployment{}, "Status"),
	cmpopts.IgnoreFields(appsv1.ReplicaSet{}, "Status"),
	cmpopts.IgnoreFields(batchv1.Job{}, "Status"),
	cmpopts.EquateEmpty(),
}

// asClientSends turns fixtures that show an object as the server holds
// it into what a client may send. The pod and quota fixtures break rules
// upstream's validation enforces too (minDomains needs DoNotSchedule;
// NotBestEffort does not cover services.nodeports); a Job's generated
// selector names the uid of the Job it was read from.
var asClientSends = map[string]func(metav1.Object){
	"pods": func(obj metav1.Object) {
		obj.(*corev1.Pod).Spec.TopologySpreadConstraints[0].WhenUnsatisfiable = corev1.DoNotSchedule
	},
	"resourcequotas": func(obj metav1.Object) {
		delete(obj.(*corev1.ResourceQuota).Spec.Hard, "services.nodeports")
	},
	"jobs.batch": func(obj metav1.Object) {
		job := obj.(*batchv1.Job)
		job.Spec.Selector = nil
		for _, k := range []string{"controller-uid", "job-name", batchv1.ControllerUidLabel, batchv1.JobNameLabel} {
			delete(job.Spec.Template.Labels, k)
		}
	},
}

// clearServerFields removes what a client cannot send on create.
func clearServerFields(obj metav1.Object) {
	meta := obj.GetObjectMeta()
	meta.UID, meta.ResourceVersion, meta.Generation = "", "", 0
	meta.CreationTimestamp = metav1.Time{}
	meta.DeletionTimestamp, meta.DeletionGracePeriodSeconds = nil, nil
}

func keyOf(obj metav1.Object) registry.Key {
	return registry.Key{Namespace: obj.GetObjectMeta().Namespace, Name: obj.GetObjectMeta().Name}
}
