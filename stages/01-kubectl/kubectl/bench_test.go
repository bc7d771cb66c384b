package kubectl

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/testserver"
)

// BenchmarkGet measures `kubectl get deployments` against the test server
// with a cold discovery cache (a new cache directory: discovery requests
// first) and a warm one (the list request alone). Talk 000, "API discovery":
// the cache is why the second command is cheaper.
//
// Each iteration runs one cold and one warm command, so the warm run is the
// baseline measured in the same process, and the result is printed as a
// ratio (cold/warm) besides the time and requests of each.
func BenchmarkGet(b *testing.B) {
	srv := testserver.Start(b, testserver.WithObjects(ghost()))
	kubeconfig := srv.Kubeconfig(b)
	run := func(b *testing.B, cacheDir string) (time.Duration, int) {
		var out bytes.Buffer
		cmd := NewKubectlCommand(IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: io.Discard})
		cmd.SetArgs([]string{"--kubeconfig", kubeconfig, "--cache-dir", cacheDir, "get", "deployments"})
		srv.ResetRequests()
		start := time.Now()
		if err := cmd.ExecuteContext(context.Background()); err != nil {
			b.Fatal(ErrorMessage(err))
		}
		return time.Since(start), len(srv.Requests())
	}
	warmDir := b.TempDir()
	run(b, warmDir)
	var coldTime, warmTime time.Duration
	var coldRequests, warmRequests int
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		coldDir := b.TempDir()
		b.StartTimer()
		d, n := run(b, coldDir)
		coldTime, coldRequests = coldTime+d, coldRequests+n
		d, n = run(b, warmDir)
		warmTime, warmRequests = warmTime+d, warmRequests+n
	}
	b.StopTimer()
	perOp := func(v float64) float64 { return v / float64(b.N) }
	b.ReportMetric(perOp(float64(coldTime.Microseconds())), "cold-µs/cmd")
	b.ReportMetric(perOp(float64(warmTime.Microseconds())), "warm-µs/cmd")
	b.ReportMetric(perOp(float64(coldRequests)), "cold-requests/cmd")
	b.ReportMetric(perOp(float64(warmRequests)), "warm-requests/cmd")
	b.ReportMetric(float64(coldTime)/float64(warmTime), "cold/warm-time")
}
