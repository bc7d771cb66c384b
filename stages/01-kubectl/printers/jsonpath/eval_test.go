package jsonpath

import (
	"bytes"
	"encoding/json"
	"testing"
)

func decode(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("bad test JSON: %v", err)
	}
	return v
}

// The store of the JSONPath article upstream tests with, as JSON. Upstream
// feeds it as Go structs, whose fields keep declaration order; decoded JSON
// objects are walked in key order, so wildcard and ".." results below
// come out sorted by key.
const storeJSON = `{
  "Name": "jsonpath",
  "Book": [
    {"Category": "reference", "Author": "Nigel Rees", "Title": "Sayings of the Centurey", "Price": 8.95},
    {"Category": "fiction", "Author": "Evelyn Waugh", "Title": "Sword of Honour", "Price": 12.99},
    {"Category": "fiction", "Author": "Herman Melville", "Title": "Moby Dick", "Price": 8.99}
  ],
  "Bicycle": [
    {"Color": "red", "Price": 19.95, "IsNew": true},
    {"Color": "green", "Price": 20.01, "IsNew": false}
  ],
  "Labels": {"engieer": 10, "web/html": 15, "k8s-app": 20},
  "Employees": {"jason": "manager", "dan": "clerk"}
}`

// Two nodes in a List, as `kubectl get nodes -o json` prints them.
const nodesJSON = `{
  "kind": "List",
  "items": [
    {"kind": "None",
     "metadata": {"name": "127.0.0.1", "labels": {"kubernetes.io/hostname": "127.0.0.1"}},
     "status": {"capacity": {"cpu": "4"}, "ready": true,
                "addresses": [{"type": "LegacyHostIP", "address": "127.0.0.1"}]}},
    {"kind": "None",
     "metadata": {"name": "127.0.0.2", "labels": {"kubernetes.io/hostname": "127.0.0.2"}},
     "status": {"capacity": {"cpu": "8"}, "ready": false,
                "addresses": [{"type": "LegacyHostIP", "address": "127.0.0.2"},
                              {"type": "another", "address": "127.0.0.3"}]}}
  ],
  "users": [
    {"name": "myself", "user": {}},
    {"name": "e2e", "user": {"username": "admin", "password": "secret"}}
  ]
}`

const podsJSON = `{
  "kind": "List",
  "items": [
    {"metadata": {"name": "pod1", "annotations": {"color": "blue"}},
     "spec": {"replicas": 1000000, "weight": 0.5,
              "containers": [{"name": "foo", "image": "nginx"}, {"name": "bar", "image": "busybox"}]},
     "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}, {"type": "Initialized", "status": "True"}]}},
    {"metadata": {"name": "pod2"},
     "spec": {"replicas": 3, "containers": [{"name": "baz", "image": "ghost:0.9"}]},
     "status": {"phase": "Pending", "conditions": [{"type": "Ready", "status": "False"}]}},
    {"metadata": {"name": "pod3", "annotations": {"color": "green"}},
     "spec": {"containers": []}},
    {"resourceVersion": ""}
  ]
}`

// The fake pod of upstream's negative-index and step tests.
const containersJSON = `{"kind": "Pod", "spec": {"containers": [
  {"name": "fake0"}, {"name": "fake1"}, {"name": "fake2"},
  {"name": "fake3"}, {"name": "fake4"}, {"name": "fake5"}]}}`

type execCase struct {
	name, template string
	data           string
	allowMissing   bool
	want           string
	wantErr        string
}

func runExecCases(t *testing.T, tests []execCase) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			j := New(tc.name).AllowMissingKeys(tc.allowMissing)
			if err := j.Parse(tc.template); err != nil {
				t.Fatalf("Parse(%q): %v", tc.template, err)
			}
			var out bytes.Buffer
			err := j.Execute(&out, decode(t, tc.data))
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("Execute error = %v, want %q", err, tc.wantErr)
				}
				if out.Len() != 0 {
					t.Errorf("a failed Execute wrote %q", out.String())
				}
				return
			}
			if err != nil {
				t.Fatalf("Execute: %v", err)
			}
			if out.String() != tc.want {
				t.Errorf("Execute(%q)\n got %q\nwant %q", tc.template, out.String(), tc.want)
			}
		})
	}
}

