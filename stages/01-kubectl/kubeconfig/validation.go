// Validation of the part of a kubeconfig a command is about to use: the
// chosen context's cluster and user. Problems elsewhere in the file do not
// matter, as upstream's ConfirmUsable.
//
// Interface:
//   - ErrEmptyConfig, IsEmptyConfig: nothing configured at all.
//   - IsContextNotFound: --context or current-context names a missing
//     context.
//   - validateCluster, validateAuthInfo: each returns every problem found,
//     in upstream client-go's words, so the user fixes them in one go.
//   - ConfigurationInvalidError: the list, printed as "invalid
//     configuration: ..." with several problems in brackets;
//     IsConfigurationInvalid tells one.
//   - ErrorMessage(err): the line kubectl prints for such an error, in
//     upstream cmdutil.CheckErr's form ("Error in configuration: ...").

package kubeconfig

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
)

var (
	// ErrEmptyConfig means no file, flag or environment variable gave a
	// server.
	ErrEmptyConfig = errors.New("no configuration has been provided, try setting KUBERNETES_MASTER environment variable")
	// errEmptyCluster is replaced by ErrEmptyConfig when it is the only
	// problem: an empty cluster means there was no configuration.
	errEmptyCluster = errors.New("cluster has no server defined")
)

// contextNotFoundError is a current-context (or --context) naming no
// context in the file.
type contextNotFoundError struct{ name string }

func (e *contextNotFoundError) Error() string {
	return fmt.Sprintf("context was not found for specified context: %v", e.name)
}

// requiredNotFoundError is a --context, --cluster or --user naming an
// entry that does not exist: `context "x" does not exist`.
type requiredNotFoundError struct{ kind, name string }

func (e *requiredNotFoundError) Error() string {
	return fmt.Sprintf("%s %q does not exist", e.kind, e.name)
}

// ConfigurationInvalidError lists what is wrong with the chosen context.
type ConfigurationInvalidError []error

func (e ConfigurationInvalidError) Error() string {
	msgs := make([]string, 0, len(e))
	seen := map[string]bool{}
	for _, err := range e {
		if m := err.Error(); !seen[m] {
			seen[m] = true
			msgs = append(msgs, m)
		}
	}
	if len(msgs) == 1 {
		return "invalid configuration: " + msgs[0]
	}
	return "invalid configuration: [" + strings.Join(msgs, ", ") + "]"
}

// Unwrap lets errors.Is/As see the individual problems.
func (e ConfigurationInvalidError) Unwrap() []error { return e }

func newConfigurationInvalid(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	return ConfigurationInvalidError(errs)
}

// IsConfigurationInvalid reports whether err is, or wraps, a
// ConfigurationInvalidError or a missing-context error (upstream's
// clientcmd.IsConfigurationInvalid).
func IsConfigurationInvalid(err error) bool {
	var invalid ConfigurationInvalidError
	var cnf *contextNotFoundError
	return errors.As(err, &invalid) || errors.As(err, &cnf)
}

// ErrorMessage returns what kubectl prints for a configuration error, as
// upstream's cmdutil.CheckErr words it, and whether err is one
// (IsConfigurationInvalid). A list of one problem is reported as that
// problem: "Error in configuration: context was not found for specified
// context: x" for a missing context, "error: no server found for cluster
// \"x\"" for anything else; several problems read
//
//	Error in configuration:
//	* first problem
//	* second problem
//
// (the first line ends in a space, as upstream's). The text has no
// trailing newline.
func ErrorMessage(err error) (string, bool) {
	var invalid ConfigurationInvalidError
	var cnf *contextNotFoundError
	switch {
	case errors.As(err, &invalid):
	case errors.As(err, &cnf):
		return "Error in configuration: " + cnf.Error(), true
	default:
		return "", false
	}
	var msgs []string
	for _, e := range invalid {
		if m := e.Error(); !slices.Contains(msgs, m) {
			msgs = append(msgs, m)
		}
	}
	switch {
	case len(msgs) > 1:
		return "Error in configuration: \n* " + strings.Join(msgs, "\n* "), true
	case errors.As(invalid[0], &cnf):
		return "Error in configuration: " + msgs[0], true
	default:
		return "error: " + msgs[0], true
	}
}

// IsEmptyConfig reports whether err means nothing was configured.
func IsEmptyConfig(err error) bool { return errors.Is(err, ErrEmptyConfig) }

