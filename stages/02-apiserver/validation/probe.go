// Probes and lifecycle hooks: the checks and actions the kubelet runs
// against a container.
//
// Interface:
//   - livenessProbe, readinessProbe, startupProbe: one probe each, with
//     the rules particular to its kind.
//   - validateLifecycle: postStart and preStop hooks.
//   - portNumOrName: a port given as a number or a container port name
//     (probes, and a Service's targetPort).
//
// Every probe and hook must name exactly one handler (exec, httpGet,
// tcpSocket, grpc, or sleep for hooks).

package validation

import (
	"fmt"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/intstr"
	sharedvalidation "github.com/kubeworkbook/kubeworkbook/shared/validation"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// livenessProbe: a failing liveness probe restarts the container, so one
// success must be enough to count as healthy again.
func livenessProbe(p *corev1.Probe, grace *int64, path *field.Path) field.ErrorList {
	if p == nil {
		return nil
	}
	errs := validateProbe(p, grace, path)
	if p.SuccessThreshold != 1 {
		errs = append(errs, field.Invalid(path.Child("successThreshold"), p.SuccessThreshold, "must be 1"))
	}
	return errs
}

// readinessProbe: a failing readiness probe never kills the container,
// so a kill grace period makes no sense on it.
func readinessProbe(p *corev1.Probe, grace *int64, path *field.Path) field.ErrorList {
	if p == nil {
		return nil
	}
	errs := validateProbe(p, grace, path)
	if p.TerminationGracePeriodSeconds != nil {
		errs = append(errs, field.Invalid(path.Child("terminationGracePeriodSeconds"), *p.TerminationGracePeriodSeconds, "must not be set for readinessProbes"))
	}
	return errs
}

// startupProbe has liveness's rule: one success ends the startup phase.
func startupProbe(p *corev1.Probe, grace *int64, path *field.Path) field.ErrorList {
	if p == nil {
		return nil
	}
	errs := validateProbe(p, grace, path)
	if p.SuccessThreshold != 1 {
		errs = append(errs, field.Invalid(path.Child("successThreshold"), p.SuccessThreshold, "must be 1"))
	}
	return errs
}

// validateProbe checks the handler and the timing fields of any probe.
func validateProbe(p *corev1.Probe, grace *int64, path *field.Path) field.ErrorList {
	h := p.ProbeHandler
	errs := validateHandler(handler{exec: h.Exec, httpGet: h.HTTPGet, tcpSocket: h.TCPSocket, grpc: h.GRPC}, grace, path)
	errs = append(errs, nonNegative(int64(p.InitialDelaySeconds), path.Child("initialDelaySeconds"))...)
	errs = append(errs, nonNegative(int64(p.TimeoutSeconds), path.Child("timeoutSeconds"))...)
	errs = append(errs, nonNegative(int64(p.PeriodSeconds), path.Child("periodSeconds"))...)
	errs = append(errs, nonNegative(int64(p.SuccessThreshold), path.Child("successThreshold"))...)
	errs = append(errs, nonNegative(int64(p.FailureThreshold), path.Child("failureThreshold"))...)
	if t := p.TerminationGracePeriodSeconds; t != nil && *t <= 0 {
		errs = append(errs, field.Invalid(path.Child("terminationGracePeriodSeconds"), *t, "must be greater than 0"))
	}
	return errs
}

// validateLifecycle checks the hooks that are set.
func validateLifecycle(l *corev1.Lifecycle, grace *int64, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	for _, hook := range []struct {
		name string
		h    *corev1.LifecycleHandler
	}{{"postStart", l.PostStart}, {"preStop", l.PreStop}} {
		if hook.h != nil {
			h := handler{exec: hook.h.Exec, httpGet: hook.h.HTTPGet, tcpSocket: hook.h.TCPSocket, sleep: hook.h.Sleep}
			errs = append(errs, validateHandler(h, grace, path.Child(hook.name))...)
		}
	}
	return errs
}

// handler is what probes and hooks have in common: at most one of these
// is set (probes cannot sleep, hooks cannot use gRPC).
type handler struct {
	exec      *corev1.ExecAction
	httpGet   *corev1.HTTPGetAction
	tcpSocket *corev1.TCPSocketAction
	grpc      *corev1.GRPCAction
	sleep     *corev1.SleepAction
}

// validateHandler checks that exactly one action is set and that it is
// well formed. A second action is reported at its own path.
func validateHandler(h handler, grace *int64, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	n := 0
	one := func(name string, set bool, check func() field.ErrorList) {
		if !set {
			return
		}
		if n > 0 {
			errs = append(errs, field.Forbidden(path.Child(name), "may not specify more than 1 handler type"))
			return
		}
		n++
		errs = append(errs, check()...)
	}
	one("exec", h.exec != nil, func() field.ErrorList {
		if len(h.exec.Command) == 0 {
			return field.ErrorList{field.Required(path.Child("exec", "command"), "")}
		}
		return nil
	})
	one("httpGet", h.httpGet != nil, func() field.ErrorList { return httpGetAction(h.httpGet, path.Child("httpGet")) })
	one("tcpSocket", h.tcpSocket != nil, func() field.ErrorList {
		return portNumOrName(h.tcpSocket.Port, path.Child("tcpSocket", "port"))
	})
	one("grpc", h.grpc != nil, func() field.ErrorList {
		return portNumOrName(intstr.FromInt32(h.grpc.Port), path.Child("grpc", "port"))
	})
	one("sleep", h.sleep != nil, func() field.ErrorList { return sleepAction(h.sleep, grace, path.Child("sleep")) })
	if n == 0 {
		errs = append(errs, field.Required(path, "must specify a handler type"))
	}
	return errs
}

// httpGetAction checks an HTTP check: path (defaulted to "/"), port,
// scheme (defaulted to HTTP) and header names.
func httpGetAction(a *corev1.HTTPGetAction, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	if a.Path == "" {
		errs = append(errs, field.Required(path.Child("path"), ""))
	}
	errs = append(errs, portNumOrName(a.Port, path.Child("port"))...)
	errs = append(errs, oneOfOrUnsupported(a.Scheme, path.Child("scheme"), corev1.URISchemeHTTP, corev1.URISchemeHTTPS)...)
	for _, h := range a.HTTPHeaders {
		errs = append(errs, invalidEach(path.Child("httpHeaders"), h.Name, isHTTPHeaderName(h.Name))...)
	}
	return errs
}

// sleepAction: a preStop sleep must end within the pod's grace period,
// or the kubelet kills the container mid-sleep.
func sleepAction(s *corev1.SleepAction, grace *int64, path *field.Path) field.ErrorList {
	limit := int64(corev1.DefaultTerminationGracePeriodSeconds)
	if grace != nil {
		limit = *grace
	}
	if s.Seconds <= 0 || s.Seconds > limit {
		return field.ErrorList{field.Invalid(path, s.Seconds,
			fmt.Sprintf("must be greater than 0 and less than terminationGracePeriodSeconds (%d)", limit))}
	}
	return nil
}

// portNumOrName checks a port given as a number (1-65535) or as the name
// of a container port (an IANA service name).
func portNumOrName(port intstr.IntOrString, path *field.Path) field.ErrorList {
	if port.Type == intstr.String {
		return invalidEach(path, port.StrVal, sharedvalidation.IsValidPortName(port.StrVal))
	}
	return invalidEach(path, port.IntValue(), sharedvalidation.IsValidPortNum(port.IntValue()))
}
