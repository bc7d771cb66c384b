// Loading kubeconfig files: which files, in which order, and how several
// become one (talk 001, "Client Interactions": kubectl reads the kubeconfig
// from the default location, from $KUBECONFIG, or from --kubeconfig).
//
// Interface:
//   - LoadingRules{ExplicitPath, Precedence}; NewDefaultLoadingRules reads
//     $KUBECONFIG and $HOME.
//   - (*LoadingRules).Load: the merged Config, relative paths resolved.
//   - LoadFile / Parse: one file as written (paths untouched), and
//     Marshal / WriteFile to write one back.
//
// Precedence: --kubeconfig names exactly one file, which must exist;
// otherwise every file in the colon-separated $KUBECONFIG is read (missing
// ones skipped); otherwise ~/.kube/config. Merging follows upstream
// clientcmd: for clusters, users and contexts the first file that defines
// a name wins, whole entry; current-context comes from the first file that
// sets it.

package kubeconfig

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"k8s.io/klog/v2"
	"sigs.k8s.io/yaml"
)

// Names of the default locations.
const (
	RecommendedConfigPathEnvVar = "KUBECONFIG"
	RecommendedHomeDir          = ".kube"
	RecommendedFileName         = "config"
)

// LoadingRules says which files make up the configuration.
type LoadingRules struct {
	// ExplicitPath is --kubeconfig. When set, Precedence is ignored and
	// the file must exist.
	ExplicitPath string
	// Precedence lists candidate files, highest priority first. Missing
	// files are skipped.
	Precedence []string
	// WarnIfAllMissing logs "Config not found: FILES" at -v 6 when no file
	// of Precedence exists; set when the list came from $KUBECONFIG, which
	// the user wrote.
	WarnIfAllMissing bool
}

// NewDefaultLoadingRules returns the rules kubectl uses before flags are
// parsed: the files of $KUBECONFIG (split on ':', duplicates dropped) if
// it is set, else $HOME/.kube/config. The caller sets ExplicitPath from
// --kubeconfig.
func NewDefaultLoadingRules() *LoadingRules {
	if env := os.Getenv(RecommendedConfigPathEnvVar); env != "" {
		var files []string
		for _, f := range filepath.SplitList(env) {
			if f != "" && !slices.Contains(files, f) {
				files = append(files, f)
			}
		}
		return &LoadingRules{Precedence: files, WarnIfAllMissing: true}
	}
	return &LoadingRules{Precedence: []string{RecommendedHomeFile()}}
}

// RecommendedHomeFile is $HOME/.kube/config.
func RecommendedHomeFile() string {
	home := os.Getenv("HOME")
	if home == "" {
		home, _ = os.UserHomeDir()
	}
	return filepath.Join(home, RecommendedHomeDir, RecommendedFileName)
}

// Files returns the files Load reads, in priority order: the explicit
// file alone, or the precedence list.
func (r *LoadingRules) Files() []string {
	if r.ExplicitPath != "" {
		return []string{r.ExplicitPath}
	}
	return slices.Clone(r.Precedence)
}

// Load reads and merges the files. A missing ExplicitPath is an error
// (the os.Stat error, as upstream reports it); other missing files are
// skipped, with a -v 6 line if WarnIfAllMissing and none exists (upstream
// kubectl no longer warns at the default level: the command's own error
// says enough).
// Unreadable or malformed files are errors naming the file. No file at all
// yields an empty Config, not an error.
func (r *LoadingRules) Load() (*Config, error) {
	if r.ExplicitPath != "" {
		if _, err := os.Stat(r.ExplicitPath); err != nil {
			return nil, err
		}
	}
	var loaded []*Config
	var missing []string
	for _, file := range r.Files() {
		cfg, err := LoadFile(file)
		if errors.Is(err, os.ErrNotExist) {
			missing = append(missing, file)
			continue
		}
		if err != nil {
			return nil, err
		}
		if err := resolvePaths(cfg, filepath.Dir(file)); err != nil {
			return nil, fmt.Errorf("error loading config file %q: %w", file, err)
		}
		loaded = append(loaded, cfg)
	}
	if len(loaded) == 0 && len(missing) > 0 && r.WarnIfAllMissing {
		klog.V(6).Infof("Config not found: %s", strings.Join(missing, ", "))
	}
	return merge(loaded), nil
}

// LoadFile reads one file exactly as written: relative paths stay
// relative. It logs "Config loaded from file:  PATH" at -v 6, the first
// line of talk 000's "kubectl get deployments -v 6". A missing file returns
// an error satisfying errors.Is(err, os.ErrNotExist).
func LoadFile(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	cfg, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("error loading config file %q: %w", path, err)
	}
	// Infoln puts a space between its operands, hence upstream's two
	// spaces after the colon.
	klog.V(6).Infoln("Config loaded from file: ", path)
	return cfg, nil
}

