package namespacelifecycle

import (
	"context"
	"errors"
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission/internal/admissiontest"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

func podIn(op admission.Operation, ns string) *admission.Attributes {
	return &admission.Attributes{
		Operation: op, Namespace: ns, Name: "web",
		Kind:     metav1.GroupVersionKind{Version: "v1", Kind: "Pod"},
		Resource: metav1.GroupVersionResource{Version: "v1", Resource: "pods"},
		Object:   &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: ns}},
	}
}

func namespaceOp(op admission.Operation, name string) *admission.Attributes {
	return &admission.Attributes{
		Operation: op, Name: name,
		Kind:     metav1.GroupVersionKind{Version: "v1", Kind: "Namespace"},
		Resource: metav1.GroupVersionResource{Version: "v1", Resource: "namespaces"},
	}
}

// Talk 000, "Admission controllers": a plugin that rejects writes the
// namespace's life does not allow.
func TestAdmit(t *testing.T) {
	store := admissiontest.NewStore()
	store.AddNamespace("default", corev1.NamespaceActive)
	store.AddNamespace("leaving", corev1.NamespaceTerminating)
	plugin, err := New(store.Config())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		a        *admission.Attributes
		wantErr  string
		wantCode int32
	}{
		{name: "create in an active namespace", a: podIn(admission.Create, "default")},
		{name: "create in a missing namespace", a: podIn(admission.Create, "nope"),
			wantErr: `namespaces "nope" not found`, wantCode: 404},
		{name: "create in a terminating namespace", a: podIn(admission.Create, "leaving"),
			wantErr: `pods "web" is forbidden: unable to create new content in namespace leaving because it is being terminated`, wantCode: 403},
		{name: "update in a terminating namespace passes", a: podIn(admission.Update, "leaving")},
		{name: "delete in a missing namespace passes", a: podIn(admission.Delete, "nope")},
		{name: "delete default", a: namespaceOp(admission.Delete, "default"),
			wantErr: `namespaces "default" is forbidden: this namespace may not be deleted`, wantCode: 403},
		{name: "delete kube-system", a: namespaceOp(admission.Delete, "kube-system"),
			wantErr: `namespaces "kube-system" is forbidden: this namespace may not be deleted`, wantCode: 403},
		{name: "delete another namespace", a: namespaceOp(admission.Delete, "leaving")},
		{name: "create a namespace", a: namespaceOp(admission.Create, "new")},
		{name: "cluster-scoped objects are not checked", a: &admission.Attributes{Operation: admission.Create,
			Resource: metav1.GroupVersionResource{Version: "v1", Resource: "nodes"}, Name: "n1"}},
		{name: "access reviews in a missing namespace pass", a: &admission.Attributes{Operation: admission.Create, Namespace: "nope",
			Resource: metav1.GroupVersionResource{Group: "authorization.k8s.io", Version: "v1", Resource: "localsubjectaccessreviews"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := plugin.Admit(context.Background(), tc.a)
			if got := errText(err); got != tc.wantErr {
				t.Fatalf("error = %q, want %q", got, tc.wantErr)
			}
			if err != nil && apierrors.StatusFor(err).Code != tc.wantCode {
				t.Errorf("code = %d, want %d", apierrors.StatusFor(err).Code, tc.wantCode)
			}
		})
	}
}

func TestTerminatingCause(t *testing.T) {
	store := admissiontest.NewStore()
	store.AddNamespace("leaving", corev1.NamespaceTerminating)
	plugin, _ := New(store.Config())
	st := apierrors.StatusFor(plugin.Admit(context.Background(), podIn(admission.Create, "leaving")))
	causes := st.Details.Causes
	if len(causes) != 1 || causes[0].Type != CauseTypeNamespaceTerminating || causes[0].Field != "metadata.namespace" ||
		causes[0].Message != "namespace leaving is being terminated" {
		t.Errorf("causes = %+v", causes)
	}
}

func TestLookupFailureIs500(t *testing.T) {
	store := admissiontest.NewStore()
	store.Err = errors.New("etcd is down")
	plugin, _ := New(store.Config())
	err := plugin.Admit(context.Background(), podIn(admission.Create, "default"))
	if st := apierrors.StatusFor(err); st.Code != 500 {
		t.Errorf("status = %d %q, want 500", st.Code, st.Message)
	}
}

func TestNewNeedsNamespaces(t *testing.T) {
	if _, err := New(admission.Config{}); err == nil {
		t.Error("New without Config.Namespaces succeeded")
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
