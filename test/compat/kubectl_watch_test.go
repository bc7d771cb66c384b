package compat

// `kubectl get -w` against our server: the upstream kubectl lists, then
// watches from the list's resourceVersion and prints one row per event.
//
// Interface: tests only.

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Talk 001, "informers", seen from the command line: a change made by
// another client reaches a running `kubectl get -w` as an event.
func TestUpstreamKubectlGetWatch(t *testing.T) {
	s := startAPIServer(t)
	cs := s.clientset(t)
	mustKubectl(t, s, "apply", "-f", "testdata/web-deployment.yaml")

	// A hard bound on the watch: kubectl is killed after 30s at the latest.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, upstreamKubectl(t), "get", "deployments", "-w", "--output-watch-events")
	cmd.Env = []string{"HOME=" + s.home, "KUBECONFIG=" + s.kubeconfig, "PATH=" + os.Getenv("PATH")}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start kubectl get -w: %v", err)
	}
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill() // our own child, by its PID
		for range lines {      // let the reader finish before Wait closes the pipe
		}
		_ = cmd.Wait()
		if stderr.Len() > 0 {
			t.Errorf("kubectl get -w wrote to stderr:\n%s", stderr.String())
		}
	})

	// next returns the next printed line, parsed against the header.
	var header string
	next := func(t *testing.T) map[string]string {
		t.Helper()
		select {
		case line, ok := <-lines:
			if !ok {
				t.Fatalf("kubectl get -w ended early; stderr: %s", stderr.String())
			}
			tb := parseTable(t, header+"\n"+line+"\n")
			return tb.rows[0]
		case <-ctx.Done():
			t.Fatalf("no line from kubectl get -w: %v", ctx.Err())
		}
		return nil
	}
	select {
	case header = <-lines:
	case <-ctx.Done():
		t.Fatal("kubectl get -w printed no header")
	}
	wantHeader := "EVENT NAME READY UP-TO-DATE AVAILABLE AGE"
	if got := strings.Join(tableHeader(t, header), " "); got != wantHeader {
		t.Errorf("header = %q, want %q", got, wantHeader)
	}

	// The rows run in order; the first is the list, the others the watch.
	for _, tc := range []struct {
		name      string
		write     func() error
		wantEvent string
		wantReady string
	}{
		{"initial list", func() error { return nil }, "ADDED", "0/2"},
		{"scaled by another client", func() error {
			sc, err := cs.AppsV1().Deployments("default").GetScale(ctx, "web", metav1.GetOptions{})
			if err != nil {
				return err
			}
			sc.Spec.Replicas = 4
			_, err = cs.AppsV1().Deployments("default").UpdateScale(ctx, "web", sc, metav1.UpdateOptions{})
			return err
		}, "MODIFIED", "0/4"},
		{"deleted by another client", func() error {
			return cs.AppsV1().Deployments("default").Delete(ctx, "web", metav1.DeleteOptions{})
		}, "DELETED", "0/4"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.write(); err != nil {
				t.Fatal(err)
			}
			row := next(t)
			if row["EVENT"] != tc.wantEvent || row["NAME"] != "web" || row["READY"] != tc.wantReady {
				t.Errorf("row = %v, want %s web %s", row, tc.wantEvent, tc.wantReady)
			}
		})
	}
}
