// Describing a container's probes: one line each for Liveness, Readiness
// and Startup.
//
// Interface:
//   - writeProbe(w, level, title, probe) writes "Readiness:  http-get
//     http://:80/healthz delay=0s timeout=1s period=10s successThreshold=1
//     failureThreshold=3", nothing for a nil probe.
//   - describeProbe(probe) is that line's value: the action (exec,
//     http-get, tcp-socket, grpc), then the timing, in upstream's words.
//
// The kubelet runs these probes (talk 000, "Pod status": Ready comes from
// the readiness probe); describe shows what it was told to run.

package kubectl

import (
	"fmt"
	"net"
	"net/url"
	"strings"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
)

// writeProbe writes one probe line; a nil probe writes nothing.
func writeProbe(w *prefixWriter, level int, title string, probe *corev1.Probe) {
	if probe != nil {
		w.Write(level, "%s:\t%s\n", title, describeProbe(probe))
	}
}

// describeProbe renders a probe as upstream's DescribeProbe does. The
// fields are printed as stored: an object the server has not defaulted
// shows timeout=0s where the server would have written 1s.
func describeProbe(probe *corev1.Probe) string {
	attrs := fmt.Sprintf("delay=%ds timeout=%ds period=%ds successThreshold=%d failureThreshold=%d",
		probe.InitialDelaySeconds, probe.TimeoutSeconds, probe.PeriodSeconds, probe.SuccessThreshold, probe.FailureThreshold)
	switch h := probe.ProbeHandler; {
	case h.Exec != nil:
		return fmt.Sprintf("exec [%s] %s", strings.Join(h.Exec.Command, " "), attrs)
	case h.HTTPGet != nil:
		u := url.URL{Scheme: strings.ToLower(string(h.HTTPGet.Scheme)), Host: h.HTTPGet.Host, Path: h.HTTPGet.Path}
		if port := h.HTTPGet.Port.String(); port != "" {
			u.Host = net.JoinHostPort(h.HTTPGet.Host, port)
		}
		return fmt.Sprintf("http-get %s %s", u.String(), attrs)
	case h.TCPSocket != nil:
		return fmt.Sprintf("tcp-socket %s:%s %s", h.TCPSocket.Host, h.TCPSocket.Port.String(), attrs)
	case h.GRPC != nil:
		service := ""
		if h.GRPC.Service != nil {
			service = *h.GRPC.Service
		}
		return fmt.Sprintf("grpc <pod>:%d %s %s", h.GRPC.Port, service, attrs)
	}
	return "unknown " + attrs
}
