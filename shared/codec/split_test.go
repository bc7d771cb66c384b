package codec

import (
	"os"
	"strings"
	"testing"
)

func TestSplitDocuments(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		wantLines []int
		wantFirst string // first document's bytes
		wantErr   string
	}{
		{name: "empty stream", in: ""},
		{name: "one document", in: "a: 1\n", wantLines: []int{1}, wantFirst: "a: 1\n"},
		{name: "leading separator", in: "---\na: 1\n", wantLines: []int{2}, wantFirst: "a: 1\n"},
		{name: "two documents", in: "a: 1\n---\nb: 2\n", wantLines: []int{1, 3}, wantFirst: "a: 1\n"},
		{name: "separator with comment", in: "a: 1\n--- # next\nb: 2", wantLines: []int{1, 3}, wantFirst: "a: 1\n"},
		{name: "windows line endings", in: "a: 1\r\n---\r\nb: 2\r\n", wantLines: []int{1, 3}, wantFirst: "a: 1\r\n"},
		{name: "comment-only and empty documents skipped", in: "# hi\n---\n\n---\na: 1\n---\n", wantLines: []int{5}, wantFirst: "a: 1\n"},
		{name: "byte order mark", in: "\ufeffa: 1\n", wantLines: []int{1}, wantFirst: "a: 1\n"},
		{name: "content after separator", in: "a: 1\n--- b: 2\n", wantErr: "split manifests: line 2: invalid YAML document separator: b: 2"},
		{name: "json stream", in: "{\"a\": 1}\n\n{\"b\":\n 2}", wantLines: []int{1, 3}, wantFirst: `{"a": 1}`},
		{name: "json after blank lines", in: "\n\n  {\"a\": 1}", wantLines: []int{3}, wantFirst: `{"a": 1}`},
		{name: "broken json stream", in: "{\"a\": 1}\n{\"b\": }", wantErr: "split manifests: json: line 2: invalid character '}' looking for beginning of value"},
		{name: "truncated json", in: "{\"a\": 1}\n{\"b\": 1", wantErr: "split manifests: json: line 2: unexpected end of JSON input"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			docs, err := SplitDocuments(strings.NewReader(tc.in))
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("error = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var lines []int
			for _, d := range docs {
				lines = append(lines, d.Line)
			}
			if len(lines) != len(tc.wantLines) {
				t.Fatalf("documents start on lines %v, want %v", lines, tc.wantLines)
			}
			for i := range lines {
				if lines[i] != tc.wantLines[i] {
					t.Fatalf("documents start on lines %v, want %v", lines, tc.wantLines)
				}
			}
			if len(docs) > 0 && string(docs[0].Data) != tc.wantFirst {
				t.Errorf("first document = %q, want %q", docs[0].Data, tc.wantFirst)
			}
		})
	}
}

func TestSplitYAMLDocumentsTalkFile(t *testing.T) {
	// Talk 002, "Declarative syntax": a Service and a ConfigMap in one
	// file; the trailing comment-only and empty documents do not count.
	f, err := os.Open("testdata/talk002-static-site.yaml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	docs, err := SplitYAMLDocuments(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("got %d documents, want 2: %q", len(docs), docs)
	}
	if !strings.Contains(string(docs[1]), "kind: ConfigMap") {
		t.Errorf("second document is not the ConfigMap: %q", docs[1])
	}
}
