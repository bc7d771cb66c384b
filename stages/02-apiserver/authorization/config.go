// Config: the chain of modes --authorization-mode asks for.
//
// Interface:
//   - The mode names: ModeAlwaysAllow, ModeAlwaysDeny, ModeNode, ModeRBAC,
//     ModeABAC, ModeWebhook.
//   - Config (the modes and what each needs) and New(cfg).
//
// The chain always starts with system:masters, as upstream's does: the
// admin certificate is allowed whatever the modes say.
package authorization

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/abac"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/node"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/rbac"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/webhook"
)

// The modes --authorization-mode accepts, upstream's spelling.
const (
	ModeAlwaysAllow = "AlwaysAllow"
	ModeAlwaysDeny  = "AlwaysDeny"
	ModeNode        = "Node"
	ModeRBAC        = "RBAC"
	ModeABAC        = "ABAC"
	ModeWebhook     = "Webhook"
)

// Modes lists every mode, in the order upstream documents them.
var Modes = []string{ModeAlwaysAllow, ModeAlwaysDeny, ModeABAC, ModeWebhook, ModeRBAC, ModeNode}

// PrivilegedGroupsName is the name the system:masters short cut has in a
// Verdict.
const PrivilegedGroupsName = "PrivilegedGroups"

// Config describes the chain. Only the fields of the listed modes are
// read.
type Config struct {
	// Modes, in the order they are asked (--authorization-mode).
	Modes []string
	// RBAC reads roles and bindings; required with ModeRBAC.
	RBAC rbac.Lister
	// Node says which pods are bound where; required with ModeNode.
	Node node.Graph
	// PolicyFile is the ABAC policy file (--authorization-policy-file);
	// required with ModeABAC.
	PolicyFile string
	// WebhookConfigFile is the webhook's kubeconfig
	// (--authorization-webhook-config-file); required with ModeWebhook.
	WebhookConfigFile string
	// WebhookAuthorizedTTL and WebhookUnauthorizedTTL are the webhook's
	// cache lifetimes (--authorization-webhook-cache-authorized-ttl and
	// -unauthorized-ttl); zero means 5m and 30s.
	WebhookAuthorizedTTL, WebhookUnauthorizedTTL time.Duration
}

// New builds the chain of cfg.Modes, behind the system:masters short cut.
// The returned Union is also the RuleResolver for SelfSubjectRulesReview.
// Errors name the flag to fix.
func New(cfg Config) (*authorizer.Union, error) {
	if len(cfg.Modes) == 0 {
		return nil, errors.New("at least one authorization-mode must be passed")
	}
	chain := []authorizer.Named{{Name: PrivilegedGroupsName, Authorizer: authorizer.PrivilegedGroups{user.SystemPrivilegedGroup}}}
	for i, mode := range cfg.Modes {
		if slices.Contains(cfg.Modes[:i], mode) {
			return nil, fmt.Errorf("authorization-mode %q has mode specified more than once", strings.Join(cfg.Modes, ","))
		}
		a, err := newMode(mode, cfg)
		if err != nil {
			return nil, err
		}
		chain = append(chain, authorizer.Named{Name: mode, Authorizer: a})
	}
	return authorizer.NewUnion(chain...), nil
}

// newMode builds one mode.
func newMode(mode string, cfg Config) (authorizer.Authorizer, error) {
	switch mode {
	case ModeAlwaysAllow:
		return authorizer.AlwaysAllow{}, nil
	case ModeAlwaysDeny:
		return authorizer.AlwaysDeny{}, nil
	case ModeRBAC:
		if cfg.RBAC == nil {
			return nil, errors.New("authorization mode RBAC needs a role and binding lister (Config.RBAC)")
		}
		return rbac.New(cfg.RBAC), nil
	case ModeNode:
		if cfg.Node == nil {
			return nil, errors.New("authorization mode Node needs a node graph (Config.Node)")
		}
		return node.New(cfg.Node), nil
	case ModeABAC:
		if cfg.PolicyFile == "" {
			return nil, errors.New("authorization-mode ABAC's authorization policy file not passed: set --authorization-policy-file")
		}
		return abac.NewFromFile(cfg.PolicyFile)
	case ModeWebhook:
		if cfg.WebhookConfigFile == "" {
			return nil, errors.New("authorization-mode Webhook's authorization config file not passed: set --authorization-webhook-config-file")
		}
		return webhook.New(webhook.Config{
			KubeconfigFile: cfg.WebhookConfigFile,
			AuthorizedTTL:  cfg.WebhookAuthorizedTTL, UnauthorizedTTL: cfg.WebhookUnauthorizedTTL,
		})
	}
	return nil, fmt.Errorf("unknown authorization mode %s specified (valid modes: %s)", mode, strings.Join(Modes, ", "))
}
