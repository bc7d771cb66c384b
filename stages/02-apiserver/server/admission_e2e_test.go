package server

import (
	"bufio"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
)

// Talk 000, "Admission controllers": after authorization, the plugins
// may change a write or refuse it, and a refused write stores nothing.
func TestAdmission(t *testing.T) {
	s := startServer(t, testConfig(t))
	admin := client(t, s)
	const pods = "/api/v1/namespaces/default/pods"

	t.Run("ServiceAccount refuses a pod whose account is missing", func(t *testing.T) {
		body := mustDo(t, admin, s, http.MethodPost, pods, podJSON("early", ""), http.StatusForbidden)
		if !strings.Contains(body, `pods \"early\" is forbidden: error looking up service account default/default: serviceaccount \"default\" not found`) {
			t.Errorf("403 body = %s", body)
		}
		mustDo(t, admin, s, http.MethodGet, pods+"/early", "", http.StatusNotFound)
	})

	t.Run("ServiceAccount mounts the token", func(t *testing.T) {
		mustDo(t, admin, s, http.MethodPost, "/api/v1/namespaces/default/serviceaccounts", serviceAccountJSON("default"), http.StatusCreated)
		var pod corev1.Pod
		eventually(t, func() string {
			resp, body := do(t, admin, s, http.MethodPost, pods, podJSON("web", ""))
			if resp.StatusCode != http.StatusCreated {
				return "create pod web: " + resp.Status + " " + body
			}
			if err := json.Unmarshal([]byte(body), &pod); err != nil {
				t.Fatal(err)
			}
			return ""
		})
		if pod.Spec.ServiceAccountName != "default" || len(pod.Spec.Volumes) != 1 ||
			!strings.HasPrefix(pod.Spec.Volumes[0].Name, "kube-api-access-") ||
			len(pod.Spec.Containers[0].VolumeMounts) != 1 ||
			pod.Spec.Containers[0].VolumeMounts[0].MountPath != "/var/run/secrets/kubernetes.io/serviceaccount" {
			t.Errorf("pod = %+v; want serviceAccountName default and the kube-api-access volume mounted", pod.Spec)
		}
	})

	t.Run("ResourceQuota counts and refuses", func(t *testing.T) {
		quota := `{"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"two-pods"},"spec":{"hard":{"pods":"2"}}}`
		mustDo(t, admin, s, http.MethodPost, "/api/v1/namespaces/default/resourcequotas", quota, http.StatusCreated)
		// A quota counts once the server's cache has seen it (a list at
		// resourceVersion 0 is served from that cache), as upstream's
		// informer-fed plugin.
		eventually(t, func() string {
			if body := mustDo(t, admin, s, http.MethodGet, "/api/v1/namespaces/default/resourcequotas?resourceVersion=0", "", http.StatusOK); !strings.Contains(body, "two-pods") {
				return "the quota is not in the cache yet"
			}
			return ""
		})
		// "web" exists; the quota was created after it, so its usage
		// starts at what admission counts from now on (stage 3's quota
		// controller recounts): one more pod fits, then none.
		mustDo(t, admin, s, http.MethodPost, pods, podJSON("second", ""), http.StatusCreated)
		mustDo(t, admin, s, http.MethodPost, pods, podJSON("third", ""), http.StatusCreated)
		body := mustDo(t, admin, s, http.MethodPost, pods, podJSON("fourth", ""), http.StatusForbidden)
		if !strings.Contains(body, `pods \"fourth\" is forbidden: exceeded quota: two-pods, requested: pods=1, used: pods=2, limited: pods=2`) {
			t.Errorf("403 body = %s; want upstream's exceeded quota message", body)
		}
		mustDo(t, admin, s, http.MethodGet, pods+"/fourth", "", http.StatusNotFound)
		var q corev1.ResourceQuota
		if err := json.Unmarshal([]byte(mustDo(t, admin, s, http.MethodGet, "/api/v1/namespaces/default/resourcequotas/two-pods", "", http.StatusOK)), &q); err != nil {
			t.Fatal(err)
		}
		if used := q.Status.Used[corev1.ResourcePods]; used.String() != "2" {
			t.Errorf("status.used.pods = %s; want 2", used.String())
		}
	})

	t.Run("PodSecurity enforces the namespace's level", func(t *testing.T) {
		ns := `{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"locked","labels":{"pod-security.kubernetes.io/enforce":"baseline"}}}`
		mustDo(t, admin, s, http.MethodPost, "/api/v1/namespaces", ns, http.StatusCreated)
		mustDo(t, admin, s, http.MethodPost, "/api/v1/namespaces/locked/serviceaccounts", serviceAccountJSON("default"), http.StatusCreated)
		privileged := `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"root"},"spec":{"hostNetwork":true,` +
			`"containers":[{"name":"c","image":"nginx","securityContext":{"privileged":true}}]}}`
		var body string
		eventually(t, func() string {
			resp, b := do(t, admin, s, http.MethodPost, "/api/v1/namespaces/locked/pods", privileged)
			body = b
			if resp.StatusCode != http.StatusForbidden {
				return "privileged pod in a baseline namespace: " + resp.Status + " " + b
			}
			return ""
		})
		if !strings.Contains(body, `violates PodSecurity \"baseline:latest\": host namespaces (hostNetwork=true), privileged (container \"c\" must not set securityContext.privileged=true)`) {
			t.Errorf("403 body = %s; want upstream's PodSecurity message", body)
		}
		mustDo(t, admin, s, http.MethodGet, "/api/v1/namespaces/locked/pods/root", "", http.StatusNotFound)
	})

	t.Run("PodSecurity warns when a stricter level would refuse running pods", func(t *testing.T) {
		label := `{"metadata":{"labels":{"pod-security.kubernetes.io/enforce":"restricted"}}}`
		req, err := http.NewRequest(http.MethodPatch, s.URL()+"/api/v1/namespaces/default", strings.NewReader(label))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/merge-patch+json")
		resp, err := admin.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		warnings := strings.Join(resp.Header.Values("Warning"), "\n")
		if resp.StatusCode != http.StatusOK || !strings.Contains(warnings, `existing pods in namespace \"default\" violate the new PodSecurity enforce level \"restricted:latest\"`) {
			t.Errorf("label default restricted: %s, Warning headers %q; want the existing-pods warning", resp.Status, warnings)
		}
	})

	t.Run("NamespaceLifecycle keeps the system namespaces", func(t *testing.T) {
		body := mustDo(t, admin, s, http.MethodDelete, "/api/v1/namespaces/kube-system", "", http.StatusForbidden)
		if !strings.Contains(body, "this namespace may not be deleted") {
			t.Errorf("403 body = %s", body)
		}
	})
}

