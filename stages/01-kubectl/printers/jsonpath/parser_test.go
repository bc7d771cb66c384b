package jsonpath

import (
	"strings"
	"testing"
)

func treeString(segments []segment) string {
	parts := make([]string, len(segments))
	for i, s := range segments {
		parts[i] = s.String()
	}
	return strings.Join(parts, " ")
}

// Talk 000, "kubectl": `kubectl get -o jsonpath=...` reads its template
// with this parser; each row shows the tree a template becomes.
func TestParseTree(t *testing.T) {
	tests := []struct {
		name, template, want string
	}{
		{"plain text", "hello jsonpath", `text("hello jsonpath")`},
		{"one field", "{.metadata.name}", "{.metadata .name}"},
		{"text around an action", "name: {.metadata.name}!", `text("name: ") {.metadata .name} text("!")`},
		{"all items", "{.items[*].metadata.name}", "{.items [:] .metadata .name}"},
		{"current object", "{@}", "{}"},
		{"root sign and spaces", "{ $.kind }", "{.kind}"},
		{"range", `{range .items[*]}{.metadata.name}{"\t"}{end}`,
			`range{.items [:]}[{.metadata .name} {"\t"}]`},
		{"nested range", `{range .items[*]}{range .spec.containers[*]}{.name}{end}{"\n"}{end}`,
			`range{.items [:]}[range{.spec .containers [:]}[{.name}] {"\n"}]`},
		{"range without end runs to the end", "{range .items[*]}{.name}", "range{.items [:]}[{.name}]"},
		{"stray end", "{.a}{end}", "{.a} {end}"},
		{"filter", `{.status.conditions[?(@.type=="Ready")].status}`,
			`{.status .conditions [?(.type == "Ready")] .status}`},
		{"filter with a parenthesis in quotes", `{[?(@.x==")")]}`, `{[?(.x == ")")]}`},
		{"exists filter", "{[?(@.z)].id}", "{[?(.z)] .id}"},
		{"filter on a number", "{[?(@<5)]}", "{[?( < 5)]}"},
		{"index", "{.spec.containers[0].image}", "{.spec .containers [0] .image}"},
		{"negative index", "{[-1]}", "{[-1]}"},
		{"slice", "{[0:2]}", "{[0:2]}"},
		{"open slice", "{[-1:]}", "{[-1:]}"},
		{"slice with step", "{[1:4:2]}", "{[1:4:2]}"},
		{"step only", "{[::2]}", "{[::2]}"},
		{"union of indexes", "{[1,3,4]}", "{union([1] | [3] | [4])}"},
		{"union of keys", `{.items[*]['metadata.name', 'status.capacity']}`,
			"{.items [:] union(.metadata .name | .status .capacity)}"},
		{"bracketed key", "{[0]['id']}", "{[0] .id}"},
		{"recursive descent", "{..image}", "{.. .image}"},
		{"recursive then dot", "{...Price}", "{.. .Price}"},
		{"recursive alone", "{..}", "{..}"},
		{"escaped dots", `{.metadata.labels.app\.kubernetes\.io/name}`, "{.metadata .labels .app.kubernetes.io/name}"},
		{"wildcard", "{.metadata.labels.*}", "{.metadata .labels .*}"},
		{"quoted brace", `{"{"}`, `{"{"}`},
		{"single quotes", `{'a"b'}`, `{"a\"b"}`},
		{"numbers and booleans", "{5}{-2}{1.5}{true}", "{5} {-2} {1.5} {true}"},
		{"unknown identifier parses", "{hello}", "{hello}"},
		{"empty action", "{}", "{}"},
		{"closing brace outside an action is text", "a}b", `text("a}b")`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			segments, err := parse(tc.template)
			if err != nil {
				t.Fatalf("parse(%q): %v", tc.template, err)
			}
			if got := treeString(segments); got != tc.want {
				t.Errorf("parse(%q)\n got %s\nwant %s", tc.template, got, tc.want)
			}
		})
	}
}

// Parse errors carry upstream's wording, which kubectl prints after
// "error parsing jsonpath <template>, ".
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, template, want string
	}{
		{"unclosed action", "{.metadata.name", "unclosed action"},
		{"newline in action", "{.a\n}", "unclosed action"},
		{"unterminated array", "{.a[0}", "unterminated array"},
		{"invalid index", "{.a[x]}", "invalid array index x"},
		{"sign without digits", "{.a[-]}", "array index - is not a number"},
		{"unterminated filter", "{.a[?(@.x==1}", "unterminated filter"},
		{"filter not closed by ]", "{.a[?(@.x==1)}", "unclosed array expect ]"},
		{"unterminated string", `{"abc}`, "unterminated quoted string"},
		{"bad escape", `{'\q'}`, `unquote string '\q' error invalid syntax`},
		{"unknown character", "{!}", "unrecognized character in action: U+0021 '!'"},
		{"tab is not a separator", "{\t.a}", "unrecognized character in action: U+0009"},
		{"double recursive descent", "{....x}", "invalid multiple recursive descent"},
		{"bare minus", "{-}", "cannot parse number -"},
		{"error inside a union", "{[0,x]}", "invalid array index x"},
		{"error inside a filter", "{[?(@.a==!)]}", "unrecognized character in action: U+0021 '!'"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parse(tc.template)
			if err == nil || err.Error() != tc.want {
				t.Fatalf("parse(%q) error = %v, want %q", tc.template, err, tc.want)
			}
		})
	}
}
