package validation

import (
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/intstr"
)

// nodePortService is validService exposed on every node, as
// `kubectl expose --type=NodePort` makes it (talk 002, the Ghost demo).
func nodePortService() *corev1.Service {
	s := validService()
	s.Spec.Type = corev1.ServiceTypeNodePort
	s.Spec.ExternalTrafficPolicy = corev1.ServiceExternalTrafficPolicyCluster
	s.Spec.Ports[0].NodePort = 30080
	return s
}

func TestValidateService(t *testing.T) {
	tests := []struct {
		name string
		svc  func() *corev1.Service
		want []string
	}{
		{name: "cluster IP service", svc: validService},
		{name: "node port service", svc: nodePortService},
		{
			name: "node port outside the range",
			svc:  func() *corev1.Service { s := nodePortService(); s.Spec.Ports[0].NodePort = 80; return s },
			want: []string{"spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767"},
		},
		{
			name: "node port on a ClusterIP service",
			svc:  func() *corev1.Service { s := validService(); s.Spec.Ports[0].NodePort = 30080; return s },
			want: []string{"spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"},
		},
		{
			name: "name starting with a digit",
			svc:  func() *corev1.Service { s := validService(); s.Name = "2web"; return s },
			want: []string{`metadata.name: Invalid value: "2web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`},
		},
		{
			name: "no ports",
			svc:  func() *corev1.Service { s := validService(); s.Spec.Ports = nil; return s },
			want: []string{"spec.ports: Required value"},
		},
		{
			name: "headless without ports",
			svc: func() *corev1.Service {
				s := validService()
				s.Spec.Ports, s.Spec.ClusterIP, s.Spec.ClusterIPs = nil, corev1.ClusterIPNone, []string{corev1.ClusterIPNone}
				return s
			},
		},
		{
			name: "two ports, unnamed, one port zero",
			svc: func() *corev1.Service {
				s := validService()
				s.Spec.Ports = append(s.Spec.Ports, corev1.ServicePort{Protocol: corev1.ProtocolTCP, TargetPort: intstr.FromString("metrics")})
				return s
			},
			want: []string{
				"spec.ports[0].name: Required value",
				"spec.ports[1].name: Required value",
				"spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive",
			},
		},
		{
			name: "duplicate port",
			svc: func() *corev1.Service {
				s := validService()
				s.Spec.Ports[0].Name = "http"
				s.Spec.Ports = append(s.Spec.Ports, corev1.ServicePort{Name: "web", Protocol: corev1.ProtocolTCP, Port: 80, TargetPort: intstr.FromInt32(80)})
				return s
			},
			want: []string{`spec.ports[1]: Duplicate value: {"protocol":"TCP","port":80}`},
		},
		{
			name: "target port name with an underscore",
			svc: func() *corev1.Service {
				s := validService()
				s.Spec.Ports[0].TargetPort = intstr.FromString("http_web")
				return s
			},
			want: []string{`spec.ports[0].targetPort: Invalid value: "http_web": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)`},
		},
		{
			name: "unknown type",
			svc:  func() *corev1.Service { s := validService(); s.Spec.Type = "Internal"; return s },
			want: []string{`spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"`},
		},
		{
			name: "invalid cluster IP",
			svc: func() *corev1.Service {
				s := validService()
				s.Spec.ClusterIP, s.Spec.ClusterIPs = "10.96.0.300", nil
				return s
			},
			want: []string{`spec.clusterIPs[0]: Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)`},
		},
		{
			name: "cluster IP of the wrong family",
			svc: func() *corev1.Service {
				s := validService()
				s.Spec.ClusterIP, s.Spec.ClusterIPs = "fd00::10", []string{"fd00::10"}
				return s
			},
			want: []string{"spec.clusterIPs[0]: Invalid value: \"fd00::10\": expected an IPv4 value as indicated by `ipFamilies[0]`"},
		},
		{
			name: "selector value with a space",
			svc:  func() *corev1.Service { s := validService(); s.Spec.Selector["app"] = "my web"; return s },
			want: []string{`spec.selector: Invalid value: "my web": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`},
		},
		{
			name: "ClientIP affinity without its config",
			svc: func() *corev1.Service {
				s := validService()
				s.Spec.SessionAffinity = corev1.ServiceAffinityClientIP
				return s
			},
			want: []string{"spec.sessionAffinityConfig: Required value: when session affinity type is ClientIP"},
		},
		{
			name: "loopback external IP",
			svc: func() *corev1.Service {
				s := validService()
				s.Spec.ExternalIPs = []string{"127.0.0.1"}
				s.Spec.ExternalTrafficPolicy = corev1.ServiceExternalTrafficPolicyCluster
				return s
			},
			want: []string{`spec.externalIPs[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)`},
		},
		{
			name: "traffic policy not defaulted",
			svc:  func() *corev1.Service { s := nodePortService(); s.Spec.ExternalTrafficPolicy = ""; return s },
			want: []string{"spec.externalTrafficPolicy: Required value"},
		},
		{
			name: "external name",
			svc:  externalNameFixture,
		},
		{
			name: "external name with a cluster IP and a bad name",
			svc: func() *corev1.Service {
				s := externalNameFixture()
				s.Spec.ClusterIP, s.Spec.ExternalName = "10.96.0.10", "db_host"
				return s
			},
			want: []string{
				"spec.clusterIPs: Forbidden: may not be set for ExternalName services",
				`spec.externalName: Invalid value: "db_host": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkErrors(t, ValidateCreate(tc.svc()), tc.want...)
		})
	}
}

// externalNameFixture is a DNS alias, with no address of its own.
func externalNameFixture() *corev1.Service {
	return &corev1.Service{
		ObjectMeta: validService().ObjectMeta,
		Spec: corev1.ServiceSpec{
			Type:            corev1.ServiceTypeExternalName,
			ExternalName:    "db.example.com.",
			SessionAffinity: corev1.ServiceAffinityNone,
		},
	}
}

func TestServiceStatusUpdate(t *testing.T) {
	s := validService()
	s.Status.LoadBalancer.Ingress = []corev1.LoadBalancerIngress{{IP: "203.0.113.7"}}
	checkErrors(t, ValidateStatusUpdate(s, validService()),
		"status.loadBalancer.ingress: Forbidden: may only be used when `spec.type` is 'LoadBalancer'")

	lb := validService()
	lb.Spec.Type = corev1.ServiceTypeLoadBalancer
	lb.Status.LoadBalancer.Ingress = []corev1.LoadBalancerIngress{{IP: "203.0.113.7"}, {Hostname: "10.0.0.1"}}
	checkErrors(t, ValidateStatusUpdate(lb, lb),
		"status.loadBalancer.ingress[0].ipMode: Required value: must be specified when `ip` is set",
		`status.loadBalancer.ingress[1].hostname: Invalid value: "10.0.0.1": must be a DNS name, not an IP address`)
}
