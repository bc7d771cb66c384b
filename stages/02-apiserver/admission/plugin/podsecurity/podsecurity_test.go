package podsecurity

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
)

// namespaces is an admission.NamespaceLister over namespace labels.
type namespaces map[string]map[string]string

func (n namespaces) GetNamespace(_ context.Context, name string) (*corev1.Namespace, error) {
	labels, ok := n[name]
	if !ok {
		return nil, errors.New("not found")
	}
	return &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: labels}}, nil
}

// recorder keeps the warnings the plugin gave.
type recorder struct {
	warnings []string
}

func newPlugin(t *testing.T, ns namespaces, ex Exemptions) (*Plugin, *recorder) {
	t.Helper()
	rec := &recorder{}
	p, err := New(Config{
		Namespaces: ns,
		Exemptions: ex,
		Warn:       func(_ context.Context, text string) { rec.warnings = append(rec.warnings, text) },
	})
	if err != nil {
		t.Fatal(err)
	}
	return p, rec
}

var (
	podsResource        = metav1.GroupVersionResource{Version: "v1", Resource: "pods"}
	deploymentsResource = metav1.GroupVersionResource{Group: "apps", Version: "v1", Resource: "deployments"}
	alice               = user.Info{Name: "alice", Groups: []string{user.AllAuthenticated}}
)

func minimalPod(name string) *corev1.Pod {
	return &corev1.Pod{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"},
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "team"},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Image: "nginx"}}},
	}
}

func privilegedPod(name string) *corev1.Pod {
	pod, yes := minimalPod(name), true
	pod.Spec.Containers[0].SecurityContext = &corev1.SecurityContext{Privileged: &yes}
	return pod
}

func createPod(pod metav1.Object) *admission.Attributes {
	meta := pod.GetObjectMeta()
	return &admission.Attributes{
		Operation: admission.Create, Kind: metav1.GroupVersionKind{Version: "v1", Kind: "Pod"},
		Resource: podsResource, Namespace: meta.Namespace, Name: meta.Name, Object: pod, User: alice,
	}
}

// jsonPod is a pod given as JSON, for fields (runtimeClassName) the
// project's corev1.Pod does not have yet.
type jsonPod struct {
	metav1.TypeMeta
	metav1.ObjectMeta
	json string
}

func (p *jsonPod) MarshalJSON() ([]byte, error) { return []byte(p.json), nil }

const minimalRestricted = `allowPrivilegeEscalation != false (container "c" must set securityContext.allowPrivilegeEscalation=false), ` +
	`unrestricted capabilities (container "c" must set securityContext.capabilities.drop=["ALL"]), ` +
	`runAsNonRoot != true (pod or container "c" must set securityContext.runAsNonRoot=true), ` +
	`seccompProfile (pod or container "c" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")`

// Talk 000, "Admission controllers": a plugin may reject a write. Enforce
// rejects a pod with a 403 that reads like upstream's, warn returns a
// warning, audit annotates the audit event, and a rejected request gets no
// warning on top.
func TestPodModes(t *testing.T) {
	tests := []struct {
		name            string
		labels          map[string]string
		pod             *corev1.Pod
		wantErr         string
		wantWarnings    []string
		wantAnnotations map[string]string
	}{
		{name: "restricted enforce rejects a minimal pod",
			labels:          map[string]string{EnforceLevelLabel: "restricted"},
			pod:             minimalPod("web"),
			wantErr:         `pods "web" is forbidden: violates PodSecurity "restricted:latest": ` + minimalRestricted,
			wantAnnotations: map[string]string{AnnotationEnforcePolicy: "restricted:latest"}},
		{name: "baseline enforce accepts a minimal pod",
			labels:          map[string]string{EnforceLevelLabel: "baseline"},
			pod:             minimalPod("web"),
			wantAnnotations: map[string]string{AnnotationEnforcePolicy: "baseline:latest"}},
		{name: "baseline enforce rejects a privileged pod, pinned version quoted",
			labels:          map[string]string{EnforceLevelLabel: "baseline", EnforceVersionLabel: "v1.30"},
			pod:             privilegedPod("root"),
			wantErr:         `pods "root" is forbidden: violates PodSecurity "baseline:v1.30": privileged (container "c" must not set securityContext.privileged=true)`,
			wantAnnotations: map[string]string{AnnotationEnforcePolicy: "baseline:v1.30"}},
		{name: "warn mode lets the pod in and warns",
			labels:          map[string]string{WarnLevelLabel: "restricted"},
			pod:             minimalPod("web"),
			wantWarnings:    []string{`would violate PodSecurity "restricted:latest": ` + minimalRestricted},
			wantAnnotations: map[string]string{AnnotationEnforcePolicy: "privileged:latest"}},
		{name: "audit mode annotates only",
			labels: map[string]string{AuditLevelLabel: "baseline"},
			pod:    privilegedPod("root"),
			wantAnnotations: map[string]string{
				AnnotationEnforcePolicy:   "privileged:latest",
				AnnotationAuditViolations: `would violate PodSecurity "baseline:latest": privileged (container "c" must not set securityContext.privileged=true)`,
			}},
		{name: "a rejected pod gets no warning",
			labels:          map[string]string{EnforceLevelLabel: "baseline", WarnLevelLabel: "restricted"},
			pod:             privilegedPod("root"),
			wantErr:         `pods "root" is forbidden: violates PodSecurity "baseline:latest": privileged (container "c" must not set securityContext.privileged=true)`,
			wantAnnotations: map[string]string{AnnotationEnforcePolicy: "baseline:latest"}},
		{name: "a namespace without labels is privileged",
			labels: map[string]string{},
			pod:    privilegedPod("root")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, rec := newPlugin(t, namespaces{"team": tc.labels}, Exemptions{})
			a := createPod(tc.pod)
			err := p.Validate(context.Background(), a)
			checkErr(t, err, tc.wantErr, 403)
			if diff := cmp.Diff(tc.wantWarnings, rec.warnings); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.wantAnnotations, a.Annotations); diff != "" {
				t.Errorf("audit annotations (-want +got):\n%s", diff)
			}
		})
	}
}

