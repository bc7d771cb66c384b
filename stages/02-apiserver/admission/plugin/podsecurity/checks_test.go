package podsecurity

import (
	"encoding/json"
	"testing"
)

// viewOf decodes a pod written as JSON. Tests write pods as JSON because
// the standards read fields (seLinuxOptions, procMount, appArmorProfile)
// that the project's Go types do not have yet.
func viewOf(t *testing.T, pod string) *podView {
	t.Helper()
	var v podView
	if err := json.Unmarshal([]byte(pod), &v); err != nil {
		t.Fatalf("decode test pod: %v", err)
	}
	return &v
}

var (
	baselineLatest   = LevelVersion{Baseline, LatestVersion}
	restrictedLatest = LevelVersion{Restricted, LatestVersion}
)

// hardened passes restricted: non-root, RuntimeDefault seccomp, no
// privilege escalation, every capability dropped but the one restricted
// allows back.
const hardened = `{"spec":{
	"securityContext":{"runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"}},
	"containers":[{"name":"app","image":"nginx","securityContext":{"allowPrivilegeEscalation":false,
		"capabilities":{"drop":["ALL"],"add":["NET_BIND_SERVICE"]}}}],
	"volumes":[{"name":"config","configMap":{"name":"app"}},{"name":"scratch","emptyDir":{}}]}}`

