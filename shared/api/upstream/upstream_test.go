package upstream_test

import (
	"encoding/json"
	"reflect"
	"testing"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	authorizationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authorization/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/intstr"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
	"github.com/kubeworkbook/kubeworkbook/shared/api/upstream"
)

type notAPI struct{}

// Talk 000, "API objects": a type of ours is named after the upstream type
// it mirrors, so wire formats keyed by upstream names find it.
func TestName(t *testing.T) {
	tests := []struct {
		name   string
		typ    reflect.Type
		want   string
		wantOK bool
	}{
		{"core group", reflect.TypeFor[corev1.Pod](), "k8s.io/api/core/v1.Pod", true},
		{"named group", reflect.TypeFor[appsv1.Deployment](), "k8s.io/api/apps/v1.Deployment", true},
		{"group with dots upstream", reflect.TypeFor[rbacv1.Role](), "k8s.io/api/rbac/v1.Role", true},
		{"meta", reflect.TypeFor[metav1.ObjectMeta](), "k8s.io/apimachinery/pkg/apis/meta/v1.ObjectMeta", true},
		{"quantity", reflect.TypeFor[resource.Quantity](), "k8s.io/apimachinery/pkg/api/resource.Quantity", true},
		{"int or string", reflect.TypeFor[intstr.IntOrString](), "k8s.io/apimachinery/pkg/util/intstr.IntOrString", true},
		{"raw extension moves package", reflect.TypeFor[metav1.RawExtension](), upstream.RawExtension, true},
		{"raw JSON is a raw extension", reflect.TypeFor[json.RawMessage](), upstream.RawExtension, true},
		{"field selector requirement moves package", reflect.TypeFor[authorizationv1.FieldSelectorRequirement](),
			"k8s.io/apimachinery/pkg/apis/meta/v1.FieldSelectorRequirement", true},
		{"outside shared/api", reflect.TypeFor[notAPI](), "", false},
		{"unnamed", reflect.TypeFor[[]corev1.Pod](), "", false},
		{"standard library", reflect.TypeFor[string](), "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := upstream.Name(tc.typ)
			if got != tc.want || ok != tc.wantOK {
				t.Errorf("Name(%s) = %q, %v; want %q, %v", tc.typ, got, ok, tc.want, tc.wantOK)
			}
		})
	}
}

func TestPackage(t *testing.T) {
	tests := []struct {
		name, pkg, want string
		wantOK          bool
	}{
		{"group version", upstream.ModulePath + "shared/api/batch/v1", "k8s.io/api/batch/v1", true},
		{"listed", upstream.ModulePath + "shared/api/meta/v1", "k8s.io/apimachinery/pkg/apis/meta/v1", true},
		{"beta version", upstream.ModulePath + "shared/api/batch/v2beta1", "k8s.io/api/batch/v2beta1", true},
		{"internal helper is no group", upstream.ModulePath + "shared/api/internal/apitest", "", false},
		{"test package is no group", upstream.ModulePath + "shared/api/upstream_test", "", false},
		{"not an API package", upstream.ModulePath + "stages/02-apiserver/endpoints", "", false},
		{"another module", "k8s.io/api/core/v1", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := upstream.Package(tc.pkg)
			if got != tc.want || ok != tc.wantOK {
				t.Errorf("Package(%q) = %q, %v; want %q, %v", tc.pkg, got, ok, tc.want, tc.wantOK)
			}
		})
	}
}
