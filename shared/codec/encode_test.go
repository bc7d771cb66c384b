package codec

import (
	"testing"
)

func TestEncodeJSON(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want string
	}{
		{name: "four spaces, newline at the end", in: map[string]any{"kind": "Pod", "spec": map[string]any{"replicas": int64(3)}},
			want: "{\n    \"kind\": \"Pod\",\n    \"spec\": {\n        \"replicas\": 3\n    }\n}\n"},
		{name: "html characters escaped as kubectl does", in: map[string]any{"cmd": "a && b"},
			want: "{\n    \"cmd\": \"a \\u0026\\u0026 b\"\n}\n"},
		{name: "typed value uses json tags", in: struct {
			Name string `json:"name"`
		}{Name: "web"}, want: "{\n    \"name\": \"web\"\n}\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := EncodeJSON(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestEncodeYAML(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want string
	}{
		{name: "keys sorted", in: map[string]any{"spec": map[string]any{"replicas": int64(3)}, "kind": "Pod", "apiVersion": "v1"},
			want: "apiVersion: v1\nkind: Pod\nspec:\n  replicas: 3\n"},
		{name: "strings that look like other types are quoted", in: map[string]any{"a": "yes", "b": "80", "c": "true"},
			want: "a: \"yes\"\nb: \"80\"\nc: \"true\"\n"},
		{name: "lists", in: map[string]any{"args": []any{"-c", "echo hi"}},
			want: "args:\n- -c\n- echo hi\n"},
		{name: "multi-line string as a block", in: map[string]any{"conf": "a\nb\n"},
			want: "conf: |\n  a\n  b\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := EncodeYAML(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestEncodeErrors(t *testing.T) {
	tests := []struct {
		name   string
		encode func(any) ([]byte, error)
	}{
		{name: "json", encode: EncodeJSON},
		{name: "yaml", encode: EncodeYAML},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := tc.encode(map[string]any{"c": make(chan int)}); err == nil {
				t.Errorf("encoding a channel must fail")
			}
		})
	}
}
