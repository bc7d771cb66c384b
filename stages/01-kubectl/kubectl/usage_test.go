package kubectl

import (
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/testserver"
)

// Talk 000, "Client side validation": arguments are checked first, and
// the messages are upstream kubectl v1.37's, footer included: a flag
// that does not parse points at --help, a wrong argument at -h, and
// some errors carry no footer at all.
func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown flag", []string{"get", "pods", "--bogus"},
			"error: unknown flag: --bogus\nSee 'kubectl get --help' for usage."},
		{"int32 flag out of range", []string{"create", "deployment", "x", "--image=nginx", "--replicas=99999999999"},
			`error: invalid argument "99999999999" for "-r, --replicas" flag: strconv.ParseInt: parsing "99999999999": value out of range` + "\nSee 'kubectl create deployment --help' for usage."},
		{"bare create", []string{"create"}, "error: must specify one of -f and -k"},
		{"bare apply", []string{"apply"}, "error: must specify one of -f and -k"},
		{"unexpected argument", []string{"create", "-f", "x.yaml", "extra"},
			"error: Unexpected args: [extra]\nSee 'kubectl create -h' for help and examples"},
		{"logs without a pod", []string{"logs"},
			"error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples"},
		{"run without --image", []string{"run", "x"}, `error: required flag(s) "image" not set`},
		{"run with a bad restart policy", []string{"run", "x", "--image=nginx", "--restart=Bad"},
			"error: invalid restart policy: Bad, valid values are: Always, OnFailure, Never"},
		{"scale without --replicas", []string{"scale", "deploy", "x"}, `error: required flag(s) "replicas" not set`},
		{"scale to a negative count", []string{"scale", "deploy", "x", "--replicas=-2"},
			"error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0"},
		{"scale beyond int32", []string{"scale", "deploy", "x", "--replicas=99999999999"},
			`error: invalid argument "99999999999" for "--replicas" flag: strconv.ParseInt: parsing "99999999999": value out of range` + "\nSee 'kubectl scale --help' for usage."},
		{"dry-run value", []string{"create", "deployment", "x", "--image=nginx", "--dry-run=bogus"},
			`error: Invalid dry-run value (bogus). Must be "none", "server", or "client".`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := kubectlRun(t, "", append([]string{"--kubeconfig=/nonexistent"}, tc.args...)...)
			if r.message() != tc.want {
				t.Errorf("error:\n%s\nwant:\n%s", r.message(), tc.want)
			}
		})
	}
}

// A container that the pod does not have is named with the ones it has,
// app containers first and init containers marked, as upstream does; so
// is the container logs picks when the pod has several.
func TestLogsContainerChoice(t *testing.T) {
	p := pod("web", nil)
	p.Spec.Containers = append(p.Spec.Containers, corev1.Container{Name: "sidecar", Image: "busybox"})
	p.Spec.InitContainers = []corev1.Container{{Name: "setup", Image: "busybox"}}
	c := newCluster(t, testserver.WithObjects(p))
	r := c.run(t, "logs", "web", "-c", "nope")
	if want := "error: container nope is not valid for pod web out of: ghost, sidecar, setup (init)"; r.message() != want {
		t.Errorf("error %q, want %q", r.message(), want)
	}
	r = c.run(t, "logs", "web")
	mustSucceed(t, r)
	if want := `Defaulted container "ghost" out of: ghost, sidecar, setup (init)` + "\n"; r.errOut != want {
		t.Errorf("stderr %q, want %q", r.errOut, want)
	}
}
