// Config: everything kube-apiserver is told at start, with upstream's flag
// names.
//
// Interface:
//   - Config and NewConfig(): the settings and their defaults.
//   - (*Config).AddFlags(fs): --data-dir, --bind-address, --secure-port,
//     --etcd-servers, --etcd-cafile/--etcd-certfile/--etcd-keyfile,
//     --etcd-prefix, --max-request-bytes, and the request chain's flags
//     of authconfig.go (--client-ca-file, --authorization-mode, ...).
//   - (*Config).Validate: the checks Start runs first, each naming the flag
//     and the fix.
//
// cmd/kube-apiserver binds these flags and hands the Config to Run; tests
// fill a Config directly. Two flags are this project's own: --data-dir,
// since upstream takes a dozen paths (--tls-cert-file, --etcd-cafile,
// ...) where this server derives them from one directory (layout.go),
// and --max-request-bytes, the body limit upstream compiles in (3 MiB).
package server

import (
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/spf13/pflag"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/audit"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/endpoints"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
)

// Defaults, as upstream kube-apiserver has them.
const (
	DefaultBindAddress = "127.0.0.1"
	DefaultSecurePort  = 6443
	// DefaultMaxRequestBytes is upstream's limit on a request body, 3 MiB;
	// a larger body is refused with 413 before it is decoded.
	DefaultMaxRequestBytes = endpoints.DefaultMaxRequestBodyBytes
)

// Config is the server's configuration. The zero value is not usable;
// start from NewConfig.
type Config struct {
	// DataDir holds everything the server keeps: etcd/ (the embedded
	// etcd, unless EtcdServers is set), pki/, admin.kubeconfig and
	// address. Required.
	DataDir string
	// BindAddress is the IP the HTTPS listener binds; loopback by
	// default, so nothing outside the machine can reach the server.
	BindAddress string
	// SecurePort is the HTTPS port; 0 picks a free one, which the server
	// writes to DataDir/address.
	SecurePort int
	// EtcdServers are the client URLs of an external etcd cluster; empty
	// starts an embedded etcd in DataDir/etcd.
	EtcdServers []string
	// EtcdTLS are the files for TLS to an external etcd.
	EtcdTLS storage.TLSOptions
	// EtcdPrefix is the root of every key in etcd ("/registry"). Servers
	// that share one etcd must share the prefix to share the objects.
	EtcdPrefix string
	// MaxRequestBytes bounds a request body (413 above it).
	MaxRequestBytes int64
	// AdvertiseAddress is the IP the kubernetes Service's endpoints name,
	// the address pods reach this server at; empty means BindAddress.
	// A loopback address is not published (see kubernetes_service.go).
	AdvertiseAddress string
	// ServiceClusterIPRange is the IPv4 range cluster IPs come from; its
	// first address is the kubernetes Service's.
	ServiceClusterIPRange string
	// ServiceNodePortRange is "first-last", the range node ports come from.
	ServiceNodePortRange string
	// Authentication and Authorization configure the request chain
	// (authconfig.go, chain.go).
	Authentication AuthenticationOptions
	Authorization  AuthorizationOptions
	// Admission picks the admission plugins (admission.go).
	Admission admission.Options
	// Audit configures the audit log (--audit-log-path, ...).
	Audit *audit.Options
	// Embed configures the embedded etcd; it has no flags. Tests set
	// etcdtest.Options() to skip fsync.
	Embed storage.EmbedOptions
}

// NewConfig returns a Config with upstream's defaults; only DataDir is
// left to set.
func NewConfig() *Config {
	return &Config{
		BindAddress:     DefaultBindAddress,
		SecurePort:      DefaultSecurePort,
		EtcdPrefix:      storage.DefaultPrefix,
		MaxRequestBytes: DefaultMaxRequestBytes,

		ServiceClusterIPRange: registry.DefaultServiceCIDR,
		ServiceNodePortRange:  registry.DefaultNodePortRange,

		Authentication: newAuthenticationOptions(),
		Authorization:  newAuthorizationOptions(),
		Audit:          audit.NewOptions(),
	}
}