// Parse decodes a kubeconfig document (YAML or JSON). Empty input is an
// empty Config. Unknown fields are ignored, as upstream does; a wrong kind
// or apiVersion and duplicate names in a list are errors. Lists come back
// sorted by name, and exec plugins of v1beta1 get interactiveMode
// IfAvailable.
func Parse(data []byte) (*Config, error) {
	cfg := &Config{}
	if len(strings.TrimSpace(string(data))) == 0 {
		return cfg, nil
	}
	if err := yaml.Unmarshal(data, cfg); err != nil {
		return nil, err
	}
	if cfg.Kind != "" && cfg.Kind != "Config" {
		return nil, fmt.Errorf("kind is %q, want Config", cfg.Kind)
	}
	if cfg.APIVersion != "" && cfg.APIVersion != "v1" {
		return nil, fmt.Errorf("apiVersion is %q, want v1", cfg.APIVersion)
	}
	if err := checkUniqueNames(cfg); err != nil {
		return nil, err
	}
	for i := range cfg.AuthInfos {
		defaultExec(cfg.AuthInfos[i].AuthInfo.Exec)
	}
	sortByName(cfg)
	return cfg, nil
}

// defaultExec fills interactiveMode for plugins written before it
// existed; v1 plugins must state it.
func defaultExec(e *ExecConfig) {
	if e == nil || e.InteractiveMode != "" {
		return
	}
	switch e.APIVersion {
	case "client.authentication.k8s.io/v1beta1", "client.authentication.k8s.io/v1alpha1":
		e.InteractiveMode = IfAvailableExecInteractiveMode
	}
}

func checkUniqueNames(cfg *Config) error {
	check := func(list string, names []string) error {
		seen := map[string]bool{}
		for _, n := range names {
			if seen[n] {
				return fmt.Errorf("duplicate name %q in %s", n, list)
			}
			seen[n] = true
		}
		return nil
	}
	var clusters, users, contexts []string
	for _, c := range cfg.Clusters {
		clusters = append(clusters, c.Name)
	}
	for _, u := range cfg.AuthInfos {
		users = append(users, u.Name)
	}
	for _, c := range cfg.Contexts {
		contexts = append(contexts, c.Name)
	}
	return errors.Join(check("clusters", clusters), check("users", users), check("contexts", contexts))
}

func sortByName(cfg *Config) {
	slices.SortFunc(cfg.Clusters, func(a, b NamedCluster) int { return strings.Compare(a.Name, b.Name) })
	slices.SortFunc(cfg.AuthInfos, func(a, b NamedAuthInfo) int { return strings.Compare(a.Name, b.Name) })
	slices.SortFunc(cfg.Contexts, func(a, b NamedContext) int { return strings.Compare(a.Name, b.Name) })
}

// merge combines configs in priority order. A name seen once is never
// replaced, not even field by field: two files defining user "admin" give
// the first file's admin, whole. current-context and preferences come from
// the first config that sets them.
func merge(configs []*Config) *Config {
	out := &Config{}
	for _, c := range configs {
		for _, e := range c.Clusters {
			if _, ok := out.Cluster(e.Name); !ok {
				out.Clusters = append(out.Clusters, e)
			}
		}
		for _, e := range c.AuthInfos {
			if _, ok := out.AuthInfo(e.Name); !ok {
				out.AuthInfos = append(out.AuthInfos, e)
			}
		}
		for _, e := range c.Contexts {
			if _, ok := out.Context(e.Name); !ok {
				out.Contexts = append(out.Contexts, e)
			}
		}
		for _, e := range c.Extensions {
			if !slices.ContainsFunc(out.Extensions, func(x NamedExtension) bool { return x.Name == e.Name }) {
				out.Extensions = append(out.Extensions, e)
			}
		}
		if out.CurrentContext == "" {
			out.CurrentContext = c.CurrentContext
		}
		if out.Preferences.IsZero() {
			out.Preferences = c.Preferences
		}
	}
	sortByName(out)
	return out
}

// resolvePaths makes the file references in cfg absolute, relative to dir
// (the directory of the file they were read from). An exec command is
// resolved only when it contains a slash; a bare name is looked up in PATH
// when the plugin runs.
func resolvePaths(cfg *Config, dir string) error {
	base, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	resolve := func(p *string) {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(base, *p)
		}
	}
	for i := range cfg.Clusters {
		resolve(&cfg.Clusters[i].Cluster.CertificateAuthority)
	}
	for i := range cfg.AuthInfos {
		a := &cfg.AuthInfos[i].AuthInfo
		resolve(&a.ClientCertificate)
		resolve(&a.ClientKey)
		resolve(&a.TokenFile)
		if a.Exec != nil && strings.ContainsRune(a.Exec.Command, filepath.Separator) {
			resolve(&a.Exec.Command)
		}
	}
	return nil
}

// Marshal encodes cfg as YAML, keys sorted, the form `kubectl config view`
// prints and kubeconfig files are written in. Empty kind and apiVersion are
// filled with Config and v1.
func Marshal(cfg *Config) ([]byte, error) {
	out := *cfg
	if out.Kind == "" {
		out.Kind = "Config"
	}
	if out.APIVersion == "" {
		out.APIVersion = "v1"
	}
	return yaml.Marshal(&out)
}

// WriteFile replaces path with cfg, creating the directory if needed. The
// file is written to a temporary name and renamed, so a crash never leaves
// half a kubeconfig; a symlink is followed so the link survives; a new
// file gets mode 0600 since it may hold secrets.
func WriteFile(cfg *Config, path string) error {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	data, err := Marshal(cfg)
	if err != nil {
		return fmt.Errorf("write kubeconfig %s: %w", path, err)
	}
	mode := os.FileMode(0o600)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("write kubeconfig %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write kubeconfig %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write kubeconfig %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write kubeconfig %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		return fmt.Errorf("write kubeconfig %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write kubeconfig %s: %w", path, err)
	}
	return nil
}
