package labels

import (
	"testing"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

func TestFromLabelSelector(t *testing.T) {
	// Talk 002, "Replication Controllers": Selector = {"App": "Nifty"}
	// decides which pods the controller counts.
	tests := []struct {
		name       string
		in         *metav1.LabelSelector
		want       string
		wantErr    string
		matches    Set
		notMatches Set
	}{
		{name: "nil selects nothing", in: nil, want: "", notMatches: Set{}},
		{name: "empty selects everything", in: &metav1.LabelSelector{}, want: "", matches: Set{"any": "thing"}},
		{name: "match labels", in: &metav1.LabelSelector{MatchLabels: map[string]string{"App": "Nifty", "tier": "web"}},
			want: "App=Nifty,tier=web", matches: Set{"App": "Nifty", "tier": "web", "x": "y"}, notMatches: Set{"App": "Nifty"}},
		{name: "expressions", in: &metav1.LabelSelector{
			MatchLabels: map[string]string{"app": "web"},
			MatchExpressions: []metav1.LabelSelectorRequirement{
				{Key: "env", Operator: metav1.LabelSelectorOpIn, Values: []string{"prod", "dev"}},
				{Key: "canary", Operator: metav1.LabelSelectorOpDoesNotExist},
				{Key: "tier", Operator: metav1.LabelSelectorOpNotIn, Values: []string{"db"}},
				{Key: "team", Operator: metav1.LabelSelectorOpExists},
			}},
			want:       "app=web,!canary,env in (dev,prod),team,tier notin (db)",
			matches:    Set{"app": "web", "env": "dev", "team": "a"},
			notMatches: Set{"app": "web", "env": "dev", "team": "a", "canary": "1"}},
		{name: "unknown operator", in: &metav1.LabelSelector{MatchExpressions: []metav1.LabelSelectorRequirement{
			{Key: "a", Operator: "Gt", Values: []string{"1"}}}},
			wantErr: `"Gt" is not a valid label selector operator`},
		{name: "in without values", in: &metav1.LabelSelector{MatchExpressions: []metav1.LabelSelectorRequirement{
			{Key: "a", Operator: metav1.LabelSelectorOpIn}}},
			wantErr: "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sel, err := FromLabelSelector(tc.in)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("error = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := sel.String(); got != tc.want {
				t.Errorf("String = %q, want %q", got, tc.want)
			}
			if tc.matches != nil && !sel.Matches(tc.matches) {
				t.Errorf("does not match %v", tc.matches)
			}
			if tc.notMatches != nil && sel.Matches(tc.notMatches) {
				t.Errorf("matches %v", tc.notMatches)
			}
		})
	}
}
