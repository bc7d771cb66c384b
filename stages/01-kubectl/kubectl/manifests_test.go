package kubectl

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeManifest writes content to a file named name in a fresh directory
// and returns its path.
func writeManifest(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// Talk 000, "API discovery": even a client dry run maps the manifest's
// kind through discovery and checks its namespace, as upstream does, so
// a kind the server does not serve fails instead of printing "created".
func TestCreateFromFileMapsKindEvenForDryRun(t *testing.T) {
	const crdHint = "\nensure CRDs are installed first"
	unknown := "apiVersion: v1\nkind: Foo\nmetadata:\n  name: f\n"
	appsV2 := "apiVersion: apps/v2\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels: {app: d}\n  template:\n    metadata:\n      labels: {app: d}\n    spec:\n      containers:\n      - name: a\n        image: nginx\n"
	inDefault := "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: n1\n  namespace: default\n"
	tests := []struct {
		name    string
		file    string
		content string
		extra   []string
		want    string
	}{
		{"unknown kind, dry run", "unk.yaml", unknown, []string{"--dry-run=client"},
			`error: resource mapping not found for name: "f" namespace: "" from "unk.yaml": no matches for kind "Foo" in version "v1"` + crdHint},
		{"unknown kind, sent", "unk.yaml", unknown, nil,
			`error: resource mapping not found for name: "f" namespace: "" from "unk.yaml": no matches for kind "Foo" in version "v1"` + crdHint},
		{"unknown version, dry run", "v2.yaml", appsV2, []string{"--dry-run=client"},
			`error: resource mapping not found for name: "d" namespace: "" from "v2.yaml": no matches for kind "Deployment" in version "apps/v2"` + crdHint},
		{"namespace differs from -n, dry run", "nsobj.yaml", inDefault, []string{"-n", "other", "--dry-run=client"},
			`error: the namespace from the provided object "default" does not match the namespace "other". You must pass '--namespace=default' to perform this operation.`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := newCluster(t)
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, tc.file), []byte(tc.content), 0o644); err != nil {
				t.Fatal(err)
			}
			t.Chdir(dir)
			r := c.run(t, append([]string{"create", "-f", tc.file}, tc.extra...)...)
			if r.err == nil {
				t.Fatalf("create succeeded, printed %q", r.out)
			}
			if r.message() != tc.want {
				t.Errorf("error:\n%s\nwant:\n%s", r.message(), tc.want)
			}
			if got := c.requests(); len(got) != 0 {
				t.Errorf("object requests sent: %v", got)
			}
		})
	}
}

// Talk 000, "Client side validation": a manifest the built-in schema
// rejects fails before discovery, dry run or not.
func TestDryRunRejectsInvalidManifestWithoutRequests(t *testing.T) {
	c := newCluster(t)
	path := writeManifest(t, "bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: 3\n")
	r := c.run(t, "create", "-f", path, "--dry-run=client")
	if r.err == nil {
		t.Fatal("create of an invalid manifest succeeded")
	}
	if reqs := c.srv.Requests(); len(reqs) != 0 {
		t.Errorf("%d requests sent for a manifest the built-in schema rejects", len(reqs))
	}
}

// Upstream's resource builder writes the namespace into a namespaced
// object read from a file, so a dry run prints it; cluster-scoped kinds
// stay without one.
func TestCreateFromFileDryRunStampsNamespace(t *testing.T) {
	tests := []struct {
		name, content string
		args          []string
		want          string
	}{
		{"default namespace", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: l1\n", nil,
			"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: l1\n  namespace: default\n"},
		{"-n", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: l1\n", []string{"-n", "kube-system"},
			"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: l1\n  namespace: kube-system\n"},
		{"cluster-scoped", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: nsx\n", []string{"-n", "kube-system"},
			"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: nsx\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := newCluster(t)
			path := writeManifest(t, "obj.yaml", tc.content)
			r := c.run(t, append([]string{"create", "-f", path, "--dry-run=client", "-o", "yaml"}, tc.args...)...)
			mustSucceed(t, r)
			if r.out != tc.want {
				t.Errorf("output:\n%s\nwant:\n%s", r.out, tc.want)
			}
		})
	}
}

