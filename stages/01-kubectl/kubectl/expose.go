// `kubectl expose`: a Service in front of the pods an object selects.
//
// Interface:
//   - NewCmdExpose(env): `kubectl expose (-f FILENAME | TYPE NAME)
//     [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name]
//     [--name=name] [--type=type] [--selector=...] [--labels=...]`.
//
// The object is read from the server (or a file) to find what the Service
// needs but was not told: its selector, its ports and their protocols, its
// labels (generate_service.go); then the Service goes through the shared
// write path, answered with "service/ghost exposed". Talk 002, "Ghost
// demo": `kubectl expose deployment ghost --port=2368 --type=NodePort`.

package kubectl

import (
	"errors"
	"strconv"

	"github.com/spf13/cobra"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
	"github.com/kubeworkbook/kubeworkbook/shared/validation"
)

// exposeOptions are the flags of expose.
type exposeOptions struct {
	write           *writeOptions
	files           FilenameOptions
	port            string
	protocol        string
	targetPort      string
	name            string
	serviceType     string
	selector        string
	labels          string
	clusterIP       string
	externalIP      string
	loadBalancerIP  string
	sessionAffinity string
}

// NewCmdExpose returns `kubectl expose`.
func NewCmdExpose(env *Env) *cobra.Command {
	o := &exposeOptions{write: newWriteOptions("exposed", "kubectl-expose")}
	cmd := &cobra.Command{
		Use:                   "expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type]",
		DisableFlagsInUseLine: true,
		Short:                 "Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service",
		Example: "  # Create a service for a ghost deployment, which serves on port 2368, reachable on every node\n  kubectl expose deployment ghost --port=2368 --type=NodePort\n\n" +
			"  # Create a service for an nginx deployment, which serves on port 80 and connects to the containers on port 8000\n  kubectl expose deployment nginx --port=80 --target-port=8000",
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd, env, args)
		},
	}
	o.write.addFlags(cmd)
	o.files.AddFilenameFlags(cmd.Flags(), "Filename, directory, or URL to files identifying the resource to expose a service")
	f := cmd.Flags()
	f.StringVar(&o.port, "port", "", "The port that the service should serve on. Copied from the resource being exposed, if unspecified")
	f.StringVar(&o.protocol, "protocol", "", "The network protocol for the service to be created. Default is 'TCP'.")
	f.StringVar(&o.targetPort, "target-port", "", "Name or number for the port on the container that the service should direct traffic to. Optional.")
	f.StringVar(&o.name, "name", "", "The name for the newly created object.")
	f.StringVar(&o.serviceType, "type", "", "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'.")
	f.StringVar(&o.selector, "selector", "", "A label selector to use for this service. Only equality-based selector requirements are supported. If empty (the default) infer the selector from the replication controller or replica set.)")
	f.StringVarP(&o.labels, "labels", "l", "", "Labels to apply to the service created by this call.")
	f.StringVar(&o.clusterIP, "cluster-ip", "", "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service.")
	f.StringVar(&o.externalIP, "external-ip", "", "Additional external IP address (not managed by Kubernetes) to accept for the service. If this IP is routed to a node, the service can be accessed by this IP in addition to its generated service IP.")
	f.StringVar(&o.loadBalancerIP, "load-balancer-ip", "", "IP to assign to the LoadBalancer. If empty, an ephemeral IP will be created and used (cloud-provider specific).")
	f.StringVar(&o.sessionAffinity, "session-affinity", "", "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'")
	return cmd
}

func (o *exposeOptions) run(cmd *cobra.Command, env *Env, args []string) error {
	if err := o.write.complete(); err != nil {
		return err
	}
	if o.sessionAffinity != "" && o.sessionAffinity != string(corev1.ServiceAffinityNone) && o.sessionAffinity != string(corev1.ServiceAffinityClientIP) {
		return errors.New("unknown session affinity: " + o.sessionAffinity)
	}
	objects, err := o.exposedObjects(cmd, env, args)
	if err != nil {
		return err
	}
	var errs []error
	for _, obj := range objects {
		errs = append(errs, o.exposeOne(cmd, env, obj))
	}
	return errors.Join(errs...)
}

// exposedObjects reads the objects to expose: from -f, or from the server.
func (o *exposeOptions) exposedObjects(cmd *cobra.Command, env *Env, args []string) ([]map[string]any, error) {
	ctx := cmd.Context()
	if len(o.files.Filenames) > 0 {
		manifests, err := env.readManifests(o.files, "expose")
		if err != nil {
			return nil, err
		}
		var out []map[string]any
		for _, m := range manifests {
			out = append(out, m.obj)
		}
		return out, nil
	}
	if len(args) == 0 {
		return nil, errors.New("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'")
	}
	targets, err := env.resourceTargets(ctx, args)
	if err != nil {
		return nil, err
	}
	ns, _, err := env.Namespace()
	if err != nil {
		return nil, err
	}
	oc, err := env.objects()
	if err != nil {
		return nil, err
	}
	var out []map[string]any
	for _, t := range targets {
		if len(t.names) == 0 {
			return nil, errors.New("resource(s) were provided, but no name was specified")
		}
		for _, name := range t.names {
			obj, err := oc.get(ctx, t.mapping, ns, name)
			if err != nil {
				return nil, err
			}
			out = append(out, obj)
		}
	}
	return out, nil
}

// exposeOne builds and sends the Service for one object.
func (o *exposeOptions) exposeOne(cmd *cobra.Command, env *Env, obj map[string]any) error {
	gk := metav1.FromAPIVersionAndKind(unstructured.APIVersion(obj), unstructured.Kind(obj)).GroupKind()
	if err := CanBeExposed(gk); err != nil {
		return err
	}
	p := ServiceParams{
		Name:            o.name,
		Protocol:        corev1.Protocol(o.protocol),
		TargetPort:      o.targetPort,
		Type:            corev1.ServiceType(o.serviceType),
		ClusterIP:       o.clusterIP,
		ExternalIP:      o.externalIP,
		LoadBalancerIP:  o.loadBalancerIP,
		SessionAffinity: corev1.ServiceAffinity(o.sessionAffinity),
		Namespace:       env.explicitNamespace(),
	}
	if p.Name == "" {
		p.Name = unstructured.Name(obj)
		if len(p.Name) > validation.DNS1035LabelMaxLength {
			p.Name = p.Name[:validation.DNS1035LabelMaxLength]
		}
	}
	var err error
	if o.selector != "" {
		p.Selector, err = ParseLabels(o.selector)
	} else {
		p.Selector, err = SelectorForObject(obj)
	}
	if err != nil {
		return usageError(cmd, "couldn't retrieve selectors via --selector flag or introspection: %v", err)
	}
	if o.port != "" {
		port, err := strconv.ParseInt(o.port, 10, 32)
		if err != nil {
			return usageError(cmd, "invalid --port %q: %v", o.port, err)
		}
		p.Ports = []int32{int32(port)}
	} else {
		p.Ports = PortsForObject(obj)
		if len(p.Ports) == 0 && o.clusterIP != "None" {
			return usageError(cmd, "couldn't find port via --port flag or introspection")
		}
	}
	p.Protocols = ProtocolsForObject(obj)
	if o.labels != "" {
		p.Labels, err = ParseLabels(o.labels)
	} else {
		p.Labels = unstructured.Labels(obj)
	}
	if err != nil {
		return err
	}
	return o.write.createGenerated(cmd.Context(), env, GenerateService(p))
}
