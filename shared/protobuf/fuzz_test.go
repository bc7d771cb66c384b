package protobuf

import (
	"path/filepath"
	"testing"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
)

// FuzzUnmarshal feeds arbitrary bytes to the decoder: it may fail, never
// panic, and what it accepts it can write again. `go test` runs the seed
// corpus (the golden objects' messages); `go test -fuzz FuzzUnmarshal`
// explores.
func FuzzUnmarshal(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.pb")
	for _, name := range files {
		if _, raw, err := DecodeObject(readFile(f, name)); err == nil {
			f.Add(raw)
		}
	}
	f.Add([]byte{0x08, 0x80})
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, into := range []any{&appsv1.Deployment{}, &corev1.Pod{}} {
			if err := Unmarshal(data, into); err != nil {
				continue
			}
			if _, err := Marshal(into); err != nil {
				t.Errorf("decoded %T does not encode: %v", into, err)
			}
		}
		_, _, _ = DecodeObject(data)
	})
}
