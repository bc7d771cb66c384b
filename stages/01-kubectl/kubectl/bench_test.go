package kubectl

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/testserver"
)

// BenchmarkGet measures `kubectl get deployments` against the test server
// with a cold discovery cache (a new cache directory each time: discovery
// requests first) and a warm one (the list request alone). Talk 000, "API
// discovery": the cache is why the second command is cheaper.
func BenchmarkGet(b *testing.B) {
	srv := testserver.Start(b, testserver.WithObjects(ghost()))
	kubeconfig := srv.Kubeconfig(b)
	run := func(b *testing.B, cacheDir string) {
		var out bytes.Buffer
		cmd := NewKubectlCommand(IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: io.Discard})
		cmd.SetArgs([]string{"--kubeconfig", kubeconfig, "--cache-dir", cacheDir, "get", "deployments"})
		if err := cmd.ExecuteContext(context.Background()); err != nil {
			b.Fatal(ErrorMessage(err))
		}
	}
	for _, tc := range []struct {
		name string
		warm bool
	}{{"cold-cache", false}, {"warm-cache", true}} {
		b.Run(tc.name, func(b *testing.B) {
			warmDir := b.TempDir()
			run(b, warmDir)
			srv.ResetRequests()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				dir := warmDir
				if !tc.warm {
					b.StopTimer()
					dir = b.TempDir()
					b.StartTimer()
				}
				run(b, dir)
			}
			b.StopTimer()
			b.ReportMetric(float64(len(srv.Requests()))/float64(b.N), "requests/op")
		})
	}
}