// IsContextNotFound reports whether err means the chosen context does not
// exist.
func IsContextNotFound(err error) bool {
	var cnf *contextNotFoundError
	var rnf *requiredNotFoundError
	return errors.As(err, &cnf) || (errors.As(err, &rnf) && rnf.kind == "context")
}

// validateCluster checks the cluster a context points at.
func validateCluster(name string, c Cluster) []error {
	if reflect.DeepEqual(c, Cluster{}) {
		return []error{errEmptyCluster}
	}
	var errs []error
	if c.Server == "" {
		if name == "" {
			errs = append(errs, errors.New("default cluster has no server defined"))
		} else {
			errs = append(errs, fmt.Errorf("no server found for cluster %q", name))
		}
	}
	if c.CertificateAuthority != "" && len(c.CertificateAuthorityData) > 0 {
		errs = append(errs, fmt.Errorf("certificate-authority-data and certificate-authority are both specified for %v. certificate-authority-data will override.", name))
	}
	if c.CertificateAuthority != "" {
		if err := readable(c.CertificateAuthority); err != nil {
			errs = append(errs, fmt.Errorf("unable to read certificate-authority %v for %v due to %v", c.CertificateAuthority, name, err))
		}
	}
	return errs
}

// validateAuthInfo checks the user a context points at.
func validateAuthInfo(name string, a AuthInfo) []error {
	var errs []error
	var methods []string
	if a.Token != "" {
		methods = append(methods, "token")
	}
	if a.Username != "" || a.Password != "" {
		methods = append(methods, "basicAuth")
	}
	if a.ClientCertificate != "" || len(a.ClientCertificateData) > 0 {
		if a.ClientCertificate != "" && len(a.ClientCertificateData) > 0 {
			errs = append(errs, fmt.Errorf("client-cert-data and client-cert are both specified for %v. client-cert-data will override.", name))
		}
		if a.ClientKey != "" && len(a.ClientKeyData) > 0 {
			errs = append(errs, fmt.Errorf("client-key-data and client-key are both specified for %v; client-key-data will override", name))
		}
		if a.ClientKey == "" && len(a.ClientKeyData) == 0 {
			errs = append(errs, fmt.Errorf("client-key-data or client-key must be specified for %v to use the clientCert authentication method.", name))
		}
		if a.ClientCertificate != "" {
			if err := readable(a.ClientCertificate); err != nil {
				errs = append(errs, fmt.Errorf("unable to read client-cert %v for %v due to %v", a.ClientCertificate, name, err))
			}
		}
		if a.ClientKey != "" {
			if err := readable(a.ClientKey); err != nil {
				errs = append(errs, fmt.Errorf("unable to read client-key %v for %v due to %v", a.ClientKey, name, err))
			}
		}
	}
	if a.Exec != nil {
		errs = append(errs, validateExec(name, *a.Exec, a.AuthProvider != nil)...)
	}
	if len(methods) > 1 {
		errs = append(errs, fmt.Errorf("more than one authentication method found for %v; found %v, only one is allowed", name, methods))
	}
	if (a.ImpersonateUID != "" || len(a.ImpersonateGroups) > 0 || len(a.ImpersonateUserExtra) > 0) && a.Impersonate == "" {
		errs = append(errs, fmt.Errorf("requesting uid, groups or user-extra for %v without impersonating a user", name))
	}
	return errs
}

func validateExec(name string, e ExecConfig, hasAuthProvider bool) []error {
	var errs []error
	if hasAuthProvider {
		errs = append(errs, fmt.Errorf("authProvider cannot be provided in combination with an exec plugin for %s", name))
	}
	if e.Command == "" {
		errs = append(errs, fmt.Errorf("command must be specified for %v to use exec authentication plugin", name))
	}
	if e.APIVersion == "" {
		errs = append(errs, fmt.Errorf("apiVersion must be specified for %v to use exec authentication plugin", name))
	}
	for _, v := range e.Env {
		if v.Name == "" {
			errs = append(errs, fmt.Errorf("env variable name must be specified for %v to use exec authentication plugin", name))
		}
	}
	switch e.InteractiveMode {
	case "":
		errs = append(errs, fmt.Errorf("interactiveMode must be specified for %v to use exec authentication plugin", name))
	case NeverExecInteractiveMode, IfAvailableExecInteractiveMode, AlwaysExecInteractiveMode:
	default:
		errs = append(errs, fmt.Errorf("invalid interactiveMode for %v: %q", name, e.InteractiveMode))
	}
	return errs
}

func readable(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	return f.Close()
}
