package schema

import (
	"os"
	"testing"

	"sigs.k8s.io/yaml"

	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// manifest decodes a YAML manifest the way kubectl's decoder does (YAML to
// JSON, numbers as float64).
func manifest(t testing.TB, text string) map[string]any {
	t.Helper()
	var obj map[string]any
	if err := yaml.Unmarshal([]byte(text), &obj); err != nil {
		t.Fatalf("decode test manifest: %v", err)
	}
	return obj
}

// messages renders an error list as the lines a user sees.
func messages(errs field.ErrorList) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

// builtinDoc returns the built-in document of apiVersion or fails the test.
func builtinDoc(t testing.TB, apiVersion string) *Document {
	t.Helper()
	d, err := BuiltinFor(apiVersion)
	if err != nil {
		t.Fatalf("BuiltinFor(%q): %v", apiVersion, err)
	}
	return d
}

// validDeployment is talk 002's nginx Deployment as it was meant to be: the
// pod spec inside the template, resources and ports inside the container,
// the image tagged with ":". It also sets pod-level resources, valid since
// Kubernetes v1.34's PodLevelResources and part of the v1.37 schema.
const validDeployment = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      resources:
        limits:
          cpu: "1"
          memory: 128Mi
      containers:
        - name: nginx
          image: nginx:1.23.2-alpine
          imagePullPolicy: IfNotPresent
          volumeMounts:
            - name: data
              mountPath: /usr/share/nginx/html
          resources:
            requests:
              memory: "8Mi"
              cpu: "10m"
            limits:
              memory: "64Mi"
              cpu: 1
          ports:
            - containerPort: 80
      volumes:
        - name: data
          nfs:
            path: /export/content
            server: nas.domain.lan
`

// mustRead returns a test file's contents.
func mustRead(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
