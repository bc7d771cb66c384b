package compat

// The upstream control plane against our API server: kube-controller-manager
// and kube-scheduler v1.37.2, each with its own client certificate and the
// bootstrap RBAC roles, run as kubeadm runs them.

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
)

// componentWait bounds each wait on the components: leader election,
// service accounts, replica sets, pods, bindings. Each normally takes a
// second or two.
const componentWait = 60 * time.Second

// disabledControllers are the controllers of kube-controller-manager that
// watch resources our server does not serve (yet); each would retry its
// list forever and log an error every few seconds. The rest of upstream's
// default set runs.
var disabledControllers = []string{
	"cronjob-controller",                             // batch/v1 cronjobs
	"daemonset-controller",                           // apps/v1 daemonsets, controllerrevisions
	"statefulset-controller",                         // apps/v1 statefulsets, controllerrevisions
	"replicationcontroller-controller",               // v1 replicationcontrollers
	"disruption-controller",                          // policy/v1 poddisruptionbudgets, statefulsets, replicationcontrollers
	"horizontal-pod-autoscaler-controller",           // autoscaling/v2 horizontalpodautoscalers
	"certificatesigningrequest-signing-controller",   // certificates.k8s.io/v1 certificatesigningrequests
	"certificatesigningrequest-approving-controller", // the same
	"certificatesigningrequest-cleaner-controller",   // the same
	"podcertificaterequest-cleaner-controller",       // certificates.k8s.io/v1 podcertificaterequests
	"persistentvolume-binder-controller",             // storage.k8s.io/v1 storageclasses
	"persistentvolume-attach-detach-controller",      // storage.k8s.io/v1 volumeattachments, csinodes, csidrivers
	"volumeattributesclass-protection-controller",    // storage.k8s.io/v1 volumeattributesclasses
	"resourceclaim-controller",                       // resource.k8s.io/v1 resourceclaims, resourceclaimtemplates
	"device-taint-eviction-controller",               // resource.k8s.io/v1 devicetaintrules, resourceslices, deviceclasses
	"resourcequota-controller",                       // its extended-resource evaluator lists resourceclaims, deviceclasses
	"service-cidr-controller",                        // networking.k8s.io/v1 servicecidrs, ipaddresses
	"validatingadmissionpolicy-status-controller",    // admissionregistration.k8s.io/v1 validatingadmissionpolicies
	"storage-version-migrator-controller",            // storagemigration.k8s.io/v1 storageversionmigrations
	// Served, but without kubelets (stage 5) no node renews its Lease in
	// kube-node-lease: after 40 s every node would turn NotReady and be
	// tainted, and its pods evicted. The taint-eviction controller acts on
	// those taints and looks pods up through an index the node-lifecycle
	// controller registers, so it goes too.
	"node-lifecycle-controller",
	"taint-eviction-controller",
}

// schedulerConfig is the scheduler's configuration: upstream's default
// profile without the plugins whose informers list resources our server
// does not serve (storage classes, CSI objects, PodDisruptionBudgets,
// StatefulSets, ReplicationControllers, device claims). delayCacheUntilActive
// makes the scheduler take its lease before it fills its caches, so leader
// election shows even while a cache cannot fill.
const schedulerConfig = `apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
clientConnection:
  kubeconfig: %KUBECONFIG%
delayCacheUntilActive: true
profiles:
- schedulerName: default-scheduler
  plugins:
    multiPoint:
      disabled:
      - name: DynamicResources
      - name: VolumeBinding
      - name: VolumeZone
      - name: VolumeRestrictions
      - name: NodeVolumeLimits
      - name: PodTopologySpread
      - name: DefaultPreemption
`

// schedulerAlwaysWatches are the resources the v1.37 scheduler lists
// whatever its plugins: dynamic resource allocation is locked on, and the
// CSI node limits are shared by every profile. It schedules nothing until
// each of them is served.
var schedulerAlwaysWatches = []servedResource{
	{"storage.k8s.io/v1", "csinodes", "CSINode"},
	{"resource.k8s.io/v1", "deviceclasses", "DeviceClass"},
	{"resource.k8s.io/v1", "devicetaintrules", "DeviceTaintRule"},
	{"resource.k8s.io/v1", "resourceclaims", "ResourceClaim"},
	{"resource.k8s.io/v1", "resourceslices", "ResourceSlice"},
}

