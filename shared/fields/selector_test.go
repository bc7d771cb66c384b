package fields

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kubeworkbook/kubeworkbook/shared/labels/selection"
)

func TestParseSelector(t *testing.T) {
	// Talk 000, "Kubelet": a kubelet lists the pods with
	// spec.nodeName=<its node>; these rows are such queries.
	tests := []struct {
		name    string
		in      string
		want    string
		wantErr string
	}{
		{name: "empty", in: "", want: ""},
		{name: "equals", in: "metadata.name=x", want: "metadata.name=x"},
		{name: "double equals prints as equals", in: "metadata.name==x", want: "metadata.name=x"},
		{name: "not equals empty", in: "spec.nodeName!=", want: "spec.nodeName!="},
		{name: "two terms sorted", in: "spec.nodeName!=,metadata.name=x", want: "metadata.name=x,spec.nodeName!="},
		{name: "empty terms skipped", in: ",a=b,,", want: "a=b"},
		{name: "escaped comma", in: `a=b\,c`, want: `a=b\,c`},
		{name: "escaped equals and backslash", in: `a=\=\\`, want: `a=\=\\`},
		{name: "no operator", in: "a=b,metadata.name", wantErr: "invalid selector: 'a=b,metadata.name'; can't understand 'metadata.name'"},
		{name: "set syntax is not supported", in: "a in (x)", wantErr: "invalid selector: 'a in (x)'; can't understand 'a in (x)'"},
		{name: "bare equals in value", in: "a=b=c", wantErr: "invalid field selector: unescaped character in value: '='"},
		{name: "unknown escape", in: `a=\n`, wantErr: `invalid field selector: invalid escape sequence: \n`},
		{name: "trailing backslash", in: `a=b\`, wantErr: `invalid field selector: invalid escape sequence: \`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sel, err := ParseSelector(tc.in)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("ParseSelector(%q) error = %v, want %q", tc.in, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseSelector(%q): %v", tc.in, err)
			}
			if got := sel.String(); got != tc.want {
				t.Errorf("String = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestMatches(t *testing.T) {
	pod := Set{"metadata.name": "web-0", "spec.nodeName": "", "status.phase": "Pending"}
	tests := []struct {
		name     string
		selector string
		want     bool
	}{
		{name: "everything", selector: "", want: true},
		{name: "unscheduled pods, as the scheduler asks", selector: "spec.nodeName=", want: true},
		{name: "pods of a node, as a kubelet asks", selector: "spec.nodeName=node-1", want: false},
		{name: "not running", selector: "status.phase!=Running", want: true},
		{name: "absent field is empty", selector: "spec.hostname=", want: true},
		{name: "all terms", selector: "metadata.name=web-0,status.phase=Running", want: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sel, err := ParseSelector(tc.selector)
			if err != nil {
				t.Fatal(err)
			}
			if got := sel.Matches(pod); got != tc.want {
				t.Errorf("%q matches = %v, want %v", tc.selector, got, tc.want)
			}
		})
	}
}

func TestRequiresExactMatch(t *testing.T) {
	sel, err := ParseSelector("spec.nodeName=node-1,metadata.name!=x")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		field     string
		wantValue string
		wantFound bool
	}{
		{name: "pinned", field: "spec.nodeName", wantValue: "node-1", wantFound: true},
		{name: "not equals does not pin", field: "metadata.name"},
		{name: "absent", field: "status.phase"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, found := sel.RequiresExactMatch(tc.field)
			if v != tc.wantValue || found != tc.wantFound {
				t.Errorf("RequiresExactMatch(%q) = %q, %v", tc.field, v, found)
			}
		})
	}
}

func TestTransform(t *testing.T) {
	errBad := errors.New("field label not supported: spec.bad")
	rename := func(f, v string) (string, string, error) {
		switch f {
		case "host":
			return "spec.nodeName", v, nil
		case "drop":
			return "", "", nil
		case "spec.bad":
			return "", "", errBad
		}
		return f, v, nil
	}
	tests := []struct {
		name    string
		in      string
		want    string
		wantErr error
	}{
		{name: "rename", in: "host=n1", want: "spec.nodeName=n1"},
		{name: "drop a term", in: "drop=x,a=b", want: "a=b"},
		{name: "drop the only term", in: "drop=x", want: ""},
		{name: "error", in: "a=b,spec.bad=x", wantErr: errBad},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sel, err := ParseAndTransformSelector(tc.in, rename)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("error = %v, want %v", err, tc.wantErr)
			}
			if err == nil && sel.String() != tc.want {
				t.Errorf("String = %q, want %q", sel.String(), tc.want)
			}
		})
	}
}

func TestBuilders(t *testing.T) {
	tests := []struct {
		name      string
		sel       Selector
		want      string
		wantReqs  Requirements
		wantEmpty bool
	}{
		{name: "everything", sel: Everything(), want: "", wantEmpty: true},
		{name: "nothing", sel: Nothing(), want: ""},
		{name: "from set", sel: Set{"b": "2", "a": "1"}.AsSelector(), want: "a=1,b=2", wantReqs: Requirements{
			{Operator: selection.Equals, Field: "a", Value: "1"},
			{Operator: selection.Equals, Field: "b", Value: "2"},
		}},
		{name: "one term not equal", sel: OneTermNotEqualSelector("a", "x,y"), want: `a!=x\,y`, wantReqs: Requirements{
			{Operator: selection.NotEquals, Field: "a", Value: "x,y"},
		}},
		{name: "and", sel: AndSelectors(OneTermEqualSelector("a", "1"), Everything()), want: "a=1", wantReqs: Requirements{
			{Operator: selection.Equals, Field: "a", Value: "1"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.sel.String(); got != tc.want {
				t.Errorf("String = %q, want %q", got, tc.want)
			}
			if diff := cmp.Diff(tc.wantReqs, tc.sel.Requirements()); diff != "" {
				t.Errorf("Requirements (-want +got):\n%s", diff)
			}
			if got := tc.sel.Empty(); got != tc.wantEmpty {
				t.Errorf("Empty = %v", got)
			}
		})
	}
	if Nothing().Matches(Set{}) {
		t.Errorf("Nothing matched")
	}
}

func TestSetString(t *testing.T) {
	tests := []struct {
		name string
		set  Set
		want string
	}{
		{name: "empty", set: Set{}, want: ""},
		{name: "sorted, not escaped", set: Set{"b": "x,y", "a": "1"}, want: "a=1,b=x,y"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.set.String(); got != tc.want {
				t.Errorf("String = %q, want %q", got, tc.want)
			}
		})
	}
}

// FuzzParseSelector: ParseSelector never panics, and what it accepts
// prints to a string that parses back to the same printed form.
func FuzzParseSelector(f *testing.F) {
	for _, s := range []string{"", "a=b", "a==b", "a!=", `a=b\,c`, "a=b=c", `x=\\`, "a==b,a=a", ",,", "a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		sel, err := ParseSelector(in)
		if err != nil {
			return
		}
		printed := sel.String()
		again, err := ParseSelector(printed)
		if err != nil {
			t.Fatalf("ParseSelector(%q) ok, String %q does not parse: %v", in, printed, err)
		}
		if again.String() != printed {
			t.Fatalf("unstable: %q -> %q -> %q", in, printed, again.String())
		}
	})
}
