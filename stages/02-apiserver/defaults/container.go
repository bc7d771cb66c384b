// Container defaults: what the server fills in for each container of a
// pod or pod template.
//
// Interface:
//   - Container(c) applies everything upstream applies to one container
//     (SetDefaults_Container plus the generated defaults of its ports,
//     env, resources, probes and lifecycle hooks).
//   - ImagePullPolicy(image) is the pull policy an unset imagePullPolicy
//     gets: Always for ":latest" or an untagged image, IfNotPresent
//     otherwise.
//   - Probe(p) and HTTPGetAction(a) default a probe's timing and an HTTP
//     check's path and scheme.
//
// The pod around the containers is pod.go; volumes are volume.go.

package defaults

import (
	// The image parser checks digests with crypto.SHA256, which must be
	// linked in; the digest package leaves that to its users.
	_ "crypto/sha256"

	"github.com/distribution/reference"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
)

// Probe timing defaults (upstream SetDefaults_Probe).
const (
	DefaultProbeTimeoutSeconds   = 1
	DefaultProbePeriodSeconds    = 10
	DefaultProbeSuccessThreshold = 1
	DefaultProbeFailureThreshold = 3
)

// defaultImageTag is the tag an image reference without tag or digest
// means (upstream pkg/util/parsers.DefaultImageTag).
const defaultImageTag = "latest"

// Container fills in c's unset fields: imagePullPolicy from the image's
// tag, terminationMessagePath /dev/termination-log, terminationMessagePolicy
// File, protocol TCP on every port, apiVersion v1 on env fieldRefs,
// resource amounts rounded up to whole millis, and probe and hook
// defaults. Upstream: SetDefaults_Container plus the loop bodies of the
// generated SetObjectDefaults_Pod.
func Container(c *corev1.Container) {
	if c.ImagePullPolicy == "" {
		c.ImagePullPolicy = ImagePullPolicy(c.Image)
	}
	if c.TerminationMessagePath == "" {
		c.TerminationMessagePath = corev1.TerminationMessagePathDefault
	}
	if c.TerminationMessagePolicy == "" {
		c.TerminationMessagePolicy = corev1.TerminationMessageReadFile
	}
	for i := range c.Ports {
		// Declarative upstream: +default="TCP" on ContainerPort.Protocol.
		if c.Ports[i].Protocol == "" {
			c.Ports[i].Protocol = corev1.ProtocolTCP
		}
	}
	for i := range c.Env {
		if vf := c.Env[i].ValueFrom; vf != nil && vf.FieldRef != nil {
			ObjectFieldSelector(vf.FieldRef)
		}
	}
	ResourceList(c.Resources.Limits)
	ResourceList(c.Resources.Requests)
	for _, p := range []*corev1.Probe{c.LivenessProbe, c.ReadinessProbe, c.StartupProbe} {
		if p != nil {
			Probe(p)
		}
	}
	if c.Lifecycle != nil {
		for _, h := range []*corev1.LifecycleHandler{c.Lifecycle.PostStart, c.Lifecycle.PreStop} {
			if h != nil && h.HTTPGet != nil {
				HTTPGetAction(h.HTTPGet)
			}
		}
	}
}

// ImagePullPolicy returns the pull policy upstream gives a container whose
// imagePullPolicy is unset: Always when the image's tag is "latest",
// written or implied (no tag and no digest), and IfNotPresent otherwise -
// a fixed tag or a digest names content that does not change, so a copy
// on the node is good enough. A reference that does not parse has no tag
// and gets IfNotPresent, as upstream, which ignores the parse error and
// leaves the image to validation.
func ImagePullPolicy(image string) corev1.PullPolicy {
	if imageTag(image) == defaultImageTag {
		return corev1.PullAlways
	}
	return corev1.PullIfNotPresent
}

// imageTag returns the tag of an image reference, "latest" when it has
// neither tag nor digest, and "" when it has only a digest or does not
// parse (upstream pkg/util/parsers.ParseImageName). Parsing is the Docker
// reference grammar with short names normalized, so "nginx" and
// "localhost:5000/app" are valid and untagged.
func imageTag(image string) string {
	named, err := reference.ParseNormalizedNamed(image)
	if err != nil {
		return ""
	}
	var tag string
	if t, ok := named.(reference.Tagged); ok {
		tag = t.Tag()
	}
	_, digested := named.(reference.Digested)
	if tag == "" && !digested {
		return defaultImageTag
	}
	return tag
}

// Probe fills in a probe's zero timing fields - timeoutSeconds 1,
// periodSeconds 10, successThreshold 1, failureThreshold 3 - and the
// defaults of its handler (upstream SetDefaults_Probe, then the generated
// defaults of HTTPGet and GRPC). Zero is not a valid value for any of the
// four, so "zero" and "unset" mean the same here.
func Probe(p *corev1.Probe) {
	if p.TimeoutSeconds == 0 {
		p.TimeoutSeconds = DefaultProbeTimeoutSeconds
	}
	if p.PeriodSeconds == 0 {
		p.PeriodSeconds = DefaultProbePeriodSeconds
	}
	if p.SuccessThreshold == 0 {
		p.SuccessThreshold = DefaultProbeSuccessThreshold
	}
	if p.FailureThreshold == 0 {
		p.FailureThreshold = DefaultProbeFailureThreshold
	}
	if p.HTTPGet != nil {
		HTTPGetAction(p.HTTPGet)
	}
	// Declarative upstream: +default="" on GRPCAction.Service, so the
	// health request names the server's overall health.
	if p.GRPC != nil && p.GRPC.Service == nil {
		p.GRPC.Service = ptr("")
	}
}

// HTTPGetAction fills in an HTTP check's path "/" and scheme HTTP
// (upstream SetDefaults_HTTPGetAction).
func HTTPGetAction(a *corev1.HTTPGetAction) {
	if a.Path == "" {
		a.Path = "/"
	}
	if a.Scheme == "" {
		a.Scheme = corev1.URISchemeHTTP
	}
}

// ObjectFieldSelector fills in apiVersion "v1", the version a downward-API
// field path is written against (upstream SetDefaults_ObjectFieldSelector).
func ObjectFieldSelector(s *corev1.ObjectFieldSelector) {
	if s.APIVersion == "" {
		s.APIVersion = "v1"
	}
}
