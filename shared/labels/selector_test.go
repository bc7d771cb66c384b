package labels

import (
	"testing"

	"github.com/kubeworkbook/kubeworkbook/shared/labels/selection"
)

func TestEverythingAndNothing(t *testing.T) {
	tests := []struct {
		name           string
		sel            Selector
		wantMatch      bool
		wantEmpty      bool
		wantSelectable bool
	}{
		{name: "everything", sel: Everything(), wantMatch: true, wantEmpty: true, wantSelectable: true},
		{name: "nothing", sel: Nothing(), wantMatch: false, wantEmpty: false, wantSelectable: false},
		{name: "new selector", sel: NewSelector(), wantMatch: true, wantEmpty: true, wantSelectable: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.sel.Matches(Set{"a": "b"}); got != tc.wantMatch {
				t.Errorf("Matches = %v", got)
			}
			if got := tc.sel.Empty(); got != tc.wantEmpty {
				t.Errorf("Empty = %v", got)
			}
			if _, got := tc.sel.Requirements(); got != tc.wantSelectable {
				t.Errorf("selectable = %v", got)
			}
			if got := tc.sel.String(); got != "" {
				t.Errorf("String = %q", got)
			}
		})
	}
}

func TestSelectorFromSet(t *testing.T) {
	tests := []struct {
		name      string
		set       Set
		want      string
		wantEmpty bool
	}{
		{name: "nil", set: nil, want: "", wantEmpty: true},
		{name: "sorted", set: Set{"tier": "front", "app": "web"}, want: "app=web,tier=front"},
		{name: "empty value", set: Set{"a": ""}, want: "a="},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sel := SelectorFromSet(tc.set)
			if got := sel.String(); got != tc.want {
				t.Errorf("String = %q, want %q", got, tc.want)
			}
			if sel.Empty() != tc.wantEmpty {
				t.Errorf("Empty = %v", sel.Empty())
			}
			if !sel.Matches(tc.set) {
				t.Errorf("a set's selector must match the set itself")
			}
		})
	}
}

func TestValidatedSelectorFromSet(t *testing.T) {
	tests := []struct {
		name    string
		set     Set
		wantErr string
	}{
		{name: "valid", set: Set{"app": "web"}},
		{name: "bad value", set: Set{"app": "has space"}, wantErr: `values[0][app]: Invalid value: "has space": ` + valueRule},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.set.AsValidatedSelector()
			if (err != nil) != (tc.wantErr != "") || (err != nil && err.Error() != tc.wantErr) {
				t.Errorf("error = %v, want %q", err, tc.wantErr)
			}
		})
	}
}

func TestNewRequirement(t *testing.T) {
	tests := []struct {
		name    string
		key     string
		op      selection.Operator
		values  []string
		want    string
		wantErr string
	}{
		{name: "in", key: "env", op: selection.In, values: []string{"b", "a", "b"}, want: "env in (a,b)"},
		{name: "in without values", key: "env", op: selection.In, wantErr: "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty"},
		{name: "equals two values", key: "env", op: selection.Equals, values: []string{"a", "b"}, wantErr: `values: Invalid value: ["a","b"]: exact-match compatibility requires one single value`},
		{name: "exists with a value", key: "env", op: selection.Exists, values: []string{"a"}, wantErr: `values: Invalid value: ["a"]: values set must be empty for exists and does not exist`},
		{name: "gt two values", key: "n", op: selection.GreaterThan, values: []string{"1", "2"}, wantErr: `values: Invalid value: ["1","2"]: for 'Gt', 'Lt' operators, exactly one value is required`},
		{name: "unknown operator", key: "n", op: "~", values: nil, wantErr: `operator: Unsupported value: "~": supported values: "in", "notin", "=", "==", "!=", "gt", "lt", "exists", "!"`},
		{name: "bad key", key: "a b", op: selection.Exists, wantErr: `key: Invalid value: "a b": name part ` + keyRule},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := NewRequirement(tc.key, tc.op, tc.values)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("error = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := r.String(); got != tc.want {
				t.Errorf("String = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestAddAndRequiresExactMatch(t *testing.T) {
	r1, _ := NewRequirement("tier", selection.In, []string{"front"})
	r2, _ := NewRequirement("app", selection.Equals, []string{"web"})
	r3, _ := NewRequirement("env", selection.In, []string{"a", "b"})
	sel := Everything().Add(*r1, *r2, *r3)
	tests := []struct {
		name      string
		label     string
		wantValue string
		wantFound bool
	}{
		{name: "pinned by equals", label: "app", wantValue: "web", wantFound: true},
		{name: "pinned by in of one", label: "tier", wantValue: "front", wantFound: true},
		{name: "in of two is not exact", label: "env"},
		{name: "absent label", label: "zone"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, found := sel.RequiresExactMatch(tc.label)
			if v != tc.wantValue || found != tc.wantFound {
				t.Errorf("RequiresExactMatch(%q) = %q, %v", tc.label, v, found)
			}
		})
	}
	if got := sel.String(); got != "app=web,env in (a,b),tier in (front)" {
		t.Errorf("Add did not sort by key: %q", got)
	}
	if !Everything().Empty() {
		t.Errorf("Add must not change the selector it is called on")
	}
}
