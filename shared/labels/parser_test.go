package labels

import (
	"testing"
)

func TestParse(t *testing.T) {
	// Talk 002, "Selectors": a selector is a query, "select ... where";
	// each row is one query and the canonical form Parse gives it.
	tests := []struct {
		name    string
		in      string
		want    string // canonical String() of the result
		wantErr string
	}{
		{name: "empty is everything", in: "", want: ""},
		{name: "whitespace is everything", in: "  \t", want: ""},
		{name: "equals", in: "app=web", want: "app=web"},
		{name: "double equals kept", in: "app==web", want: "app==web"},
		{name: "not equals", in: "tier!=db", want: "tier!=db"},
		{name: "empty value", in: "app=", want: "app="},
		{name: "spaces around operators", in: " app = web , tier != db ", want: "app=web,tier!=db"},
		{name: "sorted by key", in: "z=1,a=2", want: "a=2,z=1"},
		{name: "same key keeps order", in: "b=2,a!=1,a=3", want: "a!=1,a=3,b=2"},
		{name: "in sorts and dedupes values", in: "env in (prod, dev,prod)", want: "env in (dev,prod)"},
		{name: "notin", in: "env notin (qa)", want: "env notin (qa)"},
		{name: "empty set means empty string", in: "env in ()", want: "env in ()"},
		{name: "empty slots", in: "env in (,a,,b,)", want: "env in (,a,b)"},
		{name: "exists", in: "canary", want: "canary"},
		{name: "does not exist", in: "!canary", want: "!canary"},
		{name: "prefixed key", in: "app.kubernetes.io/name=ghost", want: "app.kubernetes.io/name=ghost"},
		{name: "greater than", in: "replicas>1", want: "replicas>1"},
		{name: "less than", in: "replicas<5", want: "replicas<5"},
		{name: "keywords as key and value", in: "in in (in,notin)", want: "in in (in,notin)"},
		{name: "all together", in: "x in (foo,,baz),y,z notin ()", want: "x in (,baz,foo),y,z notin ()"},

		{name: "trailing comma", in: "a=b,", wantErr: "found '', expected: identifier after ','"},
		{name: "leading comma", in: ",a", wantErr: "found ',', expected: !, identifier, or 'end of string'"},
		{name: "two words", in: "a b", wantErr: "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"},
		{name: "missing comma", in: "a=b c=d", wantErr: "found 'c', expected: ',' or 'end of string'"},
		{name: "negated with operator", in: "!a=b", wantErr: "found '=', expected: ',' or 'end of string'"},
		{name: "bang alone", in: "!", wantErr: "unable to parse requirement: found '', expected: identifier"},
		{name: "in without parenthesis", in: "a in x", wantErr: "unable to parse requirement: found 'x' expected: '('"},
		{name: "unclosed set", in: "a in (x", wantErr: "unable to parse requirement: found '', expected: ',' or ')'"},
		{name: "operator inside set", in: "a in (x,=)", wantErr: "unable to parse requirement: found '=', expected: ',', or identifier"},
		{name: "set opens with operator", in: "a in (=)", wantErr: "unable to parse requirement: found '=', expected: ',', ')' or identifier"},
		{name: "triple equals", in: "a===b", wantErr: "unable to parse requirement: found '=', expected: identifier"},
		{name: "gt needs an integer", in: "a>b", wantErr: `unable to parse requirement: values[0]: Invalid value: "b": for 'Gt', 'Lt' operators, the value must be an integer`},
		{name: "bad key", in: "-a=b", wantErr: `unable to parse requirement: Invalid value: "-a": name part ` + keyRule},
		{name: "bad value", in: "a=-b", wantErr: `unable to parse requirement: values[0][a]: Invalid value: "-b": ` + valueRule},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sel, err := Parse(tc.in)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("Parse(%q) error = %v, want %q", tc.in, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse(%q): %v", tc.in, err)
			}
			if got := sel.String(); got != tc.want {
				t.Errorf("Parse(%q).String() = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// keyRule and valueRule are the tails of upstream's label key and value
// messages.
const (
	keyRule   = `must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`
	valueRule = `a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`
)

func TestParseMatches(t *testing.T) {
	// Talk 002, "Replication Controllers": the group a controller owns is
	// exactly what its selector matches.
	nifty := Set{"app": "nifty", "tier": "front", "replicas": "3"}
	tests := []struct {
		name     string
		selector string
		labels   Set
		want     bool
	}{
		{name: "everything matches", selector: "", labels: nifty, want: true},
		{name: "equals", selector: "app=nifty", labels: nifty, want: true},
		{name: "equals other value", selector: "app=other", labels: nifty, want: false},
		{name: "not equals when absent", selector: "env!=prod", labels: nifty, want: true},
		{name: "not equals same value", selector: "tier!=front", labels: nifty, want: false},
		{name: "in", selector: "tier in (front,back)", labels: nifty, want: true},
		{name: "in needs the key", selector: "env in (prod)", labels: nifty, want: false},
		{name: "notin when absent", selector: "env notin (prod)", labels: nifty, want: true},
		{name: "notin listed value", selector: "tier notin (front)", labels: nifty, want: false},
		{name: "exists", selector: "app", labels: nifty, want: true},
		{name: "does not exist", selector: "!app", labels: nifty, want: false},
		{name: "empty value equals empty label", selector: "app=", labels: Set{"app": ""}, want: true},
		{name: "empty value is not absence", selector: "app=", labels: Set{}, want: false},
		{name: "greater than", selector: "replicas>2", labels: nifty, want: true},
		{name: "not greater", selector: "replicas>3", labels: nifty, want: false},
		{name: "less than", selector: "replicas<4", labels: nifty, want: true},
		{name: "non-integer label never compares", selector: "app>1", labels: nifty, want: false},
		{name: "all must hold", selector: "app=nifty,tier=back", labels: nifty, want: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sel, err := Parse(tc.selector)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tc.selector, err)
			}
			if got := sel.Matches(tc.labels); got != tc.want {
				t.Errorf("%q matches %v = %v, want %v", tc.selector, tc.labels, got, tc.want)
			}
		})
	}
}
