// Probes and lifecycle hooks: how the kubelet checks and nudges a
// running container.
//
// Interface:
//   - Probe: a ProbeHandler (exec, httpGet, tcpSocket or grpc) plus its
//     timing (initial delay, period, timeout, thresholds).
//   - Lifecycle: postStart and preStop, each a LifecycleHandler (exec,
//     httpGet, sleep; tcpSocket is accepted but never run).
//
// A liveness failure restarts the container; a readiness failure takes the
// pod out of its Services' endpoints; a startup probe holds the other two
// off until the application is up. The kubelet's prober (stage 5) runs
// them; talk 001 passes lifecycle hooks from the pod spec to the runtime.
package corev1

import "github.com/kubeworkbook/kubeworkbook/shared/api/intstr"

// Probe describes one health check and how often it runs. Zero timing
// fields mean the defaults: period 10s, timeout 1s, success 1, failure 3.
type Probe struct {
	ProbeHandler        `json:",inline"`
	InitialDelaySeconds int32 `json:"initialDelaySeconds,omitempty"`
	TimeoutSeconds      int32 `json:"timeoutSeconds,omitempty"`
	PeriodSeconds       int32 `json:"periodSeconds,omitempty"`
	// SuccessThreshold must be 1 for liveness and startup probes.
	SuccessThreshold int32 `json:"successThreshold,omitempty"`
	FailureThreshold int32 `json:"failureThreshold,omitempty"`
	// TerminationGracePeriodSeconds overrides the pod's grace period when
	// this probe's failure kills the container.
	TerminationGracePeriodSeconds *int64 `json:"terminationGracePeriodSeconds,omitempty"`
}

// ProbeHandler is the check a probe runs. Exactly one field must be set.
type ProbeHandler struct {
	Exec      *ExecAction      `json:"exec,omitempty"`
	HTTPGet   *HTTPGetAction   `json:"httpGet,omitempty"`
	TCPSocket *TCPSocketAction `json:"tcpSocket,omitempty"`
	GRPC      *GRPCAction      `json:"grpc,omitempty"`
}

// ExecAction runs a command inside the container, without a shell; exit
// status 0 is success.
type ExecAction struct {
	Command []string `json:"command,omitempty"`
}

// HTTPGetAction sends a GET; any status from 200 to 399 is success.
type HTTPGetAction struct {
	Path string `json:"path,omitempty"`
	// Port is a number or the name of a container port.
	Port intstr.IntOrString `json:"port"`
	// Host defaults to the pod IP.
	Host        string       `json:"host,omitempty"`
	Scheme      URIScheme    `json:"scheme,omitempty"`
	HTTPHeaders []HTTPHeader `json:"httpHeaders,omitempty"`
}

// HTTPHeader is one header an HTTP probe sends.
type HTTPHeader struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// URIScheme is the scheme of an HTTP probe.
type URIScheme string

// The HTTP probe schemes; HTTP is the default. HTTPS probes do not verify
// the certificate.
const (
	URISchemeHTTP  URIScheme = "HTTP"
	URISchemeHTTPS URIScheme = "HTTPS"
)

// TCPSocketAction succeeds if a TCP connection opens.
type TCPSocketAction struct {
	Port intstr.IntOrString `json:"port"`
	Host string             `json:"host,omitempty"`
}

// GRPCAction calls the standard gRPC health service on Port.
type GRPCAction struct {
	Port int32 `json:"port"`
	// Service is the service name in the health request. The tag has no
	// omitempty, so nil is written as null, as upstream does.
	Service *string `json:"service"`
}

// Lifecycle holds the hooks the kubelet runs around a container's life.
type Lifecycle struct {
	// PostStart runs right after the container is created; if it fails
	// the container is killed and restarted per its restart policy.
	PostStart *LifecycleHandler `json:"postStart,omitempty"`
	// PreStop runs before the container is sent its stop signal, inside
	// the pod's termination grace period.
	PreStop *LifecycleHandler `json:"preStop,omitempty"`
}

// LifecycleHandler is the action of a hook. Exactly one field must be set.
type LifecycleHandler struct {
	Exec    *ExecAction    `json:"exec,omitempty"`
	HTTPGet *HTTPGetAction `json:"httpGet,omitempty"`
	// TCPSocket is kept for compatibility only; validation accepts it but
	// the kubelet fails the hook at runtime.
	TCPSocket *TCPSocketAction `json:"tcpSocket,omitempty"`
	Sleep     *SleepAction     `json:"sleep,omitempty"`
}

// SleepAction pauses the hook for a number of seconds, a common preStop
// hook that gives load balancers time to stop sending traffic.
type SleepAction struct {
	Seconds int64 `json:"seconds"`
}
