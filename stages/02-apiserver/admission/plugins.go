// Plugins: the registry of plugin factories, by name.
//
// Interface:
//   - Factory builds a plugin from a Config.
//   - Plugins.Register adds one (each plugin package has a Register
//     function that calls it); Registered lists them; New builds one.
//
// Registering says a plugin exists; Options (options.go) decides which
// registered plugins run and NewChain builds them in order.
package admission

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Factory builds a plugin. It returns an error when cfg lacks something
// the plugin needs.
type Factory func(cfg Config) (Plugin, error)

// Plugins maps plugin names to factories. The zero value is ready to use
// and safe for concurrent use.
type Plugins struct {
	mu        sync.Mutex
	factories map[string]Factory
}

// Register adds a factory under name. Registering a name twice is a
// programming error and panics, as upstream's registry does.
func (ps *Plugins) Register(name string, f Factory) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if _, dup := ps.factories[name]; dup {
		panic(fmt.Sprintf("admission plugin %q registered twice", name))
	}
	if ps.factories == nil {
		ps.factories = map[string]Factory{}
	}
	ps.factories[name] = f
}

// Registered returns the registered names, sorted.
func (ps *Plugins) Registered() []string {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	names := make([]string, 0, len(ps.factories))
	for n := range ps.factories {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// IsRegistered reports whether name has a factory.
func (ps *Plugins) IsRegistered(name string) bool {
	return slices.Contains(ps.Registered(), name)
}

// New builds the plugin called name. It fails for an unknown name
// (listing the known ones), when the factory fails, and when the plugin
// it built calls itself something else or is neither a Mutator nor a
// Validator: such a plugin would silently do nothing.
func (ps *Plugins) New(name string, cfg Config) (Plugin, error) {
	ps.mu.Lock()
	f, ok := ps.factories[name]
	ps.mu.Unlock()
	if !ok {
		return nil, fmt.Errorf("admission plugin %q is unknown (registered: %s)", name, strings.Join(ps.Registered(), ", "))
	}
	p, err := f(cfg)
	if err != nil {
		return nil, fmt.Errorf("build admission plugin %q: %w", name, err)
	}
	if p.Name() != name {
		return nil, fmt.Errorf("build admission plugin %q: it calls itself %q", name, p.Name())
	}
	_, mutates := p.(Mutator)
	_, validates := p.(Validator)
	if !mutates && !validates {
		return nil, fmt.Errorf("build admission plugin %q: it implements neither Admit nor Validate", name)
	}
	return p, nil
}
