// The MutatingAdmissionWebhook plugin: calls mutating webhooks one after
// the other and applies the JSONPatch each one returns.
//
// Interface:
//   - NewMutating(configs, cfg) and (*Mutating).Admit(ctx, a);
//     RegisterMutating adds the plugin to a registry.
//   - applyPatch(obj, patch): the patched copy of obj, of obj's Go type.
//
// Webhooks run in order (configurations by name, then as written), each
// seeing the object as the ones before it left it. A webhook is called at
// most once per request: reinvocationPolicy IfNeeded is left out.
package webhook

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"

	jsonpatch "github.com/evanphx/json-patch/v5"

	admissionv1 "github.com/kubeworkbook/kubeworkbook/shared/api/admission/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

// MutatingPluginName is the name used in --enable-admission-plugins.
const MutatingPluginName = "MutatingAdmissionWebhook"

// Mutating is the MutatingAdmissionWebhook plugin.
type Mutating struct {
	configs MutatingLister
	d       *dispatcher
}

var _ admission.Mutator = (*Mutating)(nil)

// NewMutating returns the plugin; cfg.Namespaces is required.
func NewMutating(configs MutatingLister, cfg Config) (*Mutating, error) {
	d, err := newDispatcher(cfg)
	if err != nil {
		return nil, err
	}
	return &Mutating{configs: configs, d: d}, nil
}

// RegisterMutating adds the plugin to plugins, reading configurations
// from configs. When settings.Namespaces is nil, admission.Config's is
// used.
func RegisterMutating(plugins *admission.Plugins, configs MutatingLister, settings Config) {
	plugins.Register(MutatingPluginName, func(cfg admission.Config) (admission.Plugin, error) {
		return NewMutating(configs, withNamespaces(settings, cfg))
	})
}

// Name returns "MutatingAdmissionWebhook".
func (m *Mutating) Name() string { return MutatingPluginName }

// Handles reports true for every operation: rules decide.
func (m *Mutating) Handles(admission.Operation) bool { return true }

// Admit calls every matching mutating webhook and replaces a.Object with
// the patched object after each. It returns a webhook's rejection, a 500
// for a failed call under failurePolicy Fail or a patch that does not
// apply, or a 400 for a dry run a webhook cannot take.
func (m *Mutating) Admit(ctx context.Context, a *admission.Attributes) error {
	configs, err := m.configs.ListMutatingWebhookConfigurations(ctx)
	if err != nil {
		return apierrors.NewInternalError(fmt.Errorf("list mutating webhook configurations: %w", err))
	}
	for i, h := range mutatingHooks(configs) {
		// 1. Does the webhook want this request?
		ok, err := m.d.matches(ctx, &h, a)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if err := dryRunUnsupported(&h, a); err != nil {
			return err
		}
		// 2. Ask it; no usable answer is decided by its failurePolicy.
		resp, err := m.d.call(ctx, &h, a)
		if err == nil && len(resp.Patch) > 0 && (resp.PatchType == nil || *resp.PatchType != admissionv1.PatchTypeJSONPatch) {
			err = &callError{webhook: h.name, reason: fmt.Errorf("unsupported patch type %q", patchTypeOf(resp))}
		}
		if err != nil {
			if err := failed(a, &h, "mutation", i, err); err != nil {
				return err
			}
			continue
		}
		if !resp.Allowed {
			return rejection(h.name, resp.Result)
		}
		m.d.report(ctx, a, &h, resp)
		// 3. Apply its patch, so the next webhook sees the result.
		mutated := len(resp.Patch) > 0
		if mutated {
			patched, err := applyPatch(a.Object, resp.Patch)
			if err != nil {
				return apierrors.NewInternalError(fmt.Errorf("webhook %q: %w", h.name, err))
			}
			a.Object = patched
		}
		record, _ := json.Marshal(map[string]any{"configuration": h.configuration, "webhook": h.name, "mutated": mutated})
		annotate(a, fmt.Sprintf("mutation.webhook.admission.k8s.io/round_0_index_%d", i), string(record))
	}
	return nil
}

func patchTypeOf(resp *admissionv1.AdmissionResponse) string {
	if resp.PatchType == nil {
		return ""
	}
	return string(*resp.PatchType)
}

// applyPatch applies a JSONPatch (RFC 6902) to obj's JSON and decodes the
// result into a new value of obj's type; obj itself is not changed. obj
// must be a pointer to a struct, as every API object is.
func applyPatch(obj metav1.Object, patch []byte) (metav1.Object, error) {
	if obj == nil {
		return nil, fmt.Errorf("cannot apply a patch: the request has no object")
	}
	t := reflect.TypeOf(obj)
	if t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct {
		return nil, fmt.Errorf("cannot apply a patch to a %T", obj)
	}
	p, err := jsonpatch.DecodePatch(patch)
	if err != nil {
		return nil, fmt.Errorf("decode the JSONPatch: %w", err)
	}
	doc, err := json.Marshal(obj)
	if err != nil {
		return nil, fmt.Errorf("encode the object: %w", err)
	}
	if doc, err = p.Apply(doc); err != nil {
		return nil, fmt.Errorf("apply the JSONPatch: %w", err)
	}
	out := reflect.New(t.Elem()).Interface().(metav1.Object)
	if err := json.Unmarshal(doc, out); err != nil {
		return nil, fmt.Errorf("decode the patched object: %w", err)
	}
	return out, nil
}
