package openapi

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
	kubectlschema "github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/schema"
)

// The round trip of talk 000, "API discovery → OpenAPI schema": the server
// generates its documents from the Go types, and the stage-1 kubectl
// validates manifests with them before sending anything. These tests hand
// our documents to that validator exactly as kubectl gets them.

// talk002 is talk 002's Deployment with its pod spec dedented (the
// stage-1 fixture).
const talk002 = "../../01-kubectl/schema/testdata/talk002-deployment.yaml"

// serverSource is a kubectlschema.Source answering from our Spec, as kubectl's
// discovery cache does from GET /openapi/v3/<path>.
func serverSource(s *Spec) kubectlschema.Source {
	return func(groupVersion string) ([]byte, error) {
		data, ok := s.V3(kubectlschema.OpenAPIPath(groupVersion))
		if !ok {
			return nil, fmt.Errorf("no document for %s", groupVersion)
		}
		return data, nil
	}
}

func messages(errs field.ErrorList) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

// Talk 000, "Client side validation" with "API discovery → OpenAPI
// schema": manifests a user would write are accepted against our
// documents, loaded by kubectlschema.Load and used by kubectlschema.Validator.
func TestValidManifestsPass(t *testing.T) {
	tests := []struct {
		name, manifest string
	}{
		{"deployment", `
apiVersion: apps/v1
kind: Deployment
metadata: {name: nginx, labels: {app: nginx}}
spec:
  replicas: 3
  selector: {matchLabels: {app: nginx}}
  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%, maxUnavailable: 1}}
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.23.2-alpine
        ports: [{containerPort: 80, name: http}]
        resources: {requests: {cpu: 10m, memory: 8Mi}, limits: {cpu: 0.5, memory: 64Mi}}
        readinessProbe: {httpGet: {path: /, port: http}, periodSeconds: 5}
        livenessProbe: {grpc: {port: 9000}}
        volumeMounts: [{name: data, mountPath: /usr/share/nginx/html}]
      volumes: [{name: data, emptyDir: {}}]
`},
		{"pod with a downward API env var", `
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: default}
spec:
  restartPolicy: Always
  containers:
  - name: web
    image: busybox
    command: [sh, -c, "sleep 3600"]
    env: [{name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}]
`},
		{"service with a named target port", `
apiVersion: v1
kind: Service
metadata: {name: nginx}
spec:
  type: NodePort
  selector: {app: nginx}
  ports: [{port: 80, targetPort: http, nodePort: 30080}]
`},
		{"configmap with binary data", `
apiVersion: v1
kind: ConfigMap
metadata: {name: nginx}
data: {nginx.conf: "server {}"}
binaryData: {logo.png: aGVsbG8=}
`},
		{"job", `
apiVersion: batch/v1
kind: Job
metadata: {name: pi}
spec:
  backoffLimit: 4
  template:
    spec:
      restartPolicy: Never
      containers: [{name: pi, image: perl, command: [perl, -e, print 1]}]
`},
		{"aggregated cluster role without rules", `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: monitoring}
aggregationRule:
  clusterRoleSelectors: [{matchLabels: {rbac.example.com/aggregate-to-monitoring: "true"}}]
`},
		{"role binding", `
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: read-pods, namespace: default}
subjects: [{kind: User, name: jane, apiGroup: rbac.authorization.k8s.io}]
roleRef: {kind: Role, name: pod-reader, apiGroup: rbac.authorization.k8s.io}
`},
		{"endpoint slice without ports", `
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: web-abc, labels: {kubernetes.io/service-name: web}}
addressType: IPv4
endpoints: [{addresses: [10.1.2.3], conditions: {ready: true}}]
`},
		{"lease", `
apiVersion: coordination.k8s.io/v1
kind: Lease
metadata: {name: node-1, namespace: kube-node-lease}
spec: {holderIdentity: node-1, leaseDurationSeconds: 40, renewTime: "2024-05-01T10:00:00.000000Z"}
`},
	}
	v := kubectlschema.NewValidator(serverSource(served()))
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			obj := manifest(t, tc.manifest)
			errs, err := v.Validate(obj)
			if err != nil {
				t.Fatalf("Validate: %v", err)
			}
			if len(errs) > 0 {
				t.Errorf("valid manifest refused:\n%s", strings.Join(messages(errs), "\n"))
			}
			gv, _ := obj["apiVersion"].(string)
			if _, origin, _ := v.Document(gv); origin != kubectlschema.OriginServer {
				t.Errorf("document for %s came from %q, want the server's", gv, origin)
			}
		})
	}
}

// Talk 002's Deployment, and smaller mistakes, are refused against our
// documents with the messages the stage-1 kubectl prints.
func TestInvalidManifestsFail(t *testing.T) {
	tests := []struct {
		name     string
		manifest string
		want     []string // each must be among the errors
	}{
		{
			name: "container without a name",
			manifest: `
apiVersion: v1
kind: Pod
metadata: {name: web}
spec: {containers: [{image: nginx}]}
`,
			want: []string{`spec.containers[0].name: Required value`},
		},
		{
			name: "deployment without a selector",
			manifest: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web, image: nginx}]}}}
`,
			want: []string{`spec.selector: Required value`},
		},
		{
			name: "replicas as a word",
			manifest: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: three
  selector: {matchLabels: {app: web}}
  template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web, image: nginx}]}}
`,
			want: []string{`spec.replicas: Invalid value: "three": must be of type integer`},
		},
	}
	v := kubectlschema.NewValidator(serverSource(served()))
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			errs, err := v.Validate(manifest(t, tc.manifest))
			if err != nil {
				t.Fatalf("Validate: %v", err)
			}
			got := messages(errs)
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("missing error %q; got:\n%s", w, strings.Join(got, "\n"))
				}
			}
		})
	}
}

// Talk 002's Deployment gets, against our document, exactly the errors it
// gets against upstream Kubernetes v1.37's (the stage-1 built-in copy),
// plus one kind of error upstream cannot give: its NFS volumes are unknown
// fields here, because our VolumeSource has no nfs (the server could not
// store one either).
func TestTalk002SameAsUpstream(t *testing.T) {
	obj := manifest(t, readFile(t, talk002))
	ours, err := kubectlschema.NewValidator(serverSource(served())).Validate(obj)
	if err != nil {
		t.Fatalf("Validate against our document: %v", err)
	}
	upstream, err := kubectlschema.NewValidator(nil).Validate(obj) // nil source: built-in only
	if err != nil {
		t.Fatalf("Validate against upstream's document: %v", err)
	}
	want := append(messages(upstream),
		`unknown field "spec.volumes[1].nfs"`,
		`unknown field "spec.volumes[2].nfs"`)
	if diff := cmp.Diff(want, messages(ours)); diff != "" {
		t.Errorf("errors (-upstream's plus nfs +ours):\n%s", diff)
	}
	if len(upstream) < 5 {
		t.Errorf("upstream's document found %d errors, want talk 002's five at least", len(upstream))
	}
}
