package authorizer

import (
	"context"
	"errors"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
)

// fixed is an authorizer that always answers the same, and counts calls.
type fixed struct {
	d      Decision
	reason string
	err    error
	calls  *int
}

func (f fixed) Authorize(context.Context, Attributes) (Decision, string, error) {
	if f.calls != nil {
		*f.calls++
	}
	return f.d, f.reason, f.err
}

// Talk 000, "Authorization chain": the modes are asked in order; the
// first allow wins, an explicit deny is final, no opinion passes the
// question on, and nobody allowing is a denial.
func TestUnionOrder(t *testing.T) {
	errDown := errors.New("webhook down")
	tests := []struct {
		name      string
		chain     []Named
		want      Decision
		wantBy    string
		reason    string
		wantErr   bool
		lastCalls int // calls of the last mode
	}{
		{"first allow wins", []Named{
			{"A", fixed{d: DecisionAllow, reason: "a says yes"}}, {"B", fixed{d: DecisionDeny}},
		}, DecisionAllow, "A", "a says yes", false, 0},
		{"deny is final", []Named{
			{"A", fixed{d: DecisionDeny, reason: "a says no"}}, {"B", fixed{d: DecisionAllow}},
		}, DecisionDeny, "A", "a says no", false, 0},
		{"no opinion asks the next", []Named{
			{"A", fixed{d: DecisionNoOpinion, reason: "not mine"}}, {"B", fixed{d: DecisionAllow, reason: "b says yes"}},
		}, DecisionAllow, "B", "b says yes", false, 1},
		{"nobody allows: reasons joined", []Named{
			{"A", fixed{d: DecisionNoOpinion, reason: "not mine"}}, {"B", fixed{d: DecisionNoOpinion}}, {"C", fixed{d: DecisionNoOpinion, reason: "nor mine"}},
		}, DecisionNoOpinion, "", "not mine\nnor mine", false, 1},
		{"an error does not stop the chain", []Named{
			{"A", fixed{d: DecisionNoOpinion, err: errDown}}, {"B", fixed{d: DecisionAllow}},
		}, DecisionAllow, "B", "", false, 1},
		{"errors are kept when nobody allows", []Named{
			{"A", fixed{d: DecisionNoOpinion, err: errDown}}, {"B", fixed{d: DecisionNoOpinion}},
		}, DecisionNoOpinion, "", "", true, 1},
		{"empty chain denies", nil, DecisionNoOpinion, "", "", false, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			calls := 0
			if n := len(tc.chain); n > 0 {
				last := tc.chain[n-1].Authorizer.(fixed)
				last.calls = &calls
				tc.chain[n-1].Authorizer = last
			}
			v := NewUnion(tc.chain...).Explain(t.Context(), Attributes{})
			if v.Decision != tc.want || v.Authorizer != tc.wantBy || v.Reason != tc.reason || (v.Err != nil) != tc.wantErr {
				t.Errorf("Explain = %+v, want %v by %q reason %q err %v", v, tc.want, tc.wantBy, tc.reason, tc.wantErr)
			}
			if calls != tc.lastCalls {
				t.Errorf("last mode asked %d times, want %d", calls, tc.lastCalls)
			}
		})
	}
}

// rulesOf is a mode that can list its rules.
type rulesOf struct {
	fixed
	rules Rules
	err   error
}

func (r rulesOf) RulesFor(context.Context, user.Info, string) (Rules, error) { return r.rules, r.err }

// The union's rules are those of every mode; a mode that cannot list
// rules makes them incomplete.
func TestUnionRulesFor(t *testing.T) {
	listed := rulesOf{rules: everything}
	failing := rulesOf{rules: Rules{Incomplete: true}, err: errors.New("cannot list")}
	tests := []struct {
		name           string
		chain          []Named
		wantResource   int
		wantIncomplete bool
		wantErr        bool
	}{
		{"one listing mode", []Named{{"A", listed}}, 1, false, false},
		{"two listing modes", []Named{{"A", listed}, {"B", AlwaysAllow{}}}, 2, false, false},
		{"a mode without RulesFor", []Named{{"A", listed}, {"B", fixed{}}}, 1, true, false},
		{"a mode that fails", []Named{{"A", failing}, {"B", listed}}, 1, true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := NewUnion(tc.chain...).RulesFor(t.Context(), user.Info{Name: "jane"}, "default")
			if len(r.Resource) != tc.wantResource || r.Incomplete != tc.wantIncomplete || (err != nil) != tc.wantErr {
				t.Errorf("RulesFor = %+v, %v; want %d resource rules, incomplete %v, error %v",
					r, err, tc.wantResource, tc.wantIncomplete, tc.wantErr)
			}
		})
	}
}