// Upstream's own examples (client-go jsonpath tests), over JSON data.
func TestExecuteUpstreamExamples(t *testing.T) {
	runExecCases(t, []execCase{
		{name: "plain", template: "hello jsonpath", data: `null`, want: "hello jsonpath"},
		{name: "recursive", template: "{..}", data: `[1,2,3]`, want: "[1,2,3]"},
		{name: "filter", template: "{[?(@<5)]}", data: `[2,6,3,7]`, want: "2 3"},
		{name: "quote", template: `{"{"}`, data: `null`, want: "{"},
		{name: "union", template: "{[1,3,4]}", data: `[0,1,2,3,4]`, want: "1 3 4"},
		{name: "array", template: "{[0:2]}", data: `["Monday","Tudesday"]`, want: "Monday Tudesday"},
		{name: "variable", template: "hello {.Name}", data: storeJSON, want: "hello jsonpath"},
		{name: "dict with slash", template: "{$.Labels.web/html}", data: storeJSON, want: "15"},
		{name: "dict jason", template: "{$.Employees.jason}", data: storeJSON, want: "manager"},
		{name: "dict with dash", template: "{.Labels.k8s-app}", data: storeJSON, want: "20"},
		{name: "nest", template: "{.Bicycle[*].Color}", data: storeJSON, want: "red green"},
		{name: "allarray", template: "{.Book[*].Author}", data: storeJSON, want: "Nigel Rees Evelyn Waugh Herman Melville"},
		{name: "allfields", template: `{range .Bicycle[*]}{ "{" }{ @.* }{ "} " }{end}`, data: storeJSON,
			want: "{red true 19.95} {green false 20.01} "},
		{name: "recurfields", template: "{..Price}", data: storeJSON, want: "19.95 20.01 8.95 12.99 8.99"},
		{name: "recurdotfields", template: "{...Price}", data: storeJSON, want: "19.95 20.01 8.95 12.99 8.99"},
		{name: "allstructsSlice", template: "{.Bicycle}", data: storeJSON,
			want: `[{"Color":"red","IsNew":true,"Price":19.95},{"Color":"green","IsNew":false,"Price":20.01}]`},
		{name: "allstructs", template: `{range .Bicycle[*]}{ @ }{ " " }{end}`, data: storeJSON,
			want: `{"Color":"red","IsNew":true,"Price":19.95} {"Color":"green","IsNew":false,"Price":20.01} `},
		{name: "lastarray", template: "{.Book[-1:]}", data: storeJSON,
			want: `{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}`},
		{name: "recurarray", template: "{..Book[2]}", data: storeJSON,
			want: `{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}`},
		{name: "bool", template: "{.Bicycle[?(@.IsNew==true)]}", data: storeJSON, want: `{"Color":"red","IsNew":true,"Price":19.95}`},
		{name: "exists filter", template: "{[?(@.z)].id}", data: `[{"id":"i1","x":4},{"id":"i2","z":1},{"id":"i5","z":1}]`, want: "i2 i5"},
		{name: "bracket key", template: "{[0]['id']}", data: `[{"id":"i1"}]`, want: "i1"},
		{name: "range item", template: `{range .items[*]}{.metadata.name}, {end}{.kind}`, data: nodesJSON,
			want: "127.0.0.1, 127.0.0.2, List"},
		{name: "range item with quote", template: `{range .items[*]}{.metadata.name}{"\t"}{end}`, data: nodesJSON,
			want: "127.0.0.1\t127.0.0.2\t"},
		{name: "range addresses", template: `{.items[*].status.addresses[*].address}`, data: nodesJSON,
			want: "127.0.0.1 127.0.0.2 127.0.0.3"},
		{name: "double range", template: `{range .items[*]}{range .status.addresses[*]}{.address}, {end}{end}`, data: nodesJSON,
			want: "127.0.0.1, 127.0.0.2, 127.0.0.3, "},
		{name: "item name", template: `{.items[*].metadata.name}`, data: nodesJSON, want: "127.0.0.1 127.0.0.2"},
		{name: "union nodes capacity", template: `{.items[*]['metadata.name', 'status.capacity']}`, data: nodesJSON,
			want: `127.0.0.1 127.0.0.2 {"cpu":"4"} {"cpu":"8"}`},
		{name: "range nodes capacity", template: `{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}`, data: nodesJSON,
			want: `[127.0.0.1, {"cpu":"4"}] [127.0.0.2, {"cpu":"8"}] `},
		{name: "user password", template: `{.users[?(@.name=="e2e")].user.password}`, data: nodesJSON, want: "secret"},
		{name: "hostname", template: `{.items[0].metadata.labels.kubernetes\.io/hostname}`, data: nodesJSON, want: "127.0.0.1"},
		{name: "hostname filter", template: `{.items[?(@.metadata.labels.kubernetes\.io/hostname=="127.0.0.1")].kind}`, data: nodesJSON, want: "None"},
		{name: "bool item", template: `{.items[?(@..ready==true)].metadata.name}`, data: nodesJSON, want: "127.0.0.1"},
		{name: "recursive name", template: "{..name}", data: nodesJSON, want: "127.0.0.1 127.0.0.2 myself e2e"},
		{name: "empty range", template: `{range .items[*]}{.metadata.name}{end}`, data: `{"items":[]}`, allowMissing: true, want: ""},
		{name: "empty nested range", template: `{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}`,
			data: `{"items":[]}`, allowMissing: true, want: ""},
		{name: "nested ranges", template: `{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}`,
			data: podsJSON, allowMissing: true, want: "pod1:foo,bar,+pod2:baz,+pod3:+:+"},
		{name: "two ranges at one level", template: `{range .items[0:2]}{.metadata.name}{"\t"}{range .spec.containers[*]}{.name}{" "}{end}{"\t"}{range .spec.containers[*]}{.name}{" "}{end}{"\n"}{end}`,
			data: podsJSON, want: "pod1\tfoo bar \tfoo bar \npod2\tbaz \tbaz \n"},
		{name: "filter tolerates items without the field", template: `{.items[?(@.metadata.annotations.color=="blue")].metadata.name}`,
			data: podsJSON, allowMissing: true, want: "pod1"},
		{name: "range over a filter without @", template: `{range .items[?(.status.phase=="Running")]}{.metadata.name}{" is Running\n"}{end}`,
			data: podsJSON, allowMissing: true, want: "pod1 is Running\n"},
	})
}

