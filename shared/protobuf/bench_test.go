package protobuf

import (
	"encoding/json"
	"testing"
	"time"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
)

// BenchmarkDecodeDeployment decodes the golden Deployment from protobuf
// and from JSON into the same Go type, and reports how many times faster
// (or slower) this reflective protobuf decoder is than encoding/json.
func BenchmarkDecodeDeployment(b *testing.B) {
	_, raw, err := DecodeObject(readFile(b, "testdata/deployment.pb"))
	if err != nil {
		b.Fatal(err)
	}
	js := readFile(b, "testdata/deployment.json")
	decode := map[string]func() error{
		"protobuf": func() error { return Unmarshal(raw, &appsv1.Deployment{}) },
		"json":     func() error { return json.Unmarshal(js, &appsv1.Deployment{}) },
	}
	perOp := map[string]time.Duration{}
	for _, name := range []string{"protobuf", "json"} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			start := time.Now()
			for b.Loop() {
				if err := decode[name](); err != nil {
					b.Fatal(err)
				}
			}
			perOp[name] = time.Since(start) / time.Duration(b.N)
		})
	}
	if perOp["protobuf"] > 0 {
		b.Logf("json/protobuf decode time: %.2fx (%d bytes vs %d bytes)", float64(perOp["json"])/float64(perOp["protobuf"]), len(js), len(raw))
	}
}