func checkErr(t *testing.T, err error, want string, code int32) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Fatalf("Validate: %v, want accepted", err)
	case want != "" && err == nil:
		t.Fatalf("Validate accepted, want %s", want)
	case want != "":
		if err.Error() != want {
			t.Errorf("error\n got: %s\nwant: %s", err, want)
		}
		if got := apierrors.StatusFor(err).Code; got != code {
			t.Errorf("status code = %d, want %d", got, code)
		}
	}
}

// A Deployment is never rejected, even if its pods will be: its template
// is checked for warn and audit only, upstream's rule for workloads.
func TestTemplatesWarnOnly(t *testing.T) {
	p, rec := newPlugin(t, namespaces{"team": {EnforceLevelLabel: "restricted", WarnLevelLabel: "restricted"}}, Exemptions{})
	d := &appsv1.Deployment{
		TypeMeta:   metav1.TypeMeta{APIVersion: "apps/v1", Kind: "Deployment"},
		ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "team"},
		Spec:       appsv1.DeploymentSpec{Template: corev1.PodTemplateSpec{Spec: minimalPod("").Spec}},
	}
	err := p.Validate(context.Background(), &admission.Attributes{
		Operation: admission.Create, Resource: deploymentsResource, Namespace: "team", Name: "web", Object: d, User: alice,
	})
	if err != nil {
		t.Fatalf("Validate(deployment) = %v, want accepted", err)
	}
	want := []string{`would violate PodSecurity "restricted:latest": ` + minimalRestricted}
	if diff := cmp.Diff(want, rec.warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
}

// Exempt namespaces, users and runtime classes are not checked; the audit
// event says why.
func TestExemptions(t *testing.T) {
	sandboxed := &jsonPod{
		ObjectMeta: metav1.ObjectMeta{Name: "sandboxed", Namespace: "team"},
		json:       `{"metadata":{"name":"sandboxed"},"spec":{"runtimeClassName":"gvisor","containers":[{"name":"c","securityContext":{"privileged":true}}]}}`,
	}
	ex := Exemptions{Usernames: []string{"ci-bot"}, Namespaces: []string{"kube-system"}, RuntimeClasses: []string{"gvisor"}}
	restricted := map[string]string{EnforceLevelLabel: "restricted"}
	tests := []struct {
		name   string
		attrs  *admission.Attributes
		reason string
	}{
		{"namespace", func() *admission.Attributes {
			pod := privilegedPod("root")
			pod.Namespace = "kube-system"
			return createPod(pod)
		}(), "namespace"},
		{"user", func() *admission.Attributes {
			a := createPod(privilegedPod("root"))
			a.User = user.Info{Name: "ci-bot"}
			return a
		}(), "user"},
		{"runtime class", createPod(sandboxed), "runtimeClass"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, _ := newPlugin(t, namespaces{"team": restricted, "kube-system": restricted}, ex)
			if err := p.Validate(context.Background(), tc.attrs); err != nil {
				t.Fatalf("Validate = %v, want exempt", err)
			}
			if got := tc.attrs.Annotations[AnnotationExempt]; got != tc.reason {
				t.Errorf("exempt annotation = %q, want %q", got, tc.reason)
			}
		})
	}
	// Without the exemption the same runtime-class pod is rejected.
	p, _ := newPlugin(t, namespaces{"team": restricted}, Exemptions{})
	if err := p.Validate(context.Background(), createPod(&jsonPod{ObjectMeta: sandboxed.ObjectMeta, json: sandboxed.json})); err == nil {
		t.Error("a privileged pod with a runtime class that is not exempt was accepted")
	}
}