// AddFlags binds c's fields to flags of fs under upstream's names.
func (c *Config) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&c.DataDir, "data-dir", c.DataDir,
		"Directory for the embedded etcd, the certificates (pki/), admin.kubeconfig and the address file. Required.")
	fs.StringVar(&c.BindAddress, "bind-address", c.BindAddress,
		"The IP address on which to listen for the --secure-port port.")
	fs.IntVar(&c.SecurePort, "secure-port", c.SecurePort,
		"The port on which to serve HTTPS with authentication and authorization. 0 picks a free port, written to DATA_DIR/address.")
	fs.StringSliceVar(&c.EtcdServers, "etcd-servers", c.EtcdServers,
		"List of etcd servers to connect with (scheme://ip:port), comma separated. Empty starts an embedded etcd in DATA_DIR/etcd.")
	fs.StringVar(&c.EtcdTLS.CAFile, "etcd-cafile", c.EtcdTLS.CAFile, "SSL Certificate Authority file used to secure etcd communication.")
	fs.StringVar(&c.EtcdTLS.CertFile, "etcd-certfile", c.EtcdTLS.CertFile, "SSL certification file used to secure etcd communication.")
	fs.StringVar(&c.EtcdTLS.KeyFile, "etcd-keyfile", c.EtcdTLS.KeyFile, "SSL key file used to secure etcd communication.")
	fs.StringVar(&c.EtcdPrefix, "etcd-prefix", c.EtcdPrefix, "The prefix to prepend to all resource paths in etcd.")
	fs.Int64Var(&c.MaxRequestBytes, "max-request-bytes", c.MaxRequestBytes,
		"The largest request body the server reads, in bytes; larger ones get 413 Request Entity Too Large.")
	fs.StringVar(&c.AdvertiseAddress, "advertise-address", c.AdvertiseAddress,
		"The IP address on which to advertise the apiserver to members of the cluster (the kubernetes Service's endpoints). Empty uses --bind-address.")
	fs.StringVar(&c.ServiceClusterIPRange, "service-cluster-ip-range", c.ServiceClusterIPRange,
		"A CIDR IP range from which to assign service cluster IPs. Its first address is the kubernetes Service's.")
	fs.StringVar(&c.ServiceNodePortRange, "service-node-port-range", c.ServiceNodePortRange,
		"A port range to reserve for services with NodePort visibility, first-last (both inclusive).")
	c.Authentication.AddFlags(fs)
	c.Authorization.AddFlags(fs)
	c.Admission.AddFlags(fs, admissionPlugins(nil))
	c.Audit.AddFlags(fs)
}

// Validate checks c and returns every problem found, each naming its flag.
func (c *Config) Validate() error {
	var errs []error
	if c.DataDir == "" {
		errs = append(errs, errors.New("--data-dir is required: give a directory for etcd data, certificates and admin.kubeconfig"))
	}
	if net.ParseIP(c.BindAddress) == nil {
		errs = append(errs, fmt.Errorf("--bind-address %q is not an IP address; use e.g. 127.0.0.1", c.BindAddress))
	}
	if c.SecurePort < 0 || c.SecurePort > 65535 {
		errs = append(errs, fmt.Errorf("--secure-port %d must be between 0 and 65535 (0 picks a free port)", c.SecurePort))
	}
	for _, s := range c.EtcdServers {
		if !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://") {
			errs = append(errs, fmt.Errorf("--etcd-servers entry %q must be a URL such as http://127.0.0.1:2379", s))
		}
	}
	if len(c.EtcdServers) == 0 && c.EtcdTLS != (storage.TLSOptions{}) {
		errs = append(errs, errors.New("--etcd-cafile, --etcd-certfile and --etcd-keyfile need --etcd-servers; the embedded etcd uses none"))
	}
	if !strings.HasPrefix(c.EtcdPrefix, "/") {
		errs = append(errs, fmt.Errorf("--etcd-prefix %q must start with /", c.EtcdPrefix))
	}
	if c.MaxRequestBytes <= 0 {
		errs = append(errs, fmt.Errorf("--max-request-bytes %d must be positive", c.MaxRequestBytes))
	}
	if c.AdvertiseAddress != "" && net.ParseIP(c.AdvertiseAddress) == nil {
		errs = append(errs, fmt.Errorf("--advertise-address %q is not an IP address", c.AdvertiseAddress))
	}
	if _, err := firstServiceIP(c.ServiceClusterIPRange); err != nil {
		errs = append(errs, fmt.Errorf("--service-cluster-ip-range: %w", err))
	}
	errs = append(errs, c.Authentication.Validate()...)
	errs = append(errs, c.Authorization.Validate()...)
	if err := c.Admission.Validate(admissionPlugins(nil)); err != nil {
		errs = append(errs, err)
	}
	if err := c.Audit.Validate(); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("invalid configuration: %w", err)
	}
	return nil
}
