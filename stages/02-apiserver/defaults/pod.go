// Pod defaults: the pod spec tree, and the few defaults only a real Pod
// gets.
//
// Interface:
//   - Pod(p) defaults a Pod: the pod-only defaults below, then its spec.
//   - PodTemplateSpec(t) defaults the pod template inside a Deployment,
//     ReplicaSet or Job: the spec only.
//   - PodSpec(s) defaults a spec and everything in it: its own five
//     fields, volumes (volume.go), containers (container.go), overhead.
//
// Why two levels: upstream keeps pod-only defaults (enableServiceLinks,
// requests copied from limits, host ports under hostNetwork) out of
// templates on purpose. A default added to every template would change
// the template of every existing Deployment after an upgrade, and with
// it the pod-template-hash, rolling out every Deployment in the cluster
// (kubernetes issue 69445). So a Deployment's stored template has no
// enableServiceLinks, while the pods made from it do.

package defaults

import corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"

// Pod fills in p's unset fields (upstream SetObjectDefaults_Pod):
//
//   - pod only (SetDefaults_Pod): a container with limits but no request
//     for a resource gets the limit as its request; enableServiceLinks
//     true; with hostNetwork, every container port's hostPort is its
//     containerPort;
//   - then PodSpec.
//
// Not here, because upstream does it elsewhere: status.phase Pending and
// the QoS class (the pod strategy, on create), serviceAccountName and
// priority (admission), pod-level resources (the PodLevelResources
// defaults of spec.resources, which this stage leaves out: a pod-level
// limit without a request stays as the client sent it).
func Pod(p *corev1.Pod) {
	for i := range p.Spec.Containers {
		requestsFromLimits(&p.Spec.Containers[i].Resources)
	}
	for i := range p.Spec.InitContainers {
		requestsFromLimits(&p.Spec.InitContainers[i].Resources)
	}
	if p.Spec.EnableServiceLinks == nil {
		p.Spec.EnableServiceLinks = ptr(true)
	}
	if p.Spec.HostNetwork {
		hostPortsFromContainerPorts(p.Spec.Containers)
		hostPortsFromContainerPorts(p.Spec.InitContainers)
	}
	PodSpec(&p.Spec)
}

// PodTemplateSpec fills in the unset fields of a workload's pod template
// (upstream: the template part of SetObjectDefaults_Deployment,
// _ReplicaSet, _Job). Only the spec is defaulted; the template's metadata
// is the user's.
func PodTemplateSpec(t *corev1.PodTemplateSpec) {
	PodSpec(&t.Spec)
}

// PodSpec fills in a pod spec's unset fields: restartPolicy Always,
// dnsPolicy ClusterFirst, an empty securityContext,
// terminationGracePeriodSeconds 30, schedulerName default-scheduler
// (upstream SetDefaults_PodSpec), then the defaults of every volume,
// init container and container, and rounds the overhead.
//
// A Job template must name its restartPolicy (OnFailure or Never);
// defaulting it to Always here is what makes validation reject a Job
// that names none, as upstream does.
func PodSpec(s *corev1.PodSpec) {
	if s.DNSPolicy == "" {
		s.DNSPolicy = corev1.DNSClusterFirst
	}
	if s.RestartPolicy == "" {
		s.RestartPolicy = corev1.RestartPolicyAlways
	}
	if s.SecurityContext == nil {
		s.SecurityContext = &corev1.PodSecurityContext{}
	}
	if s.TerminationGracePeriodSeconds == nil {
		s.TerminationGracePeriodSeconds = ptr(int64(corev1.DefaultTerminationGracePeriodSeconds))
	}
	if s.SchedulerName == "" {
		s.SchedulerName = corev1.DefaultSchedulerName
	}
	for i := range s.Volumes {
		Volume(&s.Volumes[i])
	}
	for i := range s.InitContainers {
		Container(&s.InitContainers[i])
	}
	for i := range s.Containers {
		Container(&s.Containers[i])
	}
	ResourceList(s.Overhead)
}

// hostPortsFromContainerPorts sets each port's hostPort to its
// containerPort where unset: with hostNetwork the container listens on
// the node's own interfaces, so the two are the same port and the
// scheduler must see it as taken on the node (upstream
// defaultHostNetworkPorts).
func hostPortsFromContainerPorts(containers []corev1.Container) {
	for i := range containers {
		for j := range containers[i].Ports {
			port := &containers[i].Ports[j]
			if port.HostPort == 0 {
				port.HostPort = port.ContainerPort
			}
		}
	}
}
