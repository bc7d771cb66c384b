package registry_test

import (
	"testing"
	"time"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	autoscalingv1 "github.com/kubeworkbook/kubeworkbook/shared/api/autoscaling/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

func binding(pod, node string) *corev1.Binding {
	return &corev1.Binding{
		ObjectMeta: metav1.ObjectMeta{Name: pod},
		Target:     corev1.ObjectReference{Kind: "Node", Name: node},
	}
}

// Talk 000, "Scheduler", and talk 004, step 7: the scheduler POSTs a
// Binding; the API server sets spec.nodeName and PodScheduled=True, and
// refuses a second one.
func TestBinding(t *testing.T) {
	e := newEnv(t)
	create(t, e.pods(t), newPod("web", nil))
	e.clock.advance(time.Minute)
	st, err := e.reg.Binding().Bind(t.Context(), "default", binding("web", "worker-1"), registry.CreateOptions{})
	if err != nil || st.Status != metav1.StatusSuccess || st.Code != 201 {
		t.Fatalf("bind: %+v, %v", st, err)
	}
	pod := get[*corev1.Pod](t, e.pods(t), "default", "web")
	_, cond := corev1.GetPodCondition(&pod.Status, corev1.PodScheduled)
	if pod.Spec.NodeName != "worker-1" || cond == nil || cond.Status != corev1.ConditionTrue ||
		cond.LastTransitionTime.UTC().Format(time.RFC3339) != e.clock.at(0) {
		t.Errorf("nodeName %q, PodScheduled %+v; want worker-1, True since now", pod.Spec.NodeName, cond)
	}

	tests := []struct {
		name    string
		binding *corev1.Binding
		opts    registry.CreateOptions
		code    int32
		reason  metav1.StatusReason
		message string
	}{
		{"already bound", binding("web", "worker-2"), registry.CreateOptions{},
			409, metav1.StatusReasonConflict, `^Operation cannot be fulfilled on pods/binding "web": pod web is already assigned to node "worker-1"$`},
		{"already bound, dry run", binding("web", "worker-2"), registry.CreateOptions{DryRun: true},
			409, metav1.StatusReasonConflict, `already assigned to node "worker-1"`},
		{"no such pod", binding("ghost", "worker-1"), registry.CreateOptions{},
			404, metav1.StatusReasonNotFound, `^pods "ghost" not found$`},
		{"target is not a node", &corev1.Binding{ObjectMeta: metav1.ObjectMeta{Name: "web"}, Target: corev1.ObjectReference{Kind: "Pod", Name: "x"}},
			registry.CreateOptions{}, 422, metav1.StatusReasonInvalid, `target.kind: Unsupported value: "Pod"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.reg.Binding().Bind(t.Context(), "default", tc.binding, tc.opts)
			wantStatus(t, err, tc.code, tc.reason, tc.message)
		})
	}
}

// A binding's uid is a precondition on the pod: a scheduler acting on a
// pod that was deleted and recreated under the same name is refused.
func TestBindingPreconditionAndDryRun(t *testing.T) {
	e := newEnv(t)
	pod := create(t, e.pods(t), newPod("web", nil))
	b := binding("web", "worker-1")
	b.UID = "other-uid"
	_, err := e.reg.Binding().Bind(t.Context(), "default", b, registry.CreateOptions{})
	wantStatus(t, err, 409, metav1.StatusReasonConflict, `Precondition failed: UID in precondition: other-uid`)

	before := e.revision(t)
	b.UID = pod.UID
	if _, err := e.reg.Binding().Bind(t.Context(), "default", b, registry.CreateOptions{DryRun: true}); err != nil {
		t.Fatal(err)
	}
	if after := e.revision(t); after != before {
		t.Errorf("dry-run bind wrote: revision %d -> %d", before, after)
	}
}

// Talk 002, "Controllers": kubectl scale writes the desired count
// through /scale; the deployment's generation moves with it.
func TestScale(t *testing.T) {
	e := newEnv(t)
	create(t, e.storage(t, "apps", "deployments"), newDeployment("web", 2))
	scales, ok := e.reg.Scale("apps", "deployments")
	if !ok {
		t.Fatal("no scale subresource for deployments")
	}
	if _, ok := e.reg.Scale("", "pods"); ok {
		t.Error("pods have a scale subresource")
	}
	key := registry.Key{Namespace: "default", Name: "web"}
	s, err := scales.GetScale(t.Context(), key)
	if err != nil {
		t.Fatal(err)
	}
	if s.Spec.Replicas != 2 || s.Status.Selector != "app=web" || s.Kind != "Scale" || s.APIVersion != "autoscaling/v1" {
		t.Errorf("scale = %+v, want 2 replicas, selector app=web, autoscaling/v1 Scale", s)
	}
	stale := s.ResourceVersion

	s, err = scales.UpdateScale(t.Context(), key, func(cur *autoscalingv1.Scale) (*autoscalingv1.Scale, error) {
		cur.Spec.Replicas = 5
		return cur, nil
	}, registry.UpdateOptions{})
	if err != nil || s.Spec.Replicas != 5 {
		t.Fatalf("update scale: %+v, %v", s, err)
	}
	d := get[*appsv1.Deployment](t, e.storage(t, "apps", "deployments"), "default", "web")
	if *d.Spec.Replicas != 5 || d.Generation != 2 {
		t.Errorf("deployment replicas %d, generation %d; want 5, 2", *d.Spec.Replicas, d.Generation)
	}

	tests := []struct {
		name    string
		scale   func(cur *autoscalingv1.Scale)
		code    int32
		reason  metav1.StatusReason
		message string
	}{
		{"negative", func(s *autoscalingv1.Scale) { s.Spec.Replicas = -1 }, 422, metav1.StatusReasonInvalid,
			`^Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0$`},
		{"stale resourceVersion", func(s *autoscalingv1.Scale) { s.ResourceVersion = stale }, 409, metav1.StatusReasonConflict,
			`the object has been modified`},
		{"other uid", func(s *autoscalingv1.Scale) { s.UID = "x" }, 409, metav1.StatusReasonConflict,
			`^Operation cannot be fulfilled on deployments/scale.apps "web": Precondition failed`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := scales.UpdateScale(t.Context(), key, func(cur *autoscalingv1.Scale) (*autoscalingv1.Scale, error) {
				tc.scale(cur)
				return cur, nil
			}, registry.UpdateOptions{})
			wantStatus(t, err, tc.code, tc.reason, tc.message)
		})
	}
	_, err = scales.GetScale(t.Context(), registry.Key{Namespace: "default", Name: "ghost"})
	wantStatus(t, err, 404, metav1.StatusReasonNotFound, `^deployments.apps "ghost" not found$`)
}

// An eviction is a graceful delete of the pod.
func TestEviction(t *testing.T) {
	e := newEnv(t)
	p := newPod("web", nil)
	p.Spec.NodeName = "worker-1"
	create(t, e.pods(t), p)
	st, err := e.reg.Eviction().Evict(t.Context(), registry.Key{Namespace: "default", Name: "web"}, metav1.DeleteOptions{}, false)
	if err != nil || st.Status != metav1.StatusSuccess {
		t.Fatalf("evict: %+v, %v", st, err)
	}
	if got := get[*corev1.Pod](t, e.pods(t), "default", "web"); got.DeletionTimestamp == nil || *got.DeletionGracePeriodSeconds != 30 {
		t.Errorf("deletionTimestamp %v grace %v; want a graceful delete of 30s", got.DeletionTimestamp, got.DeletionGracePeriodSeconds)
	}
	_, err = e.reg.Eviction().Evict(t.Context(), registry.Key{Namespace: "default", Name: "ghost"}, metav1.DeleteOptions{}, false)
	wantStatus(t, err, 404, metav1.StatusReasonNotFound, `^pods "ghost" not found$`)
}

// A kubelet's status write may not move its pod to another node, nor
// change its spec.
func TestPodStatusUpdate(t *testing.T) {
	e := newEnv(t)
	p := newPod("web", nil)
	p.Spec.NodeName = "worker-1"
	create(t, e.pods(t), p)
	out, _, err := e.pods(t).Update(t.Context(), registry.Key{Namespace: "default", Name: "web"}, modify(func(p *corev1.Pod) {
		p.Status.Phase, p.Status.PodIP = corev1.PodRunning, "10.244.1.5"
		p.Spec.Containers[0].Image = "nginx:evil"
	}), registry.UpdateOptions{Subresource: "status"})
	if err != nil {
		t.Fatal(err)
	}
	got := out.(*corev1.Pod)
	if got.Status.Phase != corev1.PodRunning || got.Spec.Containers[0].Image != "nginx:1.27" {
		t.Errorf("phase %q image %q; want Running and the stored image", got.Status.Phase, got.Spec.Containers[0].Image)
	}
}
