package kubectl_test

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/kubectl"
)

// Running kubectl in-process: a client dry run needs no server, and a bad
// image never leaves the client.
func ExampleNewKubectlCommand() {
	for _, args := range [][]string{
		{"create", "deployment", "nginx", "--image=nginx", "--dry-run=client"},
		{"create", "deployment", "web", "--image=nginx 1.23.2-alpine", "--dry-run=client"},
	} {
		var out bytes.Buffer
		cmd := kubectl.NewKubectlCommand(kubectl.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: io.Discard})
		cmd.SetArgs(args)
		if err := cmd.Execute(); err != nil {
			msg := kubectl.ErrorMessage(err)
			fmt.Println(msg[:strings.Index(msg, ": invalid reference format")])
			continue
		}
		fmt.Print(out.String())
	}
	// Output:
	// deployment.apps/nginx created (dry run)
	// error: The Deployment "web" is invalid: spec.template.spec.containers[0].image: Invalid value: "nginx 1.23.2-alpine"
}

// The generator behind `kubectl create deployment`.
func ExampleGenerateDeployment() {
	d := kubectl.GenerateDeployment(kubectl.DeploymentParams{
		Name: "web", Images: []string{"nginx:1.27", "registry.example.com/team/cache:7"}, Replicas: 3, Port: 80,
	})
	fmt.Println(d.Labels, *d.Spec.Replicas, d.Spec.Selector.MatchLabels)
	for _, c := range d.Spec.Template.Spec.Containers {
		fmt.Println(c.Name, c.Image, c.Ports)
	}
	// Output:
	// map[app:web] 3 map[app:web]
	// nginx nginx:1.27 [{ 0 80  }]
	// cache registry.example.com/team/cache:7 []
}
