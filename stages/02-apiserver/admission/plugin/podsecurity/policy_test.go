package podsecurity

import (
	"testing"
)

// A namespace's labels choose a level and a version per mode; absent
// labels keep the defaults, invalid ones fail closed for enforce and open
// for audit and warn, and are reported as field errors.
func TestPolicyFromLabels(t *testing.T) {
	restricted := LevelVersion{Restricted, LatestVersion}
	privileged := LevelVersion{Privileged, LatestVersion}
	tests := []struct {
		name    string
		labels  map[string]string
		want    Policy
		wantErr string
	}{
		{name: "no labels keep the defaults", want: DefaultPolicy},
		{name: "every mode and a pinned version",
			labels: map[string]string{
				EnforceLevelLabel: "baseline", EnforceVersionLabel: "v1.30",
				AuditLevelLabel: "restricted", WarnLevelLabel: "restricted", WarnVersionLabel: "latest",
			},
			want: Policy{Enforce: LevelVersion{Baseline, Version{Minor: 30}}, Audit: restricted, Warn: restricted}},
		{name: "an invalid enforce level fails closed",
			labels:  map[string]string{EnforceLevelLabel: "strict"},
			want:    Policy{Enforce: restricted, Audit: privileged, Warn: privileged},
			wantErr: `metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted`},
		{name: "an invalid warn level and version fail open",
			labels: map[string]string{WarnLevelLabel: "loud", WarnVersionLabel: "1.30"},
			want:   DefaultPolicy,
			wantErr: `[metadata.labels[pod-security.kubernetes.io/warn]: Invalid value: "loud": must be one of privileged, baseline, restricted, ` +
				`metadata.labels[pod-security.kubernetes.io/warn-version]: Invalid value: "1.30": must be "latest" or "v1.x"]`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, errs := PolicyFromLabels(tc.labels, DefaultPolicy)
			if got != tc.want {
				t.Errorf("policy = %+v, want %+v", got, tc.want)
			}
			gotErr := ""
			if agg := errs.ToAggregate(); agg != nil {
				gotErr = agg.Error()
			}
			if gotErr != tc.wantErr {
				t.Errorf("errors:\n got: %s\nwant: %s", gotErr, tc.wantErr)
			}
		})
	}
}

// Policies print as upstream quotes them in messages.
func TestLevelVersionString(t *testing.T) {
	for lv, want := range map[LevelVersion]string{
		{Restricted, LatestVersion}:   "restricted:latest",
		{Baseline, Version{Minor: 0}}: "baseline:v1.0",
	} {
		if got := lv.String(); got != want {
			t.Errorf("String() = %q, want %q", got, want)
		}
	}
}
