// `kubectl run`: start one pod from an image.
//
// Interface:
//   - NewCmdRun(env): `kubectl run NAME --image=image [--env="key=value"]
//     [--port=port] [--labels=k=v,...] [--restart=Always|OnFailure|Never]
//     [--expose] [--dry-run=server|client] [--command] -- [COMMAND]
//     [args...]`, building the Pod with GeneratePod (generate_pod.go)
//     and, with --expose, a Service in front of it.
//
// Talk 002, "Ghost demo": `kubectl run ghost --image=ghost:0.9`, answered
// with "pod/ghost created".

package kubectl

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/schema"
)

// runOptions are the flags of run.
type runOptions struct {
	write           *writeOptions
	image           string
	port            string
	labels          string
	env             []string
	restart         string
	command         bool
	imagePullPolicy string
	serviceAccount  string
	expose          bool
}

// NewCmdRun returns `kubectl run`.
func NewCmdRun(env *Env) *cobra.Command {
	o := &runOptions{write: newWriteOptions("created", "kubectl-run")}
	cmd := &cobra.Command{
		Use:                   "run NAME --image=image [--env=\"key=value\"] [--port=port] [--dry-run=server|client] [--command] -- [COMMAND] [args...]",
		DisableFlagsInUseLine: true,
		Short:                 "Run a particular image on the cluster",
		Example: "  # Start a ghost pod\n  kubectl run ghost --image=ghost:0.9\n\n" +
			"  # Start a hazelcast pod and let the container expose port 5701\n  kubectl run hazelcast --image=hazelcast/hazelcast --port=5701\n\n" +
			"  # Start a busybox pod with a custom command\n  kubectl run busybox --image=busybox --command -- sleep 3600",
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd, env, args)
		},
	}
	o.write.addFlags(cmd)
	f := cmd.Flags()
	f.StringVar(&o.image, "image", "", "The image for the container to run.")
	_ = cmd.MarkFlagRequired("image")
	f.StringVar(&o.port, "port", "", "The port that this container exposes.")
	f.StringVarP(&o.labels, "labels", "l", "", "Comma separated labels to apply to the pod. Will override previous values.")
	f.StringArrayVar(&o.env, "env", nil, "Environment variables to set in the container.")
	f.StringVar(&o.restart, "restart", "Always", "The restart policy for this Pod.  Legal values [Always, OnFailure, Never].")
	f.BoolVar(&o.command, "command", false, "If true and extra arguments are present, use them as the 'command' field in the container, rather than the 'args' field which is the default.")
	f.StringVar(&o.imagePullPolicy, "image-pull-policy", "", "The image pull policy for the container.  If left empty, this value will not be specified by the client and defaulted by the server.")
	f.StringVar(&o.serviceAccount, "serviceaccount", "", "Service account to set in the pod spec.")
	f.BoolVar(&o.expose, "expose", false, "If true, create a ClusterIP service associated with the pod.  Requires `--port`.")
	return cmd
}

// params checks the flags and turns them into PodParams, with upstream's
// messages, before anything is sent.
func (o *runOptions) params(cmd *cobra.Command, env *Env, args []string) (PodParams, error) {
	name, err := nameArg(cmd, args)
	if err != nil {
		return PodParams{}, errors.New("NAME is required for run")
	}
	if o.image == "" {
		return PodParams{}, errors.New("--image is required")
	}
	p := PodParams{Name: name, Image: o.image, Port: -1, ServiceAccount: o.serviceAccount, Command: o.command, Namespace: env.explicitNamespace()}
	if dash := cmd.ArgsLenAtDash(); dash >= 0 {
		p.Args = args[dash:]
	}
	switch policy := corev1.RestartPolicy(o.restart); policy {
	case corev1.RestartPolicyAlways, corev1.RestartPolicyOnFailure, corev1.RestartPolicyNever:
		p.RestartPolicy = policy
	default:
		return PodParams{}, fmt.Errorf("invalid restart policy: %s, valid values are: Always, OnFailure, Never", o.restart)
	}
	switch policy := corev1.PullPolicy(o.imagePullPolicy); policy {
	case "", corev1.PullAlways, corev1.PullIfNotPresent, corev1.PullNever:
		p.ImagePullPolicy = policy
	default:
		return PodParams{}, fmt.Errorf("invalid image pull policy: %s, valid values are: Always, IfNotPresent, Never", o.imagePullPolicy)
	}
	if o.port != "" {
		port, err := strconv.ParseInt(o.port, 10, 32)
		if err != nil || port < 1 || port > 65535 {
			return PodParams{}, fmt.Errorf("invalid port %q: must be a number between 1 and 65535", o.port)
		}
		p.Port = int32(port)
	}
	if o.expose && p.Port < 0 {
		return PodParams{}, errors.New("--port must be set when exposing a service")
	}
	if p.Labels, err = ParseLabels(o.labels); err != nil {
		return PodParams{}, err
	}
	if p.Env, err = ParseEnv(o.env); err != nil {
		return PodParams{}, err
	}
	return p, nil
}

func (o *runOptions) run(cmd *cobra.Command, env *Env, args []string) error {
	p, err := o.params(cmd, env, args)
	if err != nil {
		return err
	}
	if err := o.write.complete(); err != nil {
		return err
	}
	o.write.flags = fieldFlags{
		"spec.containers[*].image":                  "--image",
		"spec.containers[*].ports[*].containerPort": "--port",
		"spec.ports[*].port":                        "--port",
	}
	if o.write.directive != schema.Ignore {
		head := map[string]any{"kind": "Pod", "metadata": map[string]any{"name": p.Name}}
		if err := validateImages(head, []string{p.Image}, func(int) *field.Path {
			return field.NewPath("spec", "containers").Index(0).Child("image")
		}, o.write.flags); err != nil {
			return err
		}
	}
	// The pod first, then its service, in upstream's order.
	pod := GeneratePod(p)
	if err := o.write.createGenerated(cmd.Context(), env, pod); err != nil || !o.expose {
		return err
	}
	return o.write.createGenerated(cmd.Context(), env, GenerateService(ServiceParams{
		Name:      p.Name,
		Selector:  pod.Labels,
		Ports:     []int32{p.Port},
		Namespace: p.Namespace,
	}))
}
