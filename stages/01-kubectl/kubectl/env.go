// Env: the connection a command uses, built lazily, one piece at a time.
//
// Interface:
//   - NewEnv(streams) holds the global flags; nothing is read until a
//     command asks, so `kubectl create deployment --dry-run=client` or a
//     rejected manifest never opens a connection.
//   - ClientConfig → RESTConfig → RESTClient → Discovery → Mapper, and
//     Namespace: each loaded on first call and kept for the invocation.
//   - Validator (the server's OpenAPI via discovery, else the built-in
//     copy) and BuiltinValidator (built-in copy only, never a request).
//
// Upstream calls this the Factory (cmdutil.Factory); the chain is the same:
// talk 001, "Client Interactions": kubeconfig, then discovery of the API
// paths, then the request.

package kubectl

import (
	"context"
	"net/url"
	"sync"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/discovery"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/kubeconfig"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/rest"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/schema"
)

// Env is everything one kubectl invocation connects with. Its getters are
// safe for concurrent use; each loads its piece once.
type Env struct {
	Flags   *ConfigFlags
	Streams IOStreams
	// LogFormat is --log-format ("text" or "structured").
	LogFormat string

	mu        sync.Mutex
	cc        *kubeconfig.ClientConfig
	config    *rest.Config
	client    *rest.Client
	disco     *discovery.Client
	mapper    *discovery.Mapper
	validator *schema.Validator
	builtin   *schema.Validator
}

// NewEnv returns an Env with default flags writing to streams.
func NewEnv(streams IOStreams) *Env {
	return &Env{Flags: NewConfigFlags(), Streams: streams, LogFormat: string(rest.LogFormatText)}
}

// ClientConfig returns the kubeconfig resolver for the flags. It reads no
// file until asked for a value.
func (e *Env) ClientConfig() *kubeconfig.ClientConfig {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.cc == nil {
		e.cc = kubeconfig.NewClientConfig(e.Flags.Rules, e.Flags.Overrides)
	}
	return e.cc
}

// RESTConfig returns the resolved server, TLS settings and credentials.
func (e *Env) RESTConfig() (*rest.Config, error) {
	cc := e.ClientConfig()
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.config != nil {
		return e.config, nil
	}
	// Upstream commands resolve the namespace before building a client, so
	// a missing --context is reported by that check, in its words
	// ("context was not found for specified context: x").
	if _, _, err := cc.Namespace(); err != nil {
		return nil, err
	}
	cfg, err := cc.RESTConfig()
	if err != nil {
		return nil, err
	}
	e.config = cfg
	return cfg, nil
}

// Namespace returns the namespace of the command and whether -n set it.
func (e *Env) Namespace() (string, bool, error) {
	return e.ClientConfig().Namespace()
}

// explicitNamespace is the -n value, "" when not given. A generated
// object carries its namespace only when -n named it, as upstream's
// EnforceNamespace; reading it needs no kubeconfig, so a client dry run
// works without one.
func (e *Env) explicitNamespace() string { return e.Flags.Overrides.Namespace }

// RESTClient returns the HTTP client for the API server.
func (e *Env) RESTClient() (*rest.Client, error) {
	cfg, err := e.RESTConfig()
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.client == nil {
		if e.client, err = rest.New(cfg); err != nil {
			return nil, err
		}
	}
	return e.client, nil
}

// Discovery returns the cached discovery client, whose files live under
// the cache root (--cache-dir, $KUBECACHEDIR, ~/.kube/cache) in the
// server's own directory.
func (e *Env) Discovery() (*discovery.Client, error) {
	client, err := e.RESTClient()
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.disco == nil {
		dir := discovery.ServerCacheDir(discovery.CacheDir(e.Flags.CacheDir), client.Host())
		e.disco = discovery.New(client, dir)
	}
	return e.disco, nil
}

// Mapper returns the REST mapper over discovery.
func (e *Env) Mapper() (*discovery.Mapper, error) {
	disco, err := e.Discovery()
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.mapper == nil {
		e.mapper = discovery.NewMapper(disco)
	}
	return e.mapper, nil
}

// Validator returns the schema validator that prefers the server's
// OpenAPI v3 documents (fetched and cached by discovery) and falls back to
// the built-in v1.37 copy when the server has none or cannot be reached.
func (e *Env) Validator(ctx context.Context) *schema.Validator {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.validator == nil {
		e.validator = schema.NewValidator(func(gv string) ([]byte, error) {
			disco, err := e.Discovery()
			if err != nil {
				return nil, err
			}
			return disco.OpenAPIV3(ctx, gv)
		})
	}
	return e.validator
}

// BuiltinValidator returns a validator that uses the built-in schema
// only: it never sends a request.
func (e *Env) BuiltinValidator() *schema.Validator {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.builtin == nil {
		e.builtin = schema.NewValidator(nil)
	}
	return e.builtin
}

// objects returns the object client for reads (writes set dryRun and
// fieldManager on their own copy).
func (e *Env) objects() (*objectClient, error) {
	client, err := e.RESTClient()
	if err != nil {
		return nil, err
	}
	return &objectClient{rest: client}, nil
}

// listOptions builds the query of a list request.
func listOptions(labelSelector, fieldSelector string) url.Values {
	q := url.Values{}
	if labelSelector != "" {
		q.Set("labelSelector", labelSelector)
	}
	if fieldSelector != "" {
		q.Set("fieldSelector", fieldSelector)
	}
	return q
}
