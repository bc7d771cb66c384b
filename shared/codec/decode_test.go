package codec

import (
	"errors"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDecodeUnstructured(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    map[string]any
		wantErr string
	}{
		{name: "yaml", in: "kind: Pod\nspec:\n  replicas: 3\n", want: map[string]any{"kind": "Pod", "spec": map[string]any{"replicas": int64(3)}}},
		{name: "json", in: `{"kind":"Pod","n":3}`, want: map[string]any{"kind": "Pod", "n": int64(3)}},
		{name: "whole float becomes int64", in: "x: 3.0", want: map[string]any{"x": int64(3)}},
		{name: "fraction stays float64", in: "x: 0.5", want: map[string]any{"x": 0.5}},
		{name: "large integer exact", in: "x: 9007199254740993", want: map[string]any{"x": int64(9007199254740993)}},
		{name: "beyond int64 is float64", in: "x: 1e20", want: map[string]any{"x": 1e20}},
		// YAML 1.1, which kubectl reads, has more booleans than true and
		// false; quote such values to keep them strings.
		{name: "yes is a boolean", in: "enabled: yes\nquoted: \"yes\"", want: map[string]any{"enabled": true, "quoted": "yes"}},
		{name: "leading zero is octal", in: "mode: 0644", want: map[string]any{"mode": int64(420)}},
		{name: "quoted number stays string", in: `memory: "8Mi"` + "\nport: \"80\"", want: map[string]any{"memory": "8Mi", "port": "80"}},
		{name: "yaml flow mapping that is not json", in: "{a: 1}", want: map[string]any{"a": int64(1)}},
		{name: "empty", in: "# nothing\n", wantErr: "decode: document is empty"},
		{name: "null", in: "null", wantErr: "decode: document is empty"},
		{name: "list", in: "- a\n- b\n", wantErr: "decode: expected an object (a mapping of fields such as apiVersion, kind, metadata), found array"},
		{name: "scalar", in: "hello", wantErr: "decode: expected an object (a mapping of fields such as apiVersion, kind, metadata), found string"},
		{name: "bad indentation names the line", in: "a: 1\nb:\n  c: 1\n d: 2\n", wantErr: "decode: yaml: line 3: did not find expected key"},
		{name: "tab indentation", in: "a:\n\tb: 1\n", wantErr: "decode: yaml: line 2: found character that cannot start any token"},
		{name: "number out of range", in: `{"x": 1e400}`, wantErr: "decode: number 1e400 is out of range"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DecodeUnstructured([]byte(tc.in))
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("error = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeUnstructuredSyntaxError(t *testing.T) {
	_, err := DecodeUnstructured([]byte("a: [1, 2\n"))
	var se *SyntaxError
	if !errors.As(err, &se) || se.Format != "yaml" || se.Line == 0 {
		t.Fatalf("error = %#v, want a *SyntaxError with a line", err)
	}
}

func TestDecodeManifests(t *testing.T) {
	tests := []struct {
		name      string
		file      string
		wantKinds []string
		wantErr   string
	}{
		// Talk 002, "Declarative syntax": the Service and ConfigMap.
		{name: "talk 002 static site", file: "testdata/talk002-static-site.yaml", wantKinds: []string{"Service", "ConfigMap"}},
		// Talk 004, step 1: kubectl apply -f on a JSON stream.
		{name: "talk 004 json stream", file: "testdata/talk004-myapp-stream.json", wantKinds: []string{"Deployment", "Service"}},
		// Talk 002's Ingress: the alias line is followed by a key
		// indented under it. The line is the file's, not the document's.
		{name: "talk 002 broken ingress", file: "testdata/talk002-ingress-broken.yaml", wantErr: "document 2: decode: yaml: line 25: did not find expected key"},
		{name: "lists are flattened", file: "testdata/lists.yaml", wantKinds: []string{"ConfigMap", "Secret", "Pod", "Pod", "Service"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := os.Open(tc.file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			objs, err := DecodeManifests(f)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("error = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var kinds []string
			for _, o := range objs {
				kinds = append(kinds, o["kind"].(string))
			}
			if diff := cmp.Diff(tc.wantKinds, kinds); diff != "" {
				t.Errorf("kinds (-want +got):\n%s", diff)
			}
		})
	}
}

func TestItemsOf(t *testing.T) {
	pod := func(name string) map[string]any {
		return map[string]any{"metadata": map[string]any{"name": name}}
	}
	tests := []struct {
		name    string
		in      map[string]any
		want    []map[string]any
		wantErr string
	}{
		{name: "not a list", in: map[string]any{"kind": "Pod"}, want: []map[string]any{{"kind": "Pod"}}},
		{name: "kind List without items is not a list", in: map[string]any{"kind": "List"}, want: []map[string]any{{"kind": "List"}}},
		{name: "empty list", in: map[string]any{"kind": "List", "items": []any{}}},
		{name: "typed list fills kind and apiVersion", in: map[string]any{"apiVersion": "v1", "kind": "PodList", "items": []any{pod("a")}},
			want: []map[string]any{{"apiVersion": "v1", "kind": "Pod", "metadata": map[string]any{"name": "a"}}}},
		{name: "nested lists", in: map[string]any{"kind": "List", "items": []any{
			map[string]any{"kind": "List", "items": []any{map[string]any{"kind": "Pod"}}},
			map[string]any{"kind": "Service"},
		}}, want: []map[string]any{{"kind": "Pod"}, {"kind": "Service"}}},
		{name: "item that is not an object", in: map[string]any{"kind": "List", "items": []any{"x"}}, wantErr: "List items[0]: expected an object, found string"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ItemsOf(tc.in)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("error = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