// Several objects in one file: a failing one does not stop the others,
// as upstream's ContinueOnError.
func TestCreateFromFileContinuesAfterMappingError(t *testing.T) {
	c := newCluster(t)
	path := writeManifest(t, "mix.yaml", "apiVersion: v1\nkind: Foo\nmetadata:\n  name: f\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: m2\n")
	r := c.run(t, "create", "-f", path)
	if r.err == nil || !strings.Contains(r.message(), `no matches for kind "Foo"`) {
		t.Fatalf("error %q, want the mapping error", r.message())
	}
	if r.out != "configmap/m2 created\n" {
		t.Errorf("output %q", r.out)
	}
}

// Talk 000, "Client side validation": what the decoded object cannot
// show is still refused, by path: a key given twice (the API server's
// strict decoding says `duplicate field "metadata.name"`), and an object
// without any name. Nothing is sent.
func TestCreateFromFileRejectsDuplicatesAndMissingName(t *testing.T) {
	tests := []struct {
		name, file, content string
		want                string
	}{
		{"duplicate key in YAML", "dup.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: dup, name: dup2}\n",
			`error: error validating "dup.yaml": error validating data: metadata.name: Duplicate value: duplicate field "metadata.name": the key is given more than once and only its last value would be kept; ` + schemaStop},
		{"duplicate key in JSON", "dup.json", `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","name":"b"}}`,
			`error: error validating "dup.json": error validating data: metadata.name: Duplicate value: duplicate field "metadata.name": the key is given more than once and only its last value would be kept; ` + schemaStop},
		{"metadata null", "null.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: null\n",
			`error: error validating "null.yaml": error validating data: metadata.name: Required value: name or generateName is required; ` + schemaStop},
		{"huge number in digits", "big.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: nginx, ports: [{containerPort: 100000000000000000000}]}]\n",
			`error: error validating "big.yaml": error validating data: spec.containers[0].ports[0].containerPort: Invalid value: 100000000000000000000: must fit in a 32-bit integer (int32); ` + schemaStop},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := newCluster(t)
			t.Chdir(filepath.Dir(writeManifest(t, tc.file, tc.content)))
			r := c.run(t, "create", "-f", tc.file, "--dry-run=client")
			if r.message() != tc.want {
				t.Errorf("error:\n%s\nwant:\n%s", r.message(), tc.want)
			}
			if reqs := c.srv.Requests(); len(reqs) != 0 {
				t.Errorf("%d requests sent", len(reqs))
			}
		})
	}
}

// schemaStop ends every validation error, as upstream's does.
const schemaStop = "if you choose to ignore these errors, turn validation off with --validate=false"

// A file of several objects (documents, or the items of a List) names
// the object each validation error is about.
func TestValidationErrorsNameTheObject(t *testing.T) {
	c := newCluster(t)
	t.Chdir(filepath.Dir(writeManifest(t, "multi.yaml",
		"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n"+
			"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\ndata: 3\n---\n"+
			"apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: c}, dta: {}}\n")))
	r := c.run(t, "create", "-f", "multi.yaml")
	want := `error: error validating "multi.yaml" (document 2: ConfigMap "b"): error validating data: data: Invalid value: 3: must be of type object; ` + schemaStop + "\n" +
		`error: error validating "multi.yaml" (document 3, items[0]: ConfigMap "c"): error validating data: unknown field "dta": did you mean "data"?; ` + schemaStop
	if r.message() != want {
		t.Errorf("error:\n%s\nwant:\n%s", r.message(), want)
	}
}

// Upstream's -f takes URLs; the manifest is fetched with one GET and
// then treated as a file.
func TestCreateFromURL(t *testing.T) {
	manifests := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/cm.yaml" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-url}\n")
	}))
	defer manifests.Close()
	c := newCluster(t)
	r := c.run(t, "create", "-f", manifests.URL+"/cm.yaml")
	mustSucceed(t, r)
	if r.out != "configmap/from-url created\n" {
		t.Errorf("output %q", r.out)
	}
	r = c.run(t, "create", "-f", manifests.URL+"/missing.yaml")
	want := fmt.Sprintf(`error: unable to read URL %q, server reported 404 Not Found, status code=404`, manifests.URL+"/missing.yaml")
	if r.message() != want {
		t.Errorf("error:\n%s\nwant:\n%s", r.message(), want)
	}
}
