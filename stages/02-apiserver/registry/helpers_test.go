package registry_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
	"github.com/kubeworkbook/kubeworkbook/shared/fields"
	"github.com/kubeworkbook/kubeworkbook/shared/labels"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage/etcdtest"
)

// The tests share one embedded etcd; each gets its own key prefix, so
// they see none of each other's objects. Tests that need etcd to
// themselves (compaction) start their own.
var (
	sharedClient *clientv3.Client
	prefixes     atomic.Int64
)

func TestMain(m *testing.M) {
	os.Exit(runWithEtcd(m))
}

func runWithEtcd(m *testing.M) int {
	dir, err := os.MkdirTemp("", "registry-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	e, err := storage.StartEmbedded(ctx, filepath.Join(dir, "etcd"), etcdtest.Options())
	if err != nil {
		fmt.Fprintln(os.Stderr, "start etcd:", err)
		return 1
	}
	defer e.Close()
	if sharedClient, err = storage.Dial(ctx, e.Endpoints(), storage.TLSOptions{}); err != nil {
		fmt.Fprintln(os.Stderr, "dial etcd:", err)
		return 1
	}
	defer sharedClient.Close()
	return m.Run()
}

// clock is a settable time for the registry under test.
type clock struct{ now atomic.Pointer[time.Time] }

func newClock() *clock {
	c := &clock{}
	c.set(time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC))
	return c
}
func (c *clock) Now() time.Time          { return *c.now.Load() }
func (c *clock) set(t time.Time)         { c.now.Store(&t) }
func (c *clock) advance(d time.Duration) { c.set(c.Now().Add(d)) }
func (c *clock) at(offset time.Duration) string {
	return c.Now().Add(offset).UTC().Format(time.RFC3339)
}

// env is a registry under test over its own key prefix, bootstrapped.
type env struct {
	reg   *registry.Registry
	store *storage.Store
	clock *clock
}

func newEnv(t *testing.T, opts ...func(*registry.Options)) *env {
	t.Helper()
	prefix := fmt.Sprintf("/t%d", prefixes.Add(1))
	return newEnvOn(t, storage.New(sharedClient, storage.Options{Prefix: prefix}), opts...)
}

func newEnvOn(t *testing.T, store *storage.Store, opts ...func(*registry.Options)) *env {
	t.Helper()
	c := newClock()
	o := registry.Options{Now: c.Now}
	for _, f := range opts {
		f(&o)
	}
	reg, err := registry.New(store, o)
	if err != nil {
		t.Fatal(err)
	}
	if err := reg.Bootstrap(t.Context()); err != nil {
		t.Fatal(err)
	}
	return &env{reg: reg, store: store, clock: c}
}

// storage returns the Storage of group/resource.
func (e *env) storage(t *testing.T, group, resource string) registry.Storage {
	t.Helper()
	s, ok := e.reg.Storage(group, resource)
	if !ok {
		t.Fatalf("no storage for %s/%s", group, resource)
	}
	return s
}

func (e *env) pods(t *testing.T) registry.Storage { return e.storage(t, "", "pods") }

// revision returns etcd's current revision.
func (e *env) revision(t *testing.T) int64 {
	t.Helper()
	resp, err := e.store.Client().Get(t.Context(), "/no-such-key")
	if err != nil {
		t.Fatal(err)
	}
	return resp.Header.Revision
}

// create creates obj through the registry and fails the test on error.
func create[T metav1.Object](t *testing.T, s registry.Storage, obj T) T {
	t.Helper()
	out, err := s.Create(t.Context(), obj.GetObjectMeta().Namespace, obj, registry.CreateOptions{})
	if err != nil {
		t.Fatalf("create %s %s: %v", s.Resource().Resource, obj.GetObjectMeta().Name, err)
	}
	return out.(T)
}

// get reads an object and fails the test on error.
func get[T metav1.Object](t *testing.T, s registry.Storage, namespace, name string) T {
	t.Helper()
	out, err := s.Get(t.Context(), registry.Key{Namespace: namespace, Name: name}, registry.GetOptions{})
	if err != nil {
		t.Fatalf("get %s %s: %v", s.Resource().Resource, name, err)
	}
	return out.(T)
}

// replace returns an UpdateFunc that ignores the current object and
// returns obj, as a PUT does.
func replace(obj metav1.Object) registry.UpdateFunc {
	return func(context.Context, metav1.Object) (metav1.Object, error) { return obj, nil }
}

// modify returns an UpdateFunc that changes the current object with fn,
// as a PATCH does.
func modify[T metav1.Object](fn func(T)) registry.UpdateFunc {
	return func(_ context.Context, current metav1.Object) (metav1.Object, error) {
		obj := current.(T)
		fn(obj)
		return obj, nil
	}
}

// wantStatus fails unless err is a StatusError with code and, when
// message is not empty, a message matching it (a regular expression).
func wantStatus(t *testing.T, err error, code int32, reason metav1.StatusReason, message string) {
	t.Helper()
	var se *apierrors.StatusError
	if !errors.As(err, &se) {
		t.Fatalf("err = %v (%T), want a StatusError %d %s", err, err, code, reason)
	}
	st := se.Status()
	if st.Code != code || st.Reason != reason {
		t.Fatalf("status = %d %s (%q), want %d %s", st.Code, st.Reason, st.Message, code, reason)
	}
	if message != "" && !regexp.MustCompile(message).MatchString(st.Message) {
		t.Fatalf("message = %q, want it to match %q", st.Message, message)
	}
}

func ptr[T any](v T) *T { return &v }

func mustLabels(t *testing.T, s string) labels.Selector {
	t.Helper()
	sel, err := labels.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return sel
}

func mustFields(t *testing.T, s string) fields.Selector {
	t.Helper()
	sel, err := fields.ParseSelector(s)
	if err != nil {
		t.Fatal(err)
	}
	return sel
}

func formatInt(n int64) string { return strconv.FormatInt(n, 10) }

func quantity(s string) resource.Quantity { return resource.MustParse(s) }

// Object builders: small valid objects.

func newPod(name string, labels map[string]string) *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default", Labels: labels},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "app", Image: "nginx:1.27"}}},
	}
}

func newDeployment(name string, replicas int32) *appsv1.Deployment {
	labels := map[string]string{"app": name}
	return &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default"},
		Spec: appsv1.DeploymentSpec{
			Replicas: &replicas,
			Selector: &metav1.LabelSelector{MatchLabels: labels},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: labels},
				Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "app", Image: "nginx:1.27"}}},
			},
		},
	}
}

func newConfigMap(name string, finalizers ...string) *corev1.ConfigMap {
	return &corev1.ConfigMap{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default", Finalizers: finalizers},
		Data:       map[string]string{"k": "v"},
	}
}

func newNamespace(name string) *corev1.Namespace {
	return &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name}}
}

// names lists the names of objects, comma separated.
func names(objs []metav1.Object) string {
	var out []string
	for _, o := range objs {
		out = append(out, o.GetObjectMeta().Name)
	}
	return strings.Join(out, ",")
}