// servedResource names a resource as discovery lists it and its kind as
// client-go's reflectors log it.
type servedResource struct{ groupVersion, resource, kind string }

// Talk 003, "API server", and talk 000, "Authorization chain": the
// controller manager and the scheduler are ordinary clients of the API
// server. With their own certificates and the bootstrap roles they take
// their leases, the controllers (each under its own service account) turn
// a Deployment into a ReplicaSet and Pods and give a new namespace its
// default service account, and the scheduler binds the pods to a node -
// and nothing in their logs says the server refused them.
func TestUpstreamControllerManagerAndScheduler(t *testing.T) {
	kcmBin := requireBinary(t, os.Getenv("UPSTREAM_KUBE_CONTROLLER_MANAGER"), "the upstream kube-controller-manager (UPSTREAM_KUBE_CONTROLLER_MANAGER)")
	schedBin := requireBinary(t, os.Getenv("UPSTREAM_KUBE_SCHEDULER"), "the upstream kube-scheduler (UPSTREAM_KUBE_SCHEDULER)")
	s := startAPIServer(t, "--v=2") // the default admission plugins, ServiceAccount included
	cs := s.clientset(t)

	kcmKubeconfig := s.componentKubeconfig(t, "system:kube-controller-manager")
	controllers := "*"
	for _, c := range disabledControllers {
		controllers += ",-" + c
	}
	kcm := startComponent(t, kcmBin,
		"--kubeconfig="+kcmKubeconfig,
		"--authentication-kubeconfig="+kcmKubeconfig,
		"--authorization-kubeconfig="+kcmKubeconfig,
		"--leader-elect=true",
		"--use-service-account-credentials=true",
		"--controllers="+controllers,
		"--root-ca-file="+filepath.Join(s.dataDir, "pki", "ca.crt"),
		"--service-account-private-key-file="+filepath.Join(s.dataDir, "pki", "sa.key"),
		"--bind-address=127.0.0.1", "--secure-port=0",
		// The volume controllers create this directory; keep it out of /usr.
		"--flex-volume-plugin-dir="+t.TempDir(),
		"--v=2",
	)
	schedKubeconfig := s.componentKubeconfig(t, "system:kube-scheduler")
	config := filepath.Join(t.TempDir(), "scheduler.yaml")
	if err := os.WriteFile(config, []byte(strings.ReplaceAll(schedulerConfig, "%KUBECONFIG%", schedKubeconfig)), 0o600); err != nil {
		t.Fatal(err)
	}
	sched := startComponent(t, schedBin,
		"--config="+config,
		"--authentication-kubeconfig="+schedKubeconfig,
		"--authorization-kubeconfig="+schedKubeconfig,
		"--leader-elect=true",
		"--bind-address=127.0.0.1", "--secure-port=0",
		"--v=2",
	)

	for _, lease := range []string{"kube-controller-manager", "kube-scheduler"} {
		waitFor(t, componentWait, "lease kube-system/"+lease+" held", func(ctx context.Context) (bool, error) {
			l, err := cs.CoordinationV1().Leases("kube-system").Get(ctx, lease, metav1.GetOptions{})
			return err == nil && l.Spec.HolderIdentity != nil && *l.Spec.HolderIdentity != "", err
		})
	}

	// The serviceaccount controller satisfies the ServiceAccount plugin.
	mustKubectl(t, s, "create", "namespace", "shop")
	waitFor(t, componentWait, "service account shop/default", func(ctx context.Context) (bool, error) {
		_, err := cs.CoreV1().ServiceAccounts("shop").Get(ctx, "default", metav1.GetOptions{})
		return err == nil, err
	})
	createReadyNode(t, cs, "worker-1")

	mustKubectl(t, s, "create", "deployment", "web", "--image=nginx:1.27", "--replicas=2", "-n", "shop")
	var pods []corev1.Pod
	waitFor(t, componentWait, "deployment shop/web has a ReplicaSet with 2 pods", func(ctx context.Context) (bool, error) {
		rss, err := cs.AppsV1().ReplicaSets("shop").List(ctx, metav1.ListOptions{LabelSelector: "app=web"})
		if err != nil || len(rss.Items) != 1 || len(rss.Items[0].OwnerReferences) != 1 || rss.Items[0].OwnerReferences[0].Name != "web" {
			return false, err
		}
		list, err := cs.CoreV1().Pods("shop").List(ctx, metav1.ListOptions{LabelSelector: "app=web"})
		if err != nil {
			return false, err
		}
		pods = list.Items
		return len(pods) == 2 && pods[0].OwnerReferences[0].Name == rss.Items[0].Name, nil
	})
	for _, p := range pods {
		if p.Spec.ServiceAccountName != "default" {
			t.Errorf("pod %s: serviceAccountName %q; want default", p.Name, p.Spec.ServiceAccountName)
		}
	}

	if missing := unserved(t, cs, schedulerAlwaysWatches); len(missing) == 0 {
		waitFor(t, componentWait, "the scheduler binds both pods to worker-1", func(ctx context.Context) (bool, error) {
			list, err := cs.CoreV1().Pods("shop").List(ctx, metav1.ListOptions{LabelSelector: "app=web"})
			bound := 0
			for _, p := range list.Items {
				if p.Spec.NodeName == "worker-1" {
					bound++
				}
			}
			return err == nil && bound == 2, err
		})
	} else {
		// Known gap (doc.go): the scheduler waits for these caches before
		// it schedules anything. Its log must name them and nothing else.
		waitFor(t, componentWait, "the scheduler reports the resources it waits for", func(context.Context) (bool, error) {
			log := strings.Join(sched.logLines(t), "\n")
			for _, kind := range missing {
				if !strings.Contains(log, "failed to list *v1."+kind+": the server could not find the requested resource") {
					return false, nil
				}
			}
			return true, nil
		})
		unservedKind := regexp.MustCompile(`failed to list \*v1\.(\w+): the server could not find the requested resource`)
		for _, l := range sched.logLines(t) {
			if m := unservedKind.FindStringSubmatch(l); m != nil && !slices.Contains(missing, m[1]) {
				t.Errorf("the scheduler lists %s, which it should not with its plugins disabled: %s", m[1], l)
			}
		}
		t.Logf("not served, so the scheduler cannot schedule yet: %s", strings.Join(missing, ", "))
	}

	for _, c := range []*component{kcm, sched} {
		if lines := c.authorizationErrors(t); len(lines) > 0 {
			t.Errorf("%s was refused by the server:\n%s", c.name, strings.Join(lines, "\n"))
		}
		t.Logf("%s: errors and warnings, by count:\n%s", c.name, strings.Join(c.recurringErrors(t), "\n"))
	}
}