// What cannot change a pod's security is let through without a check: an
// update of labels only, the status subresource.
func TestSkippedWrites(t *testing.T) {
	p, _ := newPlugin(t, namespaces{"team": {EnforceLevelLabel: "baseline"}}, Exemptions{})
	old, updated := privilegedPod("root"), privilegedPod("root")
	updated.Labels = map[string]string{"tier": "db"}
	labelsOnly := createPod(updated)
	labelsOnly.Operation, labelsOnly.OldObject = admission.Update, old
	if err := p.Validate(context.Background(), labelsOnly); err != nil {
		t.Errorf("label update of an existing pod: %v, want accepted", err)
	}
	status := createPod(privilegedPod("root"))
	status.Operation, status.Subresource, status.OldObject = admission.Update, "status", old
	if err := p.Validate(context.Background(), status); err != nil {
		t.Errorf("pods/status update: %v, want accepted", err)
	}
	newImage := createPod(privilegedPod("root"))
	newImage.Object.(*corev1.Pod).Spec.Containers[0].Image = "nginx:2"
	newImage.Operation, newImage.OldObject = admission.Update, old
	if err := p.Validate(context.Background(), newImage); err == nil {
		t.Error("an image update of a privileged pod was accepted, want it checked")
	}
}

// A namespace whose labels do not parse is refused (422); a lookup that
// fails is a 500.
func TestNamespaceErrors(t *testing.T) {
	p, _ := newPlugin(t, namespaces{}, Exemptions{})
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "team", Labels: map[string]string{EnforceLevelLabel: "strict"}}}
	err := p.Validate(context.Background(), &admission.Attributes{
		Operation: admission.Create, Resource: metav1.GroupVersionResource{Version: "v1", Resource: "namespaces"},
		Name: "team", Object: ns, User: alice,
	})
	checkErr(t, err, `Namespace "team" is invalid: metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted`, 422)

	err = p.Validate(context.Background(), createPod(minimalPod("web")))
	checkErr(t, err, "Internal error occurred: failed to lookup namespace team: not found", 500)
}

// pods lists fixed pods for any namespace.
type pods []*corev1.Pod

func (p pods) ListPods(context.Context, string) ([]*corev1.Pod, error) { return p, nil }

// Tightening a namespace's enforce level warns about the pods already in
// it that the new level would reject, grouped by reasons.
func TestNamespaceUpdateWarnsAboutExistingPods(t *testing.T) {
	rec := &recorder{}
	p, err := New(Config{
		Namespaces: namespaces{},
		Pods:       pods{privilegedPod("db-1"), privilegedPod("db-0"), minimalPod("web")},
		Warn:       func(_ context.Context, text string) { rec.warnings = append(rec.warnings, text) },
	})
	if err != nil {
		t.Fatal(err)
	}
	old := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "team"}}
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "team", Labels: map[string]string{EnforceLevelLabel: "baseline"}}}
	err = p.Validate(context.Background(), &admission.Attributes{
		Operation: admission.Update, Resource: metav1.GroupVersionResource{Version: "v1", Resource: "namespaces"},
		Name: "team", Object: ns, OldObject: old, User: alice,
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`existing pods in namespace "team" violate the new PodSecurity enforce level "baseline:latest"`,
		`db-0 (and 1 other pod): privileged`,
	}
	if diff := cmp.Diff(want, rec.warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
}

// Register makes the plugin buildable by name, taking the namespace
// reader from admission.Config.
func TestRegister(t *testing.T) {
	var plugins admission.Plugins
	Register(&plugins, Config{Exemptions: Exemptions{Namespaces: []string{"kube-system"}}})
	p, err := plugins.New(PluginName, admission.Config{Namespaces: namespaces{"team": {EnforceLevelLabel: "baseline"}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.(admission.Validator).Validate(context.Background(), createPod(privilegedPod("root"))); err == nil {
		t.Error("the registered plugin accepted a privileged pod in a baseline namespace")
	}
	if _, err := plugins.New(PluginName, admission.Config{}); err == nil {
		t.Error("building without a namespace reader succeeded, want an error naming it")
	}
}