// --disable-admission-plugins turns a default plugin off.
func TestAdmissionPluginDisabled(t *testing.T) {
	cfg := testConfig(t)
	cfg.Admission.DisablePlugins = []string{"ServiceAccount"}
	s := startServer(t, cfg)
	mustDo(t, client(t, s), s, http.MethodPost, "/api/v1/namespaces/default/pods", podJSON("web", ""), http.StatusCreated)
}

// The audit log records every request with who made it and what the
// authorizer decided (--audit-log-path).
func TestAuditLog(t *testing.T) {
	cfg := testConfig(t)
	cfg.Audit.LogPath = filepath.Join(t.TempDir(), "audit.log")
	s := startServer(t, cfg)
	mustDo(t, client(t, s), s, http.MethodPost, "/api/v1/namespaces/default/configmaps", configMapBody("audited"), http.StatusCreated)
	if err := s.Close(); err != nil { // flushes the log
		t.Fatal(err)
	}
	f, err := os.Open(cfg.Audit.LogPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	found := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var ev struct {
			Stage string `json:"stage"`
			Verb  string `json:"verb"`
			User  struct {
				Username string `json:"username"`
			} `json:"user"`
			ObjectRef struct {
				Resource, Name string
			} `json:"objectRef"`
			ResponseStatus struct {
				Code int `json:"code"`
			} `json:"responseStatus"`
			Annotations map[string]string `json:"annotations"`
		}
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			t.Fatalf("audit line %q: %v", sc.Text(), err)
		}
		if ev.Verb == "create" && ev.ObjectRef.Resource == "configmaps" && ev.Stage == "ResponseComplete" {
			found = true
			if ev.User.Username != "kubernetes-admin" || ev.ResponseStatus.Code != http.StatusCreated ||
				ev.Annotations["authorization.k8s.io/decision"] != "allow" {
				t.Errorf("audit event = %+v; want kubernetes-admin, 201, decision allow", ev)
			}
		}
	}
	if !found {
		t.Error("no ResponseComplete event for the configmap create in the audit log")
	}
}
