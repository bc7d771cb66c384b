// The ValidatingAdmissionWebhook plugin: calls validating webhooks in
// parallel after the object has been validated; any one can reject.
//
// Interface:
//   - NewValidating(configs, cfg) and (*Validating).Validate(ctx, a);
//     RegisterValidating adds the plugin to a registry.
//
// Calls run concurrently (they cannot change the object, so order does
// not matter), then their answers are read in configuration order, so
// the error a client sees does not depend on which webhook answered
// first.
package webhook

import (
	"context"
	"fmt"
	"sync"

	admissionv1 "github.com/kubeworkbook/kubeworkbook/shared/api/admission/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

// ValidatingPluginName is the name used in --enable-admission-plugins.
const ValidatingPluginName = "ValidatingAdmissionWebhook"

// Validating is the ValidatingAdmissionWebhook plugin.
type Validating struct {
	configs ValidatingLister
	d       *dispatcher
}

var _ admission.Validator = (*Validating)(nil)

// NewValidating returns the plugin; cfg.Namespaces is required.
func NewValidating(configs ValidatingLister, cfg Config) (*Validating, error) {
	d, err := newDispatcher(cfg)
	if err != nil {
		return nil, err
	}
	return &Validating{configs: configs, d: d}, nil
}

// RegisterValidating adds the plugin to plugins, reading configurations
// from configs. When settings.Namespaces is nil, admission.Config's is
// used.
func RegisterValidating(plugins *admission.Plugins, configs ValidatingLister, settings Config) {
	plugins.Register(ValidatingPluginName, func(cfg admission.Config) (admission.Plugin, error) {
		return NewValidating(configs, withNamespaces(settings, cfg))
	})
}

// Name returns "ValidatingAdmissionWebhook".
func (v *Validating) Name() string { return ValidatingPluginName }

// Handles reports true for every operation: rules decide.
func (v *Validating) Handles(admission.Operation) bool { return true }

// Validate calls every matching validating webhook and returns the first
// rejection in configuration order, a 500 for a failed call under
// failurePolicy Fail, or a 400 for a dry run a webhook cannot take.
// Warnings and audit annotations of the webhooks that allowed the
// request before that are passed on.
func (v *Validating) Validate(ctx context.Context, a *admission.Attributes) error {
	configs, err := v.configs.ListValidatingWebhookConfigurations(ctx)
	if err != nil {
		return apierrors.NewInternalError(fmt.Errorf("list validating webhook configurations: %w", err))
	}
	hooks := validatingHooks(configs)
	type answer struct {
		called bool
		resp   *admissionv1.AdmissionResponse
		err    error
	}
	answers := make([]answer, len(hooks))

	// 1. Match in order (it may read the namespace), call in parallel.
	var wg sync.WaitGroup
	for i := range hooks {
		h := &hooks[i]
		ok, err := v.d.matches(ctx, h, a)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if err := dryRunUnsupported(h, a); err != nil {
			return err
		}
		answers[i].called = true
		wg.Add(1)
		go func() {
			defer wg.Done()
			answers[i].resp, answers[i].err = v.d.call(ctx, h, a)
		}()
	}
	wg.Wait()

	// 2. Read the answers in order.
	for i, ans := range answers {
		h := &hooks[i]
		switch {
		case !ans.called:
			continue
		case ans.err != nil:
			if err := failed(a, h, "validating", i, ans.err); err != nil {
				return err
			}
		case !ans.resp.Allowed:
			return rejection(h.name, ans.resp.Result)
		default:
			v.d.report(ctx, a, h, ans.resp)
		}
	}
	return nil
}
