package jsonpath

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzJSONPathParse checks the promises of Parse and Execute for any
// template: neither panics, a template that parses runs over a pod-like
// object to a result or an error (never both output and an error), and
// parsing the same text twice gives the same tree. `go test` runs the
// seeds; `go test -fuzz FuzzJSONPathParse` explores further.
func FuzzJSONPathParse(f *testing.F) {
	for _, seed := range []string{
		"", "hello", "{", "}", "{}", "{.}", "{@}", "{$}", "{..}", "{...}", "{....x}",
		"{.metadata.name}", "{.items[*].metadata.name}", "{.items[0]}", "{.items[-1]}",
		`{range .items[*]}{.metadata.name}{"\t"}{end}`, "{range}", "{end}", "{range .a}{range .b}{end}",
		`{.status.conditions[?(@.type=="Ready")].status}`, `{[?(@.x==")")]}`, "{[?(@)]}", "{[?()]}",
		"{.spec.containers[0:2:1].image}", "{[::]}", "{[:]}", "{[]}", "{[-]}", "{[1,2,]}", "{[,]}",
		"{..image}", `{.metadata.labels.app\.kubernetes\.io/name}`, `{.a\`, `{['a.b', 'c']}`,
		`{"\n"}`, `{'x'}`, `{"\q"}`, "{5}{-1.5}{+}{1.2.3}", "{true}{false}{hello}",
		"{[9223372036854775807]}", "{[-9223372036854775808:]}", "{[0:1:9223372036854775807]}",
		"{.a[?(@.b<=3)]}", "{.a[?(@.b=~'x')]}", "{\t}", "{\n}", "{\xff}", "{.\xff}",
	} {
		f.Add(seed)
	}
	data := map[string]any{}
	if err := json.Unmarshal([]byte(podsJSON), &data); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, template string) {
		first, err := parse(template)
		if err != nil {
			return
		}
		second, err := parse(template)
		if err != nil || treeString(first) != treeString(second) {
			t.Fatalf("parse(%q) not stable: %v", template, err)
		}
		for _, allow := range []bool{true, false} {
			j := New("fuzz").AllowMissingKeys(allow)
			if err := j.Parse(template); err != nil {
				t.Fatalf("Parse(%q) failed after parse succeeded: %v", template, err)
			}
			var out bytes.Buffer
			if err := j.Execute(&out, data); err != nil && out.Len() > 0 {
				t.Fatalf("Execute(%q) wrote %q and failed: %v", template, out.String(), err)
			}
		}
	})
}