// createReadyNode registers a node the way a kubelet would: the object,
// then its status with capacity and a Ready condition.
func createReadyNode(t *testing.T, cs kubernetes.Interface, name string) {
	t.Helper()
	ctx := t.Context()
	node, err := cs.CoreV1().Nodes().Create(ctx, &corev1.Node{ObjectMeta: metav1.ObjectMeta{
		Name: name, Labels: map[string]string{"kubernetes.io/hostname": name, "kubernetes.io/os": "linux"},
	}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatalf("create node %s: %v", name, err)
	}
	capacity := corev1.ResourceList{
		corev1.ResourceCPU:    resource.MustParse("4"),
		corev1.ResourceMemory: resource.MustParse("8Gi"),
		corev1.ResourcePods:   resource.MustParse("110"),
	}
	node.Status = corev1.NodeStatus{
		Capacity: capacity, Allocatable: capacity,
		Conditions: []corev1.NodeCondition{{
			Type: corev1.NodeReady, Status: corev1.ConditionTrue, Reason: "KubeletReady",
			Message: "kubelet is posting ready status", LastHeartbeatTime: metav1.Now(), LastTransitionTime: metav1.Now(),
		}},
	}
	if _, err := cs.CoreV1().Nodes().UpdateStatus(ctx, node, metav1.UpdateOptions{}); err != nil {
		t.Fatalf("update node %s status: %v", name, err)
	}
}

// unserved returns the kinds of the resources in want that the server's
// discovery does not list.
func unserved(t *testing.T, cs kubernetes.Interface, want []servedResource) []string {
	t.Helper()
	var missing []string
	for _, w := range want {
		list, err := cs.Discovery().ServerResourcesForGroupVersion(w.groupVersion)
		if err != nil && !apierrors.IsNotFound(err) {
			t.Fatalf("discover %s: %v", w.groupVersion, err)
		}
		if list == nil || !slices.ContainsFunc(list.APIResources, func(r metav1.APIResource) bool { return r.Name == w.resource }) {
			missing = append(missing, w.kind)
		}
	}
	return missing
}
