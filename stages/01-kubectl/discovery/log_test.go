package discovery_test

import (
	"bytes"
	"context"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"k8s.io/klog/v2"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/discovery"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/testserver"
)

// captureKlog sends klog output at verbosity v to a buffer until the test
// ends.
func captureKlog(t *testing.T, v string) *bytes.Buffer {
	t.Helper()
	fs := flag.NewFlagSet("klog", flag.ContinueOnError)
	klog.InitFlags(fs)
	var buf bytes.Buffer
	for name, value := range map[string]string{"v": v, "logtostderr": "false", "alsologtostderr": "false", "stderrthreshold": "FATAL"} {
		if err := fs.Set(name, value); err != nil {
			t.Fatal(err)
		}
	}
	klog.SetOutput(&buf)
	t.Cleanup(func() {
		klog.Flush()
		fs.Set("v", "0")
		fs.Set("logtostderr", "true")
	})
	return &buf
}

// Issue "Request logs like the talk": -v 10 shows "Returning cached
// discovery info" for each cache hit, with the file (talk 000, "API
// discovery", kubectl get pods -v 10).
func TestCacheHitLoggedAtV10(t *testing.T) {
	srv := testserver.Start(t)
	root := t.TempDir()
	ctx := context.Background()
	if _, err := discovery.NewMapper(newClient(t, srv, root)).ResourceFor(ctx, "pods"); err != nil {
		t.Fatal(err)
	}

	buf := captureKlog(t, "10")
	if _, err := discovery.NewMapper(newClient(t, srv, root)).ResourceFor(ctx, "pods"); err != nil {
		t.Fatal(err)
	}
	klog.Flush()
	want := `"Returning cached discovery info" fileName="` + filepath.Join(serverDir(srv, root), "servergroups.json") + `"`
	if !strings.Contains(buf.String(), want) {
		t.Errorf("log lacks %s\nlog:\n%s", want, buf.String())
	}
}
