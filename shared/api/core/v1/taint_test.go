package corev1

import "testing"

// Talk 003, "Scheduler": taints are printed and parsed as key=value:Effect.
func TestTaintToString(t *testing.T) {
	tests := []struct {
		name  string
		taint Taint
		want  string
	}{
		{name: "key, value and effect", taint: Taint{Key: "dedicated", Value: "web", Effect: TaintEffectNoSchedule}, want: "dedicated=web:NoSchedule"},
		{name: "no value", taint: Taint{Key: TaintNodeUnreachable, Effect: TaintEffectNoExecute}, want: "node.kubernetes.io/unreachable:NoExecute"},
		{name: "prefer no schedule", taint: Taint{Key: "gpu", Value: "true", Effect: TaintEffectPreferNoSchedule}, want: "gpu=true:PreferNoSchedule"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.taint.ToString(); got != tc.want {
				t.Errorf("ToString() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestTaintMatchTaint(t *testing.T) {
	a := Taint{Key: "k", Value: "v1", Effect: TaintEffectNoSchedule}
	tests := []struct {
		name  string
		other Taint
		want  bool
	}{
		{name: "same key and effect, other value", other: Taint{Key: "k", Value: "v2", Effect: TaintEffectNoSchedule}, want: true},
		{name: "other effect", other: Taint{Key: "k", Value: "v1", Effect: TaintEffectNoExecute}, want: false},
		{name: "other key", other: Taint{Key: "j", Value: "v1", Effect: TaintEffectNoSchedule}, want: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := a.MatchTaint(&tc.other); got != tc.want {
				t.Errorf("MatchTaint = %v, want %v", got, tc.want)
			}
		})
	}
}

// Talk 003, "Scheduler": a pod lands on a tainted node only if one of its
// tolerations matches the taint.
func TestTolerationToleratesTaint(t *testing.T) {
	taint := Taint{Key: "dedicated", Value: "web", Effect: TaintEffectNoSchedule}
	tests := []struct {
		name       string
		toleration Toleration
		want       bool
	}{
		{name: "equal key, value and effect", toleration: Toleration{Key: "dedicated", Operator: TolerationOpEqual, Value: "web", Effect: TaintEffectNoSchedule}, want: true},
		{name: "empty operator means Equal", toleration: Toleration{Key: "dedicated", Value: "web"}, want: true},
		{name: "equal with another value", toleration: Toleration{Key: "dedicated", Value: "db"}, want: false},
		{name: "exists ignores the value", toleration: Toleration{Key: "dedicated", Operator: TolerationOpExists}, want: true},
		{name: "empty key with exists tolerates everything", toleration: Toleration{Operator: TolerationOpExists}, want: true},
		{name: "other effect", toleration: Toleration{Key: "dedicated", Operator: TolerationOpExists, Effect: TaintEffectNoExecute}, want: false},
		{name: "other key", toleration: Toleration{Key: "gpu", Operator: TolerationOpExists}, want: false},
		{name: "alpha numeric operators tolerate nothing", toleration: Toleration{Key: "dedicated", Operator: TolerationOpGt, Value: "1"}, want: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.toleration.ToleratesTaint(&taint); got != tc.want {
				t.Errorf("ToleratesTaint = %v, want %v", got, tc.want)
			}
		})
	}
}
