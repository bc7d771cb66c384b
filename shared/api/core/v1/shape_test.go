package corev1

import (
	"encoding/json"
	"testing"

	"github.com/kubeworkbook/kubeworkbook/shared/api/intstr"
)

// Talk 000, "Client side validation": kubectl and the API server must
// write exactly the bytes upstream writes. These rows pin the shapes that
// follow from pointer-versus-value and omitempty choices, field order
// included: empty structs that still appear ({}), zero times written as
// null, and required fields written even when empty.
func TestZeroValueShape(t *testing.T) {
	tests := []struct {
		name string
		obj  any
		want string
	}{
		{
			name: "empty pod keeps spec, status and a null containers list",
			obj:  Pod{},
			want: `{"metadata":{},"spec":{"containers":null},"status":{}}`,
		},
		{
			name: "container without resources prints resources {}",
			obj:  Container{Name: "nginx", Image: "nginx"},
			want: `{"name":"nginx","image":"nginx","resources":{}}`,
		},
		{
			name: "service status always has loadBalancer",
			obj:  Service{},
			want: `{"metadata":{},"spec":{},"status":{"loadBalancer":{}}}`,
		},
		{
			name: "service port without targetPort writes 0",
			obj:  ServicePort{Port: 80},
			want: `{"port":80,"targetPort":0}`,
		},
		{
			name: "named targetPort is a JSON string",
			obj:  ServicePort{Name: "http", Port: 80, TargetPort: intstr.FromString("http")},
			want: `{"name":"http","port":80,"targetPort":"http"}`,
		},
		{
			name: "node status carries daemonEndpoints and every nodeInfo field",
			obj:  NodeStatus{},
			want: `{"daemonEndpoints":{"kubeletEndpoint":{"Port":0}},"nodeInfo":{"machineID":"","systemUUID":"","bootID":"",` +
				`"kernelVersion":"","osImage":"","containerRuntimeVersion":"","kubeletVersion":"","kubeProxyVersion":"",` +
				`"operatingSystem":"","architecture":""}}`,
		},
		{
			name: "event writes null times and empty reporting fields",
			obj:  Event{},
			want: `{"metadata":{},"involvedObject":{},"source":{},"firstTimestamp":null,"lastTimestamp":null,` +
				`"eventTime":null,"reportingComponent":"","reportingInstance":""}`,
		},
		{
			name: "pod condition writes null probe and transition times",
			obj:  PodCondition{Type: PodReady, Status: ConditionTrue},
			want: `{"type":"Ready","status":"True","lastProbeTime":null,"lastTransitionTime":null}`,
		},
		{
			name: "container status writes its required fields",
			obj:  ContainerStatus{Name: "web"},
			want: `{"name":"web","state":{},"lastState":{},"ready":false,"restartCount":0,"image":"","imageID":""}`,
		},
		{
			name: "resource field selector writes divisor 0",
			obj:  ResourceFieldSelector{Resource: "limits.cpu"},
			want: `{"resource":"limits.cpu","divisor":"0"}`,
		},
		{
			name: "emptyDir volume",
			obj:  Volume{Name: "scratch", VolumeSource: VolumeSource{EmptyDir: &EmptyDirVolumeSource{}}},
			want: `{"name":"scratch","emptyDir":{}}`,
		},
		{
			name: "projected volume without sources writes null",
			obj:  ProjectedVolumeSource{},
			want: `{"sources":null}`,
		},
		{
			name: "grpc probe writes a null service",
			obj:  GRPCAction{Port: 9000},
			want: `{"port":9000,"service":null}`,
		},
		{
			name: "secret data is base64",
			obj:  Secret{Data: map[string][]byte{"password": []byte("s3cr3t")}},
			want: `{"metadata":{},"data":{"password":"czNjcjN0"}}`,
		},
		{
			name: "binding target",
			obj:  Binding{Target: ObjectReference{Kind: "Node", Name: "worker-1"}},
			want: `{"metadata":{},"target":{"kind":"Node","name":"worker-1"}}`,
		},
		{
			name: "taint without value or time",
			obj:  Taint{Key: "dedicated", Effect: TaintEffectNoSchedule},
			want: `{"key":"dedicated","effect":"NoSchedule"}`,
		},
		{
			name: "container port keeps containerPort even when 0",
			obj:  ContainerPort{},
			want: `{"containerPort":0}`,
		},
		{
			name: "limit range spec writes a null limits list",
			obj:  LimitRangeSpec{},
			want: `{"limits":null}`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := json.Marshal(tc.obj)
			if err != nil {
				t.Fatalf("encode %T: %v", tc.obj, err)
			}
			if string(got) != tc.want {
				t.Errorf("json.Marshal(%T)\n got: %s\nwant: %s", tc.obj, got, tc.want)
			}
		})
	}
}
