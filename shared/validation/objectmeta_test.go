package validation

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

func fmtQ(format, v string) string { return fmt.Sprintf(format, v) }

func messages(errs field.ErrorList) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

func TestValidateName(t *testing.T) {
	// Talk 000, "Client side validation": a bad name is rejected with the
	// field, the value and the rule.
	p := field.NewPath("metadata", "name")
	tests := []struct {
		name         string
		value        string
		dns1123Label bool
		want         []string
	}{
		{name: "valid subdomain", value: "web.v1"},
		{name: "missing", value: "", want: []string{"metadata.name: Required value: name or generateName is required"}},
		{name: "upper case subdomain", value: "Web", want: []string{`metadata.name: Invalid value: "Web": ` + subdomainMsg}},
		{name: "label with a dot", value: "web.v1", dns1123Label: true, want: []string{`metadata.name: Invalid value: "web.v1": must not contain dots`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := messages(ValidateName(p, tc.value, tc.dns1123Label))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("ValidateName(%q) (-want +got):\n%s", tc.value, diff)
			}
		})
	}
}

func TestNameFuncsWithPrefix(t *testing.T) {
	tests := []struct {
		name   string
		fn     ValidateNameFunc
		value  string
		prefix bool
		valid  bool
	}{
		{name: "generateName may end in a dash", fn: NameIsDNSSubdomain, value: "web-", prefix: true, valid: true},
		{name: "a name may not", fn: NameIsDNSSubdomain, value: "web-", valid: false},
		{name: "label prefix", fn: NameIsDNSLabel, value: "job-", prefix: true, valid: true},
		{name: "dns1035 prefix", fn: NameIsDNS1035Label, value: "svc-", prefix: true, valid: true},
		{name: "lone dash prefix", fn: NameIsDNSSubdomain, value: "-", prefix: true, valid: false},
		{name: "rbac name", fn: ValidatePathSegmentName, value: "system:node", valid: true},
		{name: "rbac prefix may be a dot", fn: ValidatePathSegmentName, value: ".", prefix: true, valid: true},
		{name: "rbac prefix with a slash", fn: ValidatePathSegmentName, value: "a/", prefix: true, valid: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			errs := tc.fn(tc.value, tc.prefix)
			if (len(errs) == 0) != tc.valid {
				t.Errorf("(%q, prefix=%v) = %v, want valid=%v", tc.value, tc.prefix, errs, tc.valid)
			}
		})
	}
}

func TestValidateLabels(t *testing.T) {
	// Talk 002, "Labels": arbitrary key/value metadata, within these rules.
	p := field.NewPath("metadata", "labels")
	tests := []struct {
		name   string
		labels map[string]string
		want   []string
	}{
		{name: "nil is valid", labels: nil},
		{name: "valid", labels: map[string]string{"app": "nifty", "app.kubernetes.io/part-of": "shop"}},
		{name: "bad key and bad value in key order", labels: map[string]string{"b": "has space", "a!": "ok"}, want: []string{
			`metadata.labels: Invalid value: "a!": ` + namePartMsg,
			`metadata.labels: Invalid value: "has space": ` + valueMsg,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, messages(ValidateLabels(tc.labels, p))); diff != "" {
				t.Errorf("ValidateLabels (-want +got):\n%s", diff)
			}
		})
	}
}

func TestValidateAnnotations(t *testing.T) {
	p := field.NewPath("metadata", "annotations")
	big := strings.Repeat("x", TotalAnnotationSizeLimitB)
	tests := []struct {
		name        string
		annotations map[string]string
		want        []string
	}{
		{name: "upper case keys are fine", annotations: map[string]string{"Example.com/Owner": "me"}},
		{name: "exactly at the limit", annotations: map[string]string{"k": big[1:]}},
		{name: "one byte over", annotations: map[string]string{"k": big}, want: []string{
			"metadata.annotations: Too long: must have at most 262144 bytes",
		}},
		{name: "bad key", annotations: map[string]string{"a b": ""}, want: []string{
			`metadata.annotations: Invalid value: "a b": ` + namePartMsg,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, messages(ValidateAnnotations(tc.annotations, p))); diff != "" {
				t.Errorf("ValidateAnnotations (-want +got):\n%s", diff)
			}
		})
	}
}

func TestValidateObjectMeta(t *testing.T) {
	tests := []struct {
		name       string
		meta       metav1.ObjectMeta
		namespaced bool
		nameFn     ValidateNameFunc
		want       []string
	}{
		{name: "namespaced pod", meta: metav1.ObjectMeta{Name: "web-0", Namespace: "default"}, namespaced: true, nameFn: NameIsDNSSubdomain},
		{name: "missing namespace", meta: metav1.ObjectMeta{Name: "web-0"}, namespaced: true, nameFn: NameIsDNSSubdomain, want: []string{
			"metadata.namespace: Required value",
		}},
		{name: "namespace on a cluster-scoped kind", meta: metav1.ObjectMeta{Name: "node-1", Namespace: "default"}, nameFn: NameIsDNSSubdomain, want: []string{
			"metadata.namespace: Forbidden: not allowed on this type",
		}},
		{name: "bad namespace name", meta: metav1.ObjectMeta{Name: "x", Namespace: "a.b"}, namespaced: true, nameFn: NameIsDNSSubdomain, want: []string{
			`metadata.namespace: Invalid value: "a.b": must not contain dots`,
		}},
		{name: "bad generateName and missing name", meta: metav1.ObjectMeta{GenerateName: "Web-"}, nameFn: NameIsDNSSubdomain, want: []string{
			`metadata.generateName: Invalid value: "Web-": ` + subdomainMsg,
			"metadata.name: Required value: name or generateName is required",
		}},
		{name: "service name rule", meta: metav1.ObjectMeta{Name: "1svc", Namespace: "default"}, namespaced: true, nameFn: NameIsDNS1035Label, want: []string{
			`metadata.name: Invalid value: "1svc": ` + dns1035Msg,
		}},
		{name: "labels are checked", meta: metav1.ObjectMeta{Name: "x", Labels: map[string]string{"app": "-"}}, nameFn: NameIsDNSSubdomain, want: []string{
			`metadata.labels: Invalid value: "-": ` + valueMsg,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := messages(ValidateObjectMeta(&tc.meta, tc.namespaced, tc.nameFn, field.NewPath("metadata")))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("ValidateObjectMeta (-want +got):\n%s", diff)
			}
		})
	}
}
