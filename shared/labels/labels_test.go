package labels

import "testing"

func TestSet(t *testing.T) {
	tests := []struct {
		name       string
		set        Set
		wantString string
		wantFormat string
	}{
		{name: "nil", set: nil, wantString: "", wantFormat: "<none>"},
		{name: "sorted", set: Set{"b": "2", "a": "1"}, wantString: "a=1,b=2", wantFormat: "a=1,b=2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.set.String(); got != tc.wantString {
				t.Errorf("String = %q, want %q", got, tc.wantString)
			}
			if got := FormatLabels(tc.set); got != tc.wantFormat {
				t.Errorf("FormatLabels = %q, want %q", got, tc.wantFormat)
			}
		})
	}
}

func TestSetLookup(t *testing.T) {
	s := Set{"app": "", "tier": "db"}
	tests := []struct {
		name      string
		key       string
		wantValue string
		wantHas   bool
	}{
		{name: "present with empty value", key: "app", wantValue: "", wantHas: true},
		{name: "present", key: "tier", wantValue: "db", wantHas: true},
		{name: "absent", key: "env"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, ok := s.Lookup(tc.key)
			if v != tc.wantValue || ok != tc.wantHas || s.Has(tc.key) != tc.wantHas || s.Get(tc.key) != tc.wantValue {
				t.Errorf("Lookup(%q) = %q, %v", tc.key, v, ok)
			}
		})
	}
}

func TestMergeEqualsConflicts(t *testing.T) {
	tests := []struct {
		name          string
		a, b          Set
		wantMerged    Set
		wantEqual     bool
		wantConflicts bool
	}{
		{name: "disjoint", a: Set{"a": "1"}, b: Set{"b": "2"}, wantMerged: Set{"a": "1", "b": "2"}},
		{name: "second wins", a: Set{"a": "1"}, b: Set{"a": "2"}, wantMerged: Set{"a": "2"}, wantConflicts: true},
		{name: "same", a: Set{"a": "1"}, b: Set{"a": "1"}, wantMerged: Set{"a": "1"}, wantEqual: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Merge(tc.a, tc.b); !Equals(got, tc.wantMerged) {
				t.Errorf("Merge = %v, want %v", got, tc.wantMerged)
			}
			if got := Equals(tc.a, tc.b); got != tc.wantEqual {
				t.Errorf("Equals = %v", got)
			}
			if got := Conflicts(tc.a, tc.b); got != tc.wantConflicts {
				t.Errorf("Conflicts = %v", got)
			}
		})
	}
}
