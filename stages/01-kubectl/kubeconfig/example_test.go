package kubeconfig_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/kubeconfig"
)

const exampleConfig = `apiVersion: v1
kind: Config
current-context: kind-dev
clusters:
- name: kind
  cluster:
    server: https://127.0.0.1:6443
    certificate-authority-data: Q0E=
users:
- name: kind-admin
  user:
    token: abc123
contexts:
- name: kind-dev
  context: {cluster: kind, user: kind-admin, namespace: dev}
`

// Resolving the current context plus a -n flag, the way every kubectl
// command starts.
func ExampleClientConfig() {
	dir, _ := os.MkdirTemp("", "kubeconfig-example")
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "config")
	_ = os.WriteFile(file, []byte(exampleConfig), 0o600)

	rules := &kubeconfig.LoadingRules{ExplicitPath: file} // --kubeconfig
	cc := kubeconfig.NewClientConfig(rules, kubeconfig.Overrides{Namespace: "kube-system"})
	cfg, err := cc.RESTConfig()
	if err != nil {
		fmt.Println(err)
		return
	}
	ns, fromFlag, _ := cc.Namespace()
	fmt.Println(cfg.Host, cfg.BearerToken, string(cfg.TLSClientConfig.CAData))
	fmt.Println(ns, fromFlag)

	_, err = kubeconfig.NewClientConfig(rules, kubeconfig.Overrides{Context: "prod"}).RESTConfig()
	fmt.Println(err)
	// Output:
	// https://127.0.0.1:6443 abc123 CA
	// kube-system true
	// context "prod" does not exist
}

// `kubectl config view` hides secrets.
func ExampleLoadingRules_View() {
	dir, _ := os.MkdirTemp("", "kubeconfig-example")
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "config")
	_ = os.WriteFile(file, []byte(exampleConfig), 0o600)

	cfg, _ := (&kubeconfig.LoadingRules{ExplicitPath: file}).View(kubeconfig.ViewOptions{})
	out, _ := kubeconfig.Marshal(cfg)
	fmt.Print(string(out))
	// Output:
	// apiVersion: v1
	// clusters:
	// - cluster:
	//     certificate-authority-data: DATA+OMITTED
	//     server: https://127.0.0.1:6443
	//   name: kind
	// contexts:
	// - context:
	//     cluster: kind
	//     namespace: dev
	//     user: kind-admin
	//   name: kind-dev
	// current-context: kind-dev
	// kind: Config
	// users:
	// - name: kind-admin
	//   user:
	//     token: REDACTED
}