// Talk 000, "kubectl": the questions users ask `kubectl get` with -o
// jsonpath - names, images, a condition's status - and how values print.
func TestExecuteKubectlUses(t *testing.T) {
	runExecCases(t, []execCase{
		{name: "names of all items", template: "{.items[*].metadata.name}", data: podsJSON, allowMissing: true, want: "pod1 pod2 pod3"},
		{name: "one line per item", template: `{range .items[*]}{.metadata.name}{"\n"}{end}`, data: podsJSON, allowMissing: true,
			want: "pod1\npod2\npod3\n\n"},
		{name: "ready condition", template: `{.items[0].status.conditions[?(@.type=="Ready")].status}`, data: podsJSON, want: "True"},
		{name: "not-equal filter", template: `{.items[0].status.conditions[?(@.type!="Ready")].type}`, data: podsJSON, want: "Initialized"},
		{name: "images everywhere", template: "{..image}", data: podsJSON, want: "nginx busybox ghost:0.9"},
		{name: "whole numbers print as integers", template: "{.items[0].spec.replicas}", data: podsJSON, want: "1000000"},
		{name: "fractions print as floats", template: "{.items[0].spec.weight}", data: podsJSON, want: "0.5"},
		{name: "numeric filter", template: `{.items[?(@.spec.replicas>5)].metadata.name}`, data: podsJSON, allowMissing: true, want: "pod1"},
		{name: "null prints <nil>", template: "{.a}", data: `{"a":null}`, want: "<nil>"},
		{name: "html characters are escaped in JSON", template: "{.a}", data: `{"a":{"b":"<none>"}}`, want: `{"b":"\u003cnone\u003e"}`},
		{name: "missing key allowed", template: "before-{.hello}after", data: podsJSON, allowMissing: true, want: "before-after"},
		{name: "wildcard over a string gives bytes", template: "{.a.*}", data: `{"a":"hi"}`, want: "104 105"},
	})
}

func TestExecuteSlices(t *testing.T) {
	runExecCases(t, []execCase{
		{name: "[0]", template: "{.spec.containers[0].name}", data: containersJSON, want: "fake0"},
		{name: "[0:0] is empty", template: "{.spec.containers[0:0].name}", data: containersJSON, want: ""},
		{name: "[0:-1]", template: "{.spec.containers[0:-1].name}", data: containersJSON, want: "fake0 fake1 fake2 fake3 fake4"},
		{name: "[-1]", template: "{.spec.containers[-1].name}", data: containersJSON, want: "fake5"},
		{name: "[-2:]", template: "{.spec.containers[-2:].name}", data: containersJSON, want: "fake4 fake5"},
		{name: "[-6]", template: "{.spec.containers[-6].name}", data: containersJSON, want: "fake0"},
		{name: "[6:6] is empty", template: "{.spec.containers[6:6].name}", data: containersJSON, want: ""},
		{name: "[1:4:2]", template: "{.spec.containers[1:4:2].name}", data: containersJSON, want: "fake1 fake3"},
		{name: "[1:4:4]", template: "{.spec.containers[1:4:4].name}", data: containersJSON, want: "fake1"},
		{name: "[0:6:5]", template: "{.spec.containers[0:6:5].name}", data: containersJSON, want: "fake0 fake5"},
		{name: "[0:6:]", template: "{.spec.containers[0:6:].name}", data: containersJSON, want: "fake0 fake1 fake2 fake3 fake4 fake5"},
		{name: "[::2]", template: "{.spec.containers[::2].name}", data: containersJSON, want: "fake0 fake2 fake4"},
		{name: "huge step", template: "{.spec.containers[0:6:9223372036854775807].name}", data: containersJSON, want: "fake0"},
	})
}

