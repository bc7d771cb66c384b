// `kubectl version`: this client's version and the server's.
//
// Interface:
//   - ClientVersion is the version this kubectl reports, in upstream's
//     shape ("v1.37.2") with "+kubeworkbook" as build metadata, so nobody
//     mistakes it for the upstream binary; the rest package puts it in the
//     User-Agent.
//   - ClientVersionInfo() is the full record (-o yaml|json).
//   - NewCmdVersion(env): "Client Version: ..." then "Server Version: ..."
//     (GET /version, never cached), --client to skip the server, and
//     upstream's warning when the two are more than one minor apart.
//
// Upstream also prints "Kustomize Version:"; this kubectl embeds no
// kustomize, so the line is left out.

package kubectl

import (
	"encoding/json"
	"fmt"
	"runtime"
	"runtime/debug"
	"strconv"

	"github.com/spf13/cobra"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/codec"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/rest"
)

// ClientVersion is the version of this kubectl: the Kubernetes release
// whose API and behaviour it follows, plus build metadata.
const ClientVersion = "v1.37.2+kubeworkbook"

// The major and minor of ClientVersion.
const (
	clientMajor = "1"
	clientMinor = "37"
)

// gitCommit and buildDate may be set at link time:
// go build -ldflags "-X github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/kubectl.gitCommit=$(git rev-parse HEAD)"
var (
	gitCommit = ""
	buildDate = "1970-01-01T00:00:00Z"
)

func init() {
	rest.Version = ClientVersion
	rest.GitCommit = commit()
}

// commit is the link-time commit, else the one the Go toolchain recorded.
func commit() string {
	if gitCommit != "" {
		return gitCommit
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" {
				return s.Value
			}
		}
	}
	return ""
}

// ClientVersionInfo describes this binary as upstream's version.Info does.
func ClientVersionInfo() metav1.VersionInfo {
	treeState := ""
	if c := commit(); c != "" {
		treeState = "clean"
	}
	return metav1.VersionInfo{
		Major: clientMajor, Minor: clientMinor,
		GitVersion: ClientVersion, GitCommit: commit(), GitTreeState: treeState,
		BuildDate: buildDate, GoVersion: runtime.Version(), Compiler: runtime.Compiler,
		Platform: runtime.GOOS + "/" + runtime.GOARCH,
	}
}

// versionOutput is what -o json|yaml prints.
type versionOutput struct {
	ClientVersion *metav1.VersionInfo `json:"clientVersion,omitempty"`
	ServerVersion *metav1.VersionInfo `json:"serverVersion,omitempty"`
}

// NewCmdVersion returns `kubectl version`.
func NewCmdVersion(env *Env) *cobra.Command {
	var clientOnly bool
	var output string
	cmd := &cobra.Command{
		Use:     "version",
		Short:   "Print the client and server version information",
		Example: "  # Print the client and server versions for the current context\n  kubectl version",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if output != "" && output != "yaml" && output != "json" {
				return fmt.Errorf("--output must be 'yaml' or 'json'")
			}
			client := ClientVersionInfo()
			out := versionOutput{ClientVersion: &client}
			var serverErr error
			if !clientOnly {
				disco, err := env.Discovery()
				if err == nil {
					out.ServerVersion, err = disco.ServerVersion(cmd.Context())
				}
				serverErr = err
			}
			if err := printVersion(env, out, output); err != nil {
				return err
			}
			return serverErr
		},
	}
	cmd.Flags().BoolVar(&clientOnly, "client", false, "If true, shows client version only (no server required).")
	cmd.Flags().StringVarP(&output, "output", "o", "", "One of 'yaml' or 'json'.")
	return cmd
}

// printVersion writes the versions in the chosen format.
func printVersion(env *Env, v versionOutput, output string) error {
	switch output {
	case "json":
		data, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return err
		}
		fmt.Fprintln(env.Streams.Out, string(data))
		return nil
	case "yaml":
		data, err := codec.EncodeYAML(v)
		if err != nil {
			return err
		}
		_, err = env.Streams.Out.Write(data)
		return err
	}
	fmt.Fprintf(env.Streams.Out, "Client Version: %s\n", v.ClientVersion.GitVersion)
	if v.ServerVersion == nil {
		return nil
	}
	fmt.Fprintf(env.Streams.Out, "Server Version: %s\n", v.ServerVersion.GitVersion)
	if w := skewWarning(v.ClientVersion, v.ServerVersion); w != "" {
		fmt.Fprintln(env.Streams.ErrOut, w)
	}
	return nil
}

// skewWarning is upstream's warning for a client and server more than one
// minor version apart; "" otherwise or when a minor is unreadable.
func skewWarning(client, server *metav1.VersionInfo) string {
	cm, err1 := strconv.Atoi(client.Minor)
	sm, err2 := strconv.Atoi(trimPlus(server.Minor))
	if err1 != nil || err2 != nil || client.Major != server.Major {
		return ""
	}
	if d := cm - sm; d > 1 || d < -1 {
		return fmt.Sprintf("WARNING: version difference between client (%s.%d) and server (%s.%d) exceeds the supported minor version skew of +/-1",
			client.Major, cm, server.Major, sm)
	}
	return ""
}

// trimPlus drops the "+" some providers append to the minor ("27+").
func trimPlus(s string) string {
	for i, r := range s {
		if r < '0' || r > '9' {
			return s[:i]
		}
	}
	return s
}
