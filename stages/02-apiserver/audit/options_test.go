package audit

import (
	"bufio"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	auditv1 "github.com/kubeworkbook/kubeworkbook/shared/api/audit/v1"
)

// The flags build a backend writing to --audit-log-path with the policy
// of --audit-policy-file; close writes what is queued.
func TestNewFromOptions(t *testing.T) {
	dir := t.TempDir()
	policyFile := filepath.Join(dir, "policy.yaml")
	if err := os.WriteFile(policyFile, []byte(examplePolicy), 0o600); err != nil {
		t.Fatal(err)
	}
	logPath := filepath.Join(dir, "audit.log")
	opts := NewOptions()
	fs := pflag.NewFlagSet("kube-apiserver", pflag.ContinueOnError)
	opts.AddFlags(fs)
	if err := fs.Parse([]string{"--audit-log-path=" + logPath, "--audit-policy-file=" + policyFile}); err != nil {
		t.Fatal(err)
	}
	backend, policy, closeLog, err := NewFromOptions(opts)
	if err != nil {
		t.Fatal(err)
	}
	h := WithAudit(reply(http.StatusOK, `{"kind":"Pod"}`), backend, policy)
	h.ServeHTTP(httptest.NewRecorder(), request(t, http.MethodGet, "/healthz", "", &admin))                            // None
	h.ServeHTTP(httptest.NewRecorder(), request(t, http.MethodGet, "/api/v1/namespaces/default/pods/web", "", &admin)) // RequestResponse, RequestReceived omitted
	if err := closeLog(); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var events []auditv1.Event
	for sc := bufio.NewScanner(f); sc.Scan(); {
		var ev auditv1.Event
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			t.Fatal(err)
		}
		events = append(events, ev)
	}
	if len(events) != 1 || events[0].Stage != auditv1.StageResponseComplete || events[0].Level != auditv1.LevelRequestResponse || events[0].ResponseObject == nil {
		t.Errorf("events %+v, want the pod's ResponseComplete at RequestResponse only", events)
	}
}

// No --audit-log-path means no auditing; flags that cannot work are
// refused, naming the flag.
func TestNewFromOptionsErrors(t *testing.T) {
	backend, policy, closeLog, err := NewFromOptions(NewOptions())
	if err != nil || backend != nil || policy != nil || closeLog() != nil {
		t.Errorf("no log path: %v %v %v, want nothing", backend, policy, err)
	}
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"policy without log", Options{PolicyFile: "p.yaml", BufferSize: 1}, "--audit-policy-file needs --audit-log-path"},
		{"negative size", Options{LogPath: "-", MaxSizeMB: -1, BufferSize: 1}, "--audit-log-maxsize -1"},
		{"empty buffer", Options{LogPath: "-"}, "--audit-log-batch-buffer-size 0"},
		{"missing policy file", Options{LogPath: "-", PolicyFile: "/nonexistent/policy.yaml", BufferSize: 1}, "/nonexistent/policy.yaml"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, _, err := NewFromOptions(&tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}
