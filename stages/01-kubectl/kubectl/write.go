// The write path every creating command shares: flags, validation, the
// request (or its dry-run stand-in) and the one-line result.
//
// Interface:
//   - writeOptions holds --dry-run, --validate, --field-manager,
//     --save-config and the output flags; addFlags registers them and
//     complete parses them before anything else happens.
//   - (*writeOptions).createGenerated(ctx, env, typed) sends an object
//     built by a generator: validate, then print it (--dry-run=client) or
//     POST it and print the server's answer ("deployment.apps/nginx
//     created").
//   - toUnstructured turns a typed object into the map the client sends.
//
// The order is the talk's: client-side validation first, then discovery
// (to find the URL), then the request. Talk 000, "Client side validation"
// → "API discovery" → the POST.

package kubectl

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/kubeworkbook/kubeworkbook/shared/codec"
	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/printers"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/schema"
)

// writeOptions are the flags of a command that creates or changes objects.
type writeOptions struct {
	dryRunFlag   string
	validateFlag string
	fieldManager string
	saveConfig   bool
	print        *printers.PrintFlags

	// Set by complete.
	dryRun    dryRunStrategy
	directive schema.Directive
	printer   printers.Printer
}

// newWriteOptions returns options whose result line reads "<kind>/<name>
// <operation>" and whose requests name fieldManager.
func newWriteOptions(operation, fieldManager string) *writeOptions {
	return &writeOptions{print: printers.NewPrintFlags(operation), fieldManager: fieldManager}
}

// addFlags registers the flags on cmd.
func (o *writeOptions) addFlags(cmd *cobra.Command) {
	addPrintFlags(cmd, o.print)
	addDryRunFlag(cmd, &o.dryRunFlag)
	addValidateFlag(cmd, &o.validateFlag)
	cmd.Flags().StringVar(&o.fieldManager, "field-manager", o.fieldManager, "Name of the manager used to track field ownership.")
	cmd.Flags().BoolVar(&o.saveConfig, "save-config", false, "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.")
}

// complete parses the flags; its errors come before any file is read or
// request sent.
func (o *writeOptions) complete() error {
	var err error
	if o.dryRun, err = parseDryRun(o.dryRunFlag); err != nil {
		return err
	}
	// A command without --validate (scale) leaves the directive empty:
	// nothing to check, no fieldValidation sent.
	if o.validateFlag != "" {
		if o.directive, err = schema.ParseDirective(o.validateFlag); err != nil {
			return err
		}
	}
	o.printer, err = resultPrinter(o.print, o.dryRun)
	return err
}

// client returns the object client for this command's writes.
func (o *writeOptions) client(env *Env) (*objectClient, error) {
	c, err := env.objects()
	if err != nil {
		return nil, err
	}
	c.dryRun = o.dryRun == dryRunServer
	c.fieldManager = o.fieldManager
	c.fieldValidation = string(o.directive)
	return c, nil
}

// toUnstructured converts a typed object (a generator's output) into the
// map form, through JSON so the json tags decide field names and
// omitempty rules, exactly as the request body will read.
func toUnstructured(typed any) (map[string]any, error) {
	data, err := json.Marshal(typed)
	if err != nil {
		return nil, fmt.Errorf("encode object: %w", err)
	}
	return codec.DecodeUnstructured(data)
}

// createGenerated validates and sends (or, with --dry-run=client, only
// prints) an object a generator built.
func (o *writeOptions) createGenerated(ctx context.Context, env *Env, typed any) error {
	obj, err := toUnstructured(typed)
	if err != nil {
		return err
	}
	if err := env.validateGenerated(obj, o.directive); err != nil {
		return err
	}
	if o.saveConfig {
		if err := setLastApplied(obj); err != nil {
			return err
		}
	}
	if o.dryRun == dryRunClient {
		return o.printer.PrintObj(obj, env.Streams.Out)
	}
	created, err := o.send(ctx, env, obj)
	if err != nil {
		return err
	}
	return o.printer.PrintObj(created, env.Streams.Out)
}

// send POSTs obj to the collection its apiVersion and kind map to, in the
// command's namespace (or the object's own).
func (o *writeOptions) send(ctx context.Context, env *Env, obj map[string]any) (map[string]any, error) {
	mapper, err := env.Mapper()
	if err != nil {
		return nil, err
	}
	mapping, err := mapper.MappingFor(ctx, unstructured.APIVersion(obj), unstructured.Kind(obj))
	if err != nil {
		return nil, err
	}
	ns, explicit, err := env.Namespace()
	if err != nil {
		return nil, err
	}
	if ns, err = objectNamespace(obj, mapping, ns, explicit); err != nil {
		return nil, err
	}
	client, err := o.client(env)
	if err != nil {
		return nil, err
	}
	return client.create(ctx, mapping, ns, obj)
}

// setLastApplied stores obj, as JSON, in its own last-applied annotation:
// what --save-config does and what apply compares against next time.
func setLastApplied(obj map[string]any) error {
	copied := unstructured.DeepCopyMap(obj)
	annotations := unstructured.Annotations(copied)
	delete(annotations, lastAppliedAnnotation)
	if len(annotations) == 0 {
		unstructured.RemoveNestedField(copied, "metadata", "annotations")
	} else {
		unstructured.SetNestedField(copied, toAnyMap(annotations), "metadata", "annotations")
	}
	data, err := json.Marshal(copied)
	if err != nil {
		return fmt.Errorf("encode %s annotation: %w", lastAppliedAnnotation, err)
	}
	annotations = unstructured.Annotations(obj)
	if annotations == nil {
		annotations = map[string]string{}
	}
	annotations[lastAppliedAnnotation] = string(data) + "\n"
	unstructured.SetNestedField(obj, toAnyMap(annotations), "metadata", "annotations")
	return nil
}

// toAnyMap converts labels or annotations for SetNestedField.
func toAnyMap(m map[string]string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