// Talk 000, "Examples: Admission controllers": the talk's
// PodSecurityPolicy example became the Pod Security Standards. Each row
// is one control of the baseline level, with upstream's exact message.
func TestBaseline(t *testing.T) {
	tests := []struct {
		name, pod string
		lv        LevelVersion
		want      string // "" when the pod is allowed
	}{
		{name: "a minimal pod passes", lv: baselineLatest,
			pod: `{"spec":{"containers":[{"name":"c","image":"nginx"}]}}`},
		{name: "baseline does not ask for what restricted does", lv: baselineLatest,
			pod: `{"spec":{"securityContext":{"runAsUser":0},"containers":[{"name":"c","securityContext":{"allowPrivilegeEscalation":true,"capabilities":{"add":["CHOWN"]}}}],"volumes":[{"name":"v","nfs":{"server":"x","path":"/"}}]}}`},
		{name: "host namespaces", lv: baselineLatest,
			pod:  `{"spec":{"hostNetwork":true,"hostPID":true,"containers":[{"name":"c"}]}}`,
			want: `host namespaces (hostNetwork=true, hostPID=true)`},
		{name: "privileged container", lv: baselineLatest,
			pod:  `{"spec":{"containers":[{"name":"c","securityContext":{"privileged":true}}]}}`,
			want: `privileged (container "c" must not set securityContext.privileged=true)`},
		{name: "capabilities beyond the default set", lv: baselineLatest,
			pod:  `{"spec":{"containers":[{"name":"c","securityContext":{"capabilities":{"add":["SYS_TIME","CHOWN","NET_ADMIN"]}}}]}}`,
			want: `non-default capabilities (container "c" must not include "NET_ADMIN", "SYS_TIME" in securityContext.capabilities.add)`},
		{name: "hostPath volume", lv: baselineLatest,
			pod:  `{"spec":{"containers":[{"name":"c"}],"volumes":[{"name":"host","hostPath":{"path":"/etc"}},{"name":"tmp","emptyDir":{}}]}}`,
			want: `hostPath volumes (volume "host")`},
		{name: "host ports of two containers, one an init container", lv: baselineLatest,
			pod:  `{"spec":{"initContainers":[{"name":"a","ports":[{"containerPort":80,"hostPort":8080}]}],"containers":[{"name":"b","ports":[{"containerPort":80,"hostPort":80}]}]}}`,
			want: `hostPort (containers "a", "b" use hostPorts 80, 8080)`},
		{name: "AppArmor unconfined in the field", lv: baselineLatest,
			pod:  `{"spec":{"containers":[{"name":"c","securityContext":{"appArmorProfile":{"type":"Unconfined"}}}]}}`,
			want: `forbidden AppArmor profile (container "c" must not set AppArmor profile type to "Unconfined")`},
		{name: "AppArmor unconfined in the older annotation", lv: baselineLatest,
			pod:  `{"metadata":{"annotations":{"container.apparmor.security.beta.kubernetes.io/c":"unconfined","container.apparmor.security.beta.kubernetes.io/d":"localhost/strict"}},"spec":{"containers":[{"name":"c"},{"name":"d"}]}}`,
			want: `forbidden AppArmor profile (annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/c="unconfined"")`},
		{name: "SELinux type on the pod, user on a container", lv: baselineLatest,
			pod:  `{"spec":{"securityContext":{"seLinuxOptions":{"type":"spc_t"}},"containers":[{"name":"c","securityContext":{"seLinuxOptions":{"user":"system_u","type":"container_t"}}}]}}`,
			want: `seLinuxOptions (pod and container "c" set forbidden securityContext.seLinuxOptions: type "spc_t"; user may not be set)`},
		{name: "unmasked /proc", lv: baselineLatest,
			pod:  `{"spec":{"containers":[{"name":"c","securityContext":{"procMount":"Unmasked"}},{"name":"d","securityContext":{"procMount":"Default"}}]}}`,
			want: `procMount (container "c" must not set securityContext.procMount to "Unmasked")`},
		{name: "seccomp Unconfined", lv: baselineLatest,
			pod:  `{"spec":{"securityContext":{"seccompProfile":{"type":"Unconfined"}},"containers":[{"name":"c"}]}}`,
			want: `seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")`},
		{name: "unsafe sysctl next to a safe one", lv: baselineLatest,
			pod:  `{"spec":{"securityContext":{"sysctls":[{"name":"net.ipv4.tcp_syncookies","value":"1"},{"name":"kernel.msgmax","value":"65536"}]},"containers":[{"name":"c"}]}}`,
			want: `forbidden sysctls (kernel.msgmax)`},
		{name: "Windows host process", lv: baselineLatest,
			pod:  `{"spec":{"securityContext":{"windowsOptions":{"hostProcess":true}},"containers":[{"name":"c"}]}}`,
			want: `hostProcess (pod must not set securityContext.windowsOptions.hostProcess=true)`},
		{name: "a probe that points at another host", lv: baselineLatest,
			pod:  `{"spec":{"containers":[{"name":"c","livenessProbe":{"httpGet":{"host":"10.0.0.1","port":80}}}]}}`,
			want: `probe or lifecycle host (container "c" uses probe or lifecycle host "10.0.0.1")`},
		{name: "the probe host check is new in v1.34", lv: LevelVersion{Baseline, Version{Minor: 33}},
			pod: `{"spec":{"containers":[{"name":"c","livenessProbe":{"httpGet":{"host":"10.0.0.1","port":80}}}]}}`},
		{name: "privileged runs no check", lv: LevelVersion{Privileged, LatestVersion},
			pod: `{"spec":{"hostNetwork":true,"containers":[{"name":"c","securityContext":{"privileged":true}}]}}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Message(Evaluate(tc.lv, viewOf(t, tc.pod))); got != tc.want {
				t.Errorf("Evaluate(%s)\n got: %s\nwant: %s", tc.lv, got, tc.want)
			}
		})
	}
}

// The restricted level adds the hardening a pod must opt into. Messages
// list baseline violations first, then restricted ones, as upstream does.
func TestRestricted(t *testing.T) {
	tests := []struct {
		name, pod string
		lv        LevelVersion
		want      string
	}{
		{name: "a hardened pod passes", lv: restrictedLatest, pod: hardened},
		{name: "a minimal pod fails four checks", lv: restrictedLatest,
			pod: `{"spec":{"containers":[{"name":"c","image":"nginx"}]}}`,
			want: `allowPrivilegeEscalation != false (container "c" must set securityContext.allowPrivilegeEscalation=false), ` +
				`unrestricted capabilities (container "c" must set securityContext.capabilities.drop=["ALL"]), ` +
				`runAsNonRoot != true (pod or container "c" must set securityContext.runAsNonRoot=true), ` +
				`seccompProfile (pod or container "c" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")`},
		{name: "hostPath is reported once, as a restricted volume type", lv: restrictedLatest,
			pod: `{"spec":{"containers":[{"name":"violation","securityContext":{"privileged":true,"runAsUser":0,"capabilities":{"add":["NET_ADMIN","SYS_ADMIN"]}}}],"volumes":[{"name":"host-root","hostPath":{"path":"/"}}]}}`,
			want: `privileged (container "violation" must not set securityContext.privileged=true), ` +
				`allowPrivilegeEscalation != false (container "violation" must set securityContext.allowPrivilegeEscalation=false), ` +
				`unrestricted capabilities (container "violation" must set securityContext.capabilities.drop=["ALL"]; container "violation" must not include "NET_ADMIN", "SYS_ADMIN" in securityContext.capabilities.add), ` +
				`restricted volume types (volume "host-root" uses restricted volume type "hostPath"), ` +
				`runAsNonRoot != true (pod or container "violation" must set securityContext.runAsNonRoot=true), ` +
				`runAsUser=0 (container "violation" must not set runAsUser=0), ` +
				`seccompProfile (pod or container "violation" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")`},
		{name: "an explicit runAsNonRoot=false beats the pod's true", lv: restrictedLatest,
			pod:  `{"spec":{"securityContext":{"runAsNonRoot":true,"seccompProfile":{"type":"Localhost"}},"containers":[{"name":"c","securityContext":{"runAsNonRoot":false,"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]}}}]}}`,
			want: `runAsNonRoot != true (container "c" must not set securityContext.runAsNonRoot=false)`},
		{name: "two restricted volume types", lv: restrictedLatest,
			pod:  `{"spec":{"securityContext":{"runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"}},"containers":[{"name":"c","securityContext":{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]}}}],"volumes":[{"name":"a","nfs":{"server":"s","path":"/"}},{"name":"b","gitRepo":{"repository":"r"}}]}}`,
			want: `restricted volume types (volumes "a", "b" use restricted volume types "gitRepo", "nfs")`},
		{name: "a Windows pod skips the Linux-only controls", lv: restrictedLatest,
			pod: `{"spec":{"os":{"name":"windows"},"securityContext":{"runAsNonRoot":true},"containers":[{"name":"c"}]}}`},
		{name: "pinned to v1.21, before capabilities and runAsUser joined", lv: LevelVersion{Restricted, Version{Minor: 21}},
			pod:  `{"spec":{"securityContext":{"runAsNonRoot":true,"runAsUser":0,"seccompProfile":{"type":"RuntimeDefault"}},"containers":[{"name":"c","securityContext":{"allowPrivilegeEscalation":false,"capabilities":{"add":["NET_RAW"]}}}]}}`,
			want: `non-default capabilities (container "c" must not include "NET_RAW" in securityContext.capabilities.add)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Message(Evaluate(tc.lv, viewOf(t, tc.pod))); got != tc.want {
				t.Errorf("Evaluate(%s)\n got: %s\nwant: %s", tc.lv, got, tc.want)
			}
		})
	}
}

// A volume's type is the JSON name of its source; one with no source is
// "unknown", as upstream calls it.
func TestVolumeType(t *testing.T) {
	p := viewOf(t, `{"spec":{"volumes":[{"name":"a","csi":{"driver":"d"}},{"name":"b"}]}}`)
	if got := p.Spec.Volumes[0].Type + "," + p.Spec.Volumes[1].Type; got != "csi,unknown" {
		t.Errorf("volume types = %s, want csi,unknown", got)
	}
}
