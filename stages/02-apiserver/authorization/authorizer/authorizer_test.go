package authorizer

import (
	"testing"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
)

// The trivial modes, as upstream defines them: AlwaysDeny only has no
// opinion, and system:masters is allowed everything.
func TestTrivialModes(t *testing.T) {
	admin := Attributes{User: user.Info{Name: "kubernetes-admin", Groups: []string{user.SystemPrivilegedGroup}}, Verb: "delete"}
	jane := Attributes{User: user.Info{Name: "jane", Groups: []string{user.AllAuthenticated}}, Verb: "delete"}
	tests := []struct {
		name       string
		a          Authorizer
		attrs      Attributes
		want       Decision
		wantReason string
	}{
		{"AlwaysAllow", AlwaysAllow{}, jane, DecisionAllow, ""},
		{"AlwaysDeny", AlwaysDeny{}, jane, DecisionNoOpinion, AlwaysDenyReason},
		{"system:masters member", PrivilegedGroups{user.SystemPrivilegedGroup}, admin, DecisionAllow, ""},
		{"anyone else", PrivilegedGroups{user.SystemPrivilegedGroup}, jane, DecisionNoOpinion, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, reason, err := tc.a.Authorize(t.Context(), tc.attrs)
			if d != tc.want || reason != tc.wantReason || err != nil {
				t.Errorf("Authorize = %v %q %v, want %v %q", d, reason, err, tc.want, tc.wantReason)
			}
		})
	}
}

// Decisions print as upstream names them.
func TestDecisionString(t *testing.T) {
	tests := []struct {
		d    Decision
		want string
	}{
		{DecisionDeny, "Deny"}, {DecisionAllow, "Allow"}, {DecisionNoOpinion, "NoOpinion"}, {Decision(7), "Decision(7)"},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			if got := tc.d.String(); got != tc.want {
				t.Errorf("String() = %q, want %q", got, tc.want)
			}
		})
	}
}
