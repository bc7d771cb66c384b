// Generator for `kubectl run`: flags in, v1 Pod out.
//
// Interface:
//   - PodParams are the inputs of `kubectl run NAME --image=...`.
//   - GeneratePod builds the Pod as upstream's BasicPod generator does:
//     label run=NAME unless --labels is given, one container named NAME,
//     dnsPolicy ClusterFirst, restartPolicy Always unless --restart says
//     otherwise, the arguments after "--" as args (or as the command with
//     --command).
//   - ParseEnv and ParseLabels parse --env and --labels.
//
// Talk 002, "Ghost demo": `kubectl run ghost --image=ghost:0.9`. In 2019 that
// made a Deployment; since Kubernetes 1.18 run makes one Pod, and so does
// this one.

package kubectl

import (
	"fmt"
	"strings"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/validation"
)

// PodParams are the inputs of `kubectl run`.
type PodParams struct {
	Name  string
	Image string
	// Labels replace the default run=NAME label when not empty.
	Labels map[string]string
	Env    []corev1.EnvVar
	// Port is the containerPort; -1 means none.
	Port int32
	// RestartPolicy is Always, OnFailure or Never.
	RestartPolicy   corev1.RestartPolicy
	ImagePullPolicy corev1.PullPolicy
	ServiceAccount  string
	// Args are the words after "--"; with Command they replace the
	// image's entrypoint instead of its arguments.
	Args    []string
	Command bool
	Stdin   bool
	TTY     bool
	// Namespace is set only when -n was explicit (see DeploymentParams).
	Namespace string
}

// GeneratePod returns the Pod `kubectl run` sends.
func GeneratePod(p PodParams) *corev1.Pod {
	labels := p.Labels
	if len(labels) == 0 {
		labels = map[string]string{"run": p.Name}
	}
	restart := p.RestartPolicy
	if restart == "" {
		restart = corev1.RestartPolicyAlways
	}
	c := corev1.Container{
		Name:            p.Name,
		Image:           p.Image,
		Env:             p.Env,
		ImagePullPolicy: p.ImagePullPolicy,
		Stdin:           p.Stdin,
		StdinOnce:       p.Stdin,
		TTY:             p.TTY,
	}
	if len(p.Args) > 0 {
		if p.Command {
			c.Command = p.Args
		} else {
			c.Args = p.Args
		}
	}
	if p.Port >= 0 {
		c.Ports = []corev1.ContainerPort{{ContainerPort: p.Port}}
	}
	return &corev1.Pod{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"},
		ObjectMeta: metav1.ObjectMeta{Name: p.Name, Namespace: p.Namespace, Labels: labels},
		Spec: corev1.PodSpec{
			ServiceAccountName: p.ServiceAccount,
			Containers:         []corev1.Container{c},
			DNSPolicy:          corev1.DNSClusterFirst,
			RestartPolicy:      restart,
		},
	}
}

// ParseEnv parses --env values "NAME=value" into EnvVars, rejecting an
// entry without '=' or with an invalid variable name, as upstream does
// ("invalid env: X").
func ParseEnv(values []string) ([]corev1.EnvVar, error) {
	var envs []corev1.EnvVar
	for _, kv := range values {
		name, value, ok := strings.Cut(kv, "=")
		if !ok || !isEnvVarName(name) {
			return nil, fmt.Errorf("invalid env: %v", kv)
		}
		envs = append(envs, corev1.EnvVar{Name: name, Value: value})
	}
	return envs, nil
}

// isEnvVarName is the v1.37 rule for environment variable names (relaxed
// since v1.34): one or more printable ASCII characters other than '='.
func isEnvVarName(name string) bool {
	if name == "" {
		return false
	}
	for _, r := range name {
		if r < ' ' || r > '~' || r == '=' {
			return false
		}
	}
	return true
}

// ParseLabels parses "k1=v1,k2=v2" (the --labels and expose's --selector
// syntax) and checks each key and value against the label rules.
func ParseLabels(s string) (map[string]string, error) {
	labels := map[string]string{}
	if s == "" {
		return labels, nil
	}
	for _, pair := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(pair, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("invalid label spec: %v", pair)
		}
		if errs := validation.IsQualifiedName(k); len(errs) > 0 {
			return nil, fmt.Errorf("invalid label key %q: %s", k, strings.Join(errs, "; "))
		}
		if errs := validation.IsValidLabelValue(v); len(errs) > 0 {
			return nil, fmt.Errorf("invalid label value %q for key %q: %s", v, k, strings.Join(errs, "; "))
		}
		labels[k] = v
	}
	return labels, nil
}
