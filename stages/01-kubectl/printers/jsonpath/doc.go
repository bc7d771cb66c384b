// Package jsonpath runs the JSONPath templates of `kubectl get -o
// jsonpath=...` and `-o custom-columns=...` over API objects decoded from
// JSON (map[string]any, []any, string, float64, bool, nil).
//
// A template is literal text with actions in braces. Each action is a path
// that selects values from the current object; the values are printed one
// after another, separated by spaces:
//
//	{.metadata.name}                          one field
//	{.items[*].metadata.name}                 every item's name: "a b c"
//	{range .items[*]}{.metadata.name}{"\n"}{end}   one line per item
//	{.status.conditions[?(@.type=="Ready")].status} filter a list
//	{.spec.containers[0:2].image}             a slice [start:end:step]
//	{..image}                                 recursive descent
//	{.metadata.labels.app\.kubernetes\.io/name}    escaped dots in a key
//	{.items[*]['metadata.name', 'status.phase']}   a union of paths
//
// Strings print as they are, numbers and booleans in their usual text form,
// and objects and lists as compact JSON. A missing field prints nothing when
// missing keys are allowed (kubectl's default, --allow-missing-template-keys)
// and fails with "<field> is not found" otherwise.
//
// Usage:
//
//	j := jsonpath.New("out").AllowMissingKeys(true)
//	if err := j.Parse(`{range .items[*]}{.metadata.name}{"\t"}{end}`); err != nil { ... }
//	err := j.Execute(os.Stdout, list) // list is a map[string]any
//
// The language, its error messages and its corner cases follow upstream's
// k8s.io/client-go/util/jsonpath, which kubectl uses; this is a separate
// implementation written to be read. It parses a template into a small tree
// (parser.go: text, actions, range blocks, and the steps of each path) and
// walks it over plain Go values (eval.go) instead of reflection.
//
// Talk 000, "kubectl": the tables and YAML that `kubectl get` prints are
// views of one JSON object; JSONPath is the view the user writes.
package jsonpath
