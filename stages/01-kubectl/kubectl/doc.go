// Package kubectl is the stage-1 client: the cobra commands of kubectl,
// from the flags a user types to the requests the API server receives.
//
// Every command follows the road talk 000 walks ("Story of a kubectl
// command") and talk 001 describes ("Client Interactions"):
//
//  1. Client-side validation, before any request: arguments and required
//     flags, image references, and manifests against the built-in
//     Kubernetes v1.37 schema (validation.go). Talk 002's broken nginx
//     Deployment is rejected here with nothing sent, not even discovery.
//  2. A generator builds the object from flags (generate_*.go), or the
//     object is read from -f files (filenames.go, manifests.go).
//  3. The kubeconfig becomes a client, lazily (env.go, the package
//     stages/01-kubectl/kubeconfig and .../rest).
//  4. API discovery maps "deploy" or "apps/v1, Kind=Deployment" to a URL,
//     from an on-disk cache shared with the upstream kubectl
//     (stages/01-kubectl/discovery).
//  5. The request (objects.go), logged at -v 6 and up; the answer is
//     printed as upstream prints it (stages/01-kubectl/printers), or the
//     error as the last line: "Error from server (NotFound): ..." or
//     "error: ..." (errors.go).
//
// Usage, in-process as the tests run it:
//
//	var out, errOut bytes.Buffer
//	cmd := kubectl.NewKubectlCommand(kubectl.IOStreams{In: os.Stdin, Out: &out, ErrOut: &errOut})
//	cmd.SetArgs([]string{"create", "deployment", "nginx", "--image=nginx", "--dry-run=client", "-o", "yaml"})
//	if err := cmd.Execute(); err != nil {
//		fmt.Fprintln(os.Stderr, kubectl.ErrorMessage(err))
//		os.Exit(kubectl.ExitCode(err))
//	}
//
// Files by command: create.go and create_generators.go (create -f, create
// deployment|namespace|configmap|secret generic|serviceaccount), run.go,
// expose.go, apply.go (client-side three-way merge, or --server-side),
// get.go and get_watch.go, describe*.go, delete.go, scale.go, edit.go,
// logs.go, exec.go (over websocket.go and remotecommand.go),
// apiresources.go (api-resources, api-versions), version.go, config.go.
// Shared pieces: root.go (the tree and global flags), configflags.go,
// env.go, write.go (the create path), output.go (-o, --dry-run),
// resource_args.go (TYPE NAME, TYPE/NAME, "all"), mergepatch.go,
// podfor.go, int32flag.go (--replicas, --port), qos.go (describe's QoS
// Class).
//
// What upstream kubectl does differently: apply and edit send JSON merge
// patches rather than strategic merge patches (lists such as containers
// are replaced whole); exec speaks only the websocket protocol (no SPDY
// fallback) and does not put the local terminal into raw mode; run never
// attaches; there is no kustomize (-k) and there are no plugins.
package kubectl