func TestExecuteErrors(t *testing.T) {
	runExecCases(t, []execCase{
		{name: "unknown identifier", template: "{hello}", data: storeJSON, wantErr: "unrecognized identifier hello"},
		{name: "missing field", template: "{.hello}", data: storeJSON, wantErr: "hello is not found"},
		{name: "index into an object", template: "{.Labels[0]}", data: storeJSON, wantErr: "map[string]interface {} is not array or slice"},
		{name: "index into a number", template: "{.Name[0]}", data: `{"Name":7}`, wantErr: "int64 is not array or slice"},
		{name: "unknown operator", template: "{.Book[?(@.Price<>10)]}", data: storeJSON, wantErr: "unrecognized filter operator <>"},
		{name: "redundant end", template: "{range .Labels.*}{@}{end}{end}", data: storeJSON, wantErr: "not in range, nothing to end"},
		{name: "filter needs the field", template: `{.items[?(@.metadata.annotations.color=="blue")].metadata.name}`,
			data: podsJSON, wantErr: "annotations is not found"},
		{name: "index of an empty list", template: "{.items[0].metadata.name}", data: `{"items":[]}`, allowMissing: true,
			wantErr: "array index out of bounds: index 0, length 0"},
		{name: "[-7] is out of bounds", template: "{.spec.containers[-7].name}", data: containersJSON, wantErr: "array index out of bounds: index -1, length 6"},
		{name: "[3:1] is backwards", template: "{.spec.containers[3:1].name}", data: containersJSON, wantErr: "starting index 3 is greater than ending index 1"},
		{name: "[0:9] runs past the end", template: "{.spec.containers[0:9].name}", data: containersJSON, wantErr: "array index out of bounds: index 8, length 6"},
		{name: "step 0", template: "{.spec.containers[0:6:0].name}", data: containersJSON, wantErr: "step must be > 0"},
		{name: "negative step", template: "{.spec.containers[0:6:-1].name}", data: containersJSON, wantErr: "step must be > 0"},
		{name: "filter on an object", template: `{.a[?(@.x)]}`, data: `{"a":{"x":"y"}}`, wantErr: "map[x:y] is not array or slice and cannot be filtered"},
		{name: "string against number", template: `{[?(@.x=="1")]}`, data: `[{"x":1}]`, wantErr: "incompatible types for comparison"},
		{name: "integer against float", template: `{[?(@.x==1.0)]}`, data: `[{"x":1}]`, wantErr: "incompatible types for comparison"},
		{name: "object in a comparison", template: `{[?(@.x=="a")]}`, data: `[{"x":{}}]`, wantErr: "invalid type for comparison"},
		{name: "booleans have no order", template: `{[?(@.x<true)]}`, data: `[{"x":false}]`, wantErr: "invalid type for comparison"},
		{name: "several values in a filter", template: `{[?(@.*=="a")]}`, data: `[{"x":"a","y":"b"}]`, wantErr: "can only compare one element at a time"},
	})
}

func TestExecuteBeforeParse(t *testing.T) {
	err := New("out").Execute(&bytes.Buffer{}, nil)
	if err == nil || err.Error() != "out is an incomplete jsonpath template" {
		t.Fatalf("Execute before Parse = %v", err)
	}
}

// kubectl's -o jsonpath-as-json: each action's values as an indented array.
func TestJSONOutput(t *testing.T) {
	j := New("out").AllowMissingKeys(true)
	j.EnableJSONOutput(true)
	if err := j.Parse("{.items[*].metadata.name}{.nothing}"); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := j.Execute(&out, decode(t, podsJSON)); err != nil {
		t.Fatal(err)
	}
	want := "[\n    \"pod1\",\n    \"pod2\",\n    \"pod3\"\n]\n[]\n"
	if out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}

// Typed Go values are read through their JSON form, so a template sees the
// same fields whether the object came from the wire or from code.
func TestExecuteTypedValue(t *testing.T) {
	type meta struct {
		Name   string            `json:"name"`
		Labels map[string]string `json:"labels,omitempty"`
	}
	obj := struct {
		Metadata meta `json:"metadata"`
		Replicas int  `json:"replicas"`
	}{meta{Name: "web", Labels: map[string]string{"app": "web"}}, 3}
	j := New("out")
	if err := j.Parse("{.metadata.name} {.metadata.labels.app} {.replicas}"); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := j.Execute(&out, obj); err != nil {
		t.Fatal(err)
	}
	if out.String() != "web web 3" {
		t.Errorf("got %q", out.String())
	}
}
