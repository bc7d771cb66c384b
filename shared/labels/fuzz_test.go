package labels

import (
	"testing"
)

// FuzzParse checks two promises of Parse for any input: it never panics,
// and a selector it accepts prints (String) to a string that parses back to
// an equal selector with the same printed form. `go test` runs the seeds;
// `go test -fuzz FuzzParse` explores further.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"", "app=web", "app==web", "a!=b", "env in (prod,dev)", "env notin (qa)",
		"canary", "!canary", "replicas>1", "replicas<5", "x in (foo,,baz),y,z notin ()",
		"app.kubernetes.io/name=ghost,tier!=", "in in (in)", "a in (", "!a=b", "a===b",
		"a=b,", ",", "a b", "App=Nifty", "a in (,)", "k=v,k=w,k!=v",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		sel, err := Parse(in)
		if err != nil {
			return
		}
		printed := sel.String()
		again, err := Parse(printed)
		if err != nil {
			t.Fatalf("Parse(%q) ok, but its String %q does not parse: %v", in, printed, err)
		}
		if again.String() != printed {
			t.Fatalf("String not stable: %q -> %q -> %q", in, printed, again.String())
		}
		r1, _ := sel.Requirements()
		r2, _ := again.Requirements()
		if len(r1) != len(r2) {
			t.Fatalf("%q: %d requirements, re-parsed %d", in, len(r1), len(r2))
		}
		for i := range r1 {
			if !r1[i].Equal(r2[i]) {
				t.Fatalf("%q: requirement %d = %v, re-parsed %v", in, i, r1[i], r2[i])
			}
		}
		sel.Matches(Set{"app": "web", "replicas": "2"})
	})
}
