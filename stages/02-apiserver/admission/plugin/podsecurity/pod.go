// The pod a policy looks at: the fields the Pod Security Standards read,
// taken from a pod or from the pod template of a workload.
//
// Interface:
//   - podView: metadata annotations and the security-relevant part of a
//     pod spec (host namespaces, security contexts, containers, volumes).
//   - templatePaths: where each workload keeps its pod template.
//   - podFromObject(resource, obj) finds and decodes the pod of obj.
//
// The view is decoded from the object's JSON rather than read from the Go
// types, for two reasons: the standards check fields this project's corev1
// types do not carry yet (seLinuxOptions, procMount, appArmorProfile,
// windowsOptions, ephemeral containers), and workloads whose Go types do
// not exist yet (StatefulSet, DaemonSet, CronJob) are checked all the
// same, from their JSON.
package podsecurity

import (
	"encoding/json"
	"fmt"
	"sort"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// podView is a pod reduced to what the checks read.
type podView struct {
	Metadata struct {
		Annotations map[string]string `json:"annotations"`
	} `json:"metadata"`
	Spec podSpecView `json:"spec"`
}

type podSpecView struct {
	HostNetwork         bool                   `json:"hostNetwork"`
	HostPID             bool                   `json:"hostPID"`
	HostIPC             bool                   `json:"hostIPC"`
	RuntimeClassName    *string                `json:"runtimeClassName"`
	OS                  *struct{ Name string } `json:"os"`
	SecurityContext     *podSecurityView       `json:"securityContext"`
	InitContainers      []containerView        `json:"initContainers"`
	Containers          []containerView        `json:"containers"`
	EphemeralContainers []containerView        `json:"ephemeralContainers"`
	Volumes             []volumeView           `json:"volumes"`
}

type podSecurityView struct {
	RunAsUser       *int64                  `json:"runAsUser"`
	RunAsNonRoot    *bool                   `json:"runAsNonRoot"`
	SELinuxOptions  *seLinuxView            `json:"seLinuxOptions"`
	SeccompProfile  *profileView            `json:"seccompProfile"`
	AppArmorProfile *profileView            `json:"appArmorProfile"`
	WindowsOptions  *windowsView            `json:"windowsOptions"`
	Sysctls         []struct{ Name string } `json:"sysctls"`
}

type containerView struct {
	Name  string `json:"name"`
	Image string `json:"image"`
	Ports []struct {
		HostPort int32 `json:"hostPort"`
	} `json:"ports"`
	SecurityContext *securityView `json:"securityContext"`
	LivenessProbe   *handlerView  `json:"livenessProbe"`
	ReadinessProbe  *handlerView  `json:"readinessProbe"`
	StartupProbe    *handlerView  `json:"startupProbe"`
	Lifecycle       *struct {
		PostStart *handlerView `json:"postStart"`
		PreStop   *handlerView `json:"preStop"`
	} `json:"lifecycle"`
}

type securityView struct {
	Privileged               *bool  `json:"privileged"`
	AllowPrivilegeEscalation *bool  `json:"allowPrivilegeEscalation"`
	RunAsUser                *int64 `json:"runAsUser"`
	RunAsNonRoot             *bool  `json:"runAsNonRoot"`
	Capabilities             *struct {
		Add  []string `json:"add"`
		Drop []string `json:"drop"`
	} `json:"capabilities"`
	SELinuxOptions  *seLinuxView `json:"seLinuxOptions"`
	SeccompProfile  *profileView `json:"seccompProfile"`
	AppArmorProfile *profileView `json:"appArmorProfile"`
	ProcMount       *string      `json:"procMount"`
	WindowsOptions  *windowsView `json:"windowsOptions"`
}

// profileView is a seccomp or AppArmor profile: only its type matters.
type profileView struct {
	Type string `json:"type"`
}

type seLinuxView struct {
	User string `json:"user"`
	Role string `json:"role"`
	Type string `json:"type"`
}

type windowsView struct {
	HostProcess *bool `json:"hostProcess"`
}

// handlerView is a probe or lifecycle handler: only the host it may
// point at matters.
type handlerView struct {
	HTTPGet   *struct{ Host string } `json:"httpGet"`
	TCPSocket *struct{ Host string } `json:"tcpSocket"`
}

// volumeView is a volume's name and its source's JSON name ("hostPath",
// "emptyDir", "nfs"), or "unknown" when it has none.
type volumeView struct {
	Name, Type string
}

// UnmarshalJSON finds the source: the one key besides "name".
func (v *volumeView) UnmarshalJSON(data []byte) error {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return err
	}
	if raw, ok := fields["name"]; ok {
		if err := json.Unmarshal(raw, &v.Name); err != nil {
			return err
		}
	}
	var sources []string
	for k, raw := range fields {
		if k != "name" && string(raw) != "null" {
			sources = append(sources, k)
		}
	}
	sort.Strings(sources)
	v.Type = "unknown"
	if len(sources) > 0 {
		v.Type = sources[0]
	}
	return nil
}

// visitContainers calls fn with every container of the spec: init
// containers, then containers, then ephemeral containers, the order the
// messages list them in.
func (s *podSpecView) visitContainers(fn func(c *containerView)) {
	for _, list := range [][]containerView{s.InitContainers, s.Containers, s.EphemeralContainers} {
		for i := range list {
			fn(&list[i])
		}
	}
}

// templatePaths says where each workload resource keeps the pod it
// creates, as JSON keys from the object's root. Pods are checked as a
// whole (the empty path). The keys are group/resource, as in
// metav1.GroupResource.String().
var templatePaths = map[string][]string{
	"pods":                   {},
	"podtemplates":           {"template"},
	"replicationcontrollers": {"spec", "template"},
	"replicasets.apps":       {"spec", "template"},
	"deployments.apps":       {"spec", "template"},
	"statefulsets.apps":      {"spec", "template"},
	"daemonsets.apps":        {"spec", "template"},
	"jobs.batch":             {"spec", "template"},
	"cronjobs.batch":         {"spec", "jobTemplate", "spec", "template"},
}

// podFromObject returns the pod (or pod template) of obj, a pod or a
// workload of resource gr. ok is false when gr holds no pod, or obj has
// no template (a ReplicationController may omit it); err when obj does
// not encode or decode.
func podFromObject(gr metav1.GroupResource, obj metav1.Object) (pod *podView, ok bool, err error) {
	path, known := templatePaths[gr.String()]
	if !known || obj == nil {
		return nil, false, nil
	}
	data, err := json.Marshal(obj)
	if err != nil {
		return nil, false, fmt.Errorf("encode %s: %w", gr, err)
	}
	for _, key := range path {
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(data, &fields); err != nil {
			return nil, false, fmt.Errorf("decode %s: %w", gr, err)
		}
		if data, ok = fields[key]; !ok || string(data) == "null" {
			return nil, false, nil
		}
	}
	pod = &podView{}
	if err := json.Unmarshal(data, pod); err != nil {
		return nil, false, fmt.Errorf("decode the pod of %s: %w", gr, err)
	}
	return pod, true, nil
}
