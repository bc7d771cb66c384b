// The write path every creating command shares: flags, validation, the
// request (or its dry-run stand-in) and the one-line result.
//
// Interface:
//   - writeOptions holds --dry-run, --validate, --field-manager,
//     --save-config and the output flags; addFlags registers them and
//     complete parses them before anything else happens.
//   - requireFilenames and (*writeOptions).writeManifests: the arguments
//     and the run of `create -f` and `apply -f` (read every manifest,
//     validate them all, then write each).
//   - (*writeOptions).createGenerated(ctx, env, typed) sends an object
//     built by a generator: validate, then print it (--dry-run=client) or
//     POST it and print the server's answer ("deployment.apps/nginx
//     created"); -o json keeps the Go struct's field order, as upstream.
//   - setLastApplied / setLastAppliedTyped write the last-applied
//     annotation with upstream's bytes (--save-config, apply).
//   - toUnstructured turns a typed object into the map the client sends.
//
// The order is the talk's: client-side validation first, then discovery
// (to find the URL), then the request. Talk 000, "Client side validation"
// → "API discovery" → the POST.

package kubectl

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/spf13/cobra"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
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
	// flags names the flag behind each field a generator fills, for
	// validation errors; nil for commands that read files.
	flags fieldFlags

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
	if o.dryRun, err = completeDryRun(o.dryRunFlag); err != nil {
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

// requireFilenames checks the arguments of a command that reads only
// files (create -f, apply -f): at least one -f, and nothing else.
func requireFilenames(cmd *cobra.Command, files FilenameOptions, args []string) error {
	if len(files.Filenames) == 0 {
		return errors.New("must specify one of -f and -k")
	}
	if len(args) > 0 {
		return usageError(cmd, "Unexpected args: %v", args)
	}
	return nil
}

// writeManifests runs a command that writes files' manifests: parse the
// flags (complete), read every manifest (verb names the command in "no
// objects passed to <verb>"), validate them all, so one bad file stops
// them all before the first request, then call write on each. A failed
// write does not stop the rest (upstream's ContinueOnError); the errors
// come back joined.
func (o *writeOptions) writeManifests(ctx context.Context, env *Env, files FilenameOptions, verb string, write func(context.Context, manifest) error) error {
	if err := o.complete(); err != nil {
		return err
	}
	manifests, err := env.readManifests(files, verb)
	if err != nil {
		return err
	}
	if err := env.validateManifests(ctx, manifests, o.directive); err != nil {
		return err
	}
	var errs []error
	for _, m := range manifests {
		if err := write(ctx, m); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
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
// prints) an object a generator built. The typed object is kept beside
// its map form because upstream prints (-o json) and saves
// (--save-config) a generated object in its Go struct's field order,
// kind before apiVersion, not in the sorted order of a map.
func (o *writeOptions) createGenerated(ctx context.Context, env *Env, typed metav1.Object) error {
	// 1. Client-side validation of what the flags built.
	obj, err := toUnstructured(typed)
	if err != nil {
		return err
	}
	if err := env.validateGenerated(obj, o.directive, o.flags); err != nil {
		return err
	}
	// 2. --save-config stores the object in its own annotation.
	if o.saveConfig {
		if err := setLastAppliedTyped(typed); err != nil {
			return err
		}
		if obj, err = toUnstructured(typed); err != nil {
			return err
		}
	}
	// 3. A client dry run prints what would be sent.
	if o.dryRun == dryRunClient {
		return o.printGenerated(typed, obj, env.Streams.Out)
	}
	// 4. Send, and print the server's answer in the generator's type.
	created, err := o.send(ctx, env, obj)
	if err != nil {
		return err
	}
	answer := reflect.New(reflect.TypeOf(typed).Elem()).Interface().(metav1.Object)
	if err := fromUnstructured(created, answer); err != nil {
		return err
	}
	return o.printGenerated(answer, created, env.Streams.Out)
}

// printGenerated prints a generated object: -o json from the typed value
// (struct field order, as upstream prints a typed object), every other
// format from the map, which the printers read.
func (o *writeOptions) printGenerated(typed metav1.Object, obj map[string]any, w io.Writer) error {
	if !strings.EqualFold(o.print.OutputFormat, "json") || o.print.TemplateArgument != "" {
		return o.printer.PrintObj(obj, w)
	}
	if !o.print.ShowManagedFields {
		typed.GetObjectMeta().ManagedFields = nil
	}
	data, err := json.MarshalIndent(typed, "", "    ")
	if err != nil {
		return fmt.Errorf("encode %s: %w", typed.GetObjectKind().Kind, err)
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

// fromUnstructured decodes a map (a server answer) into a typed object.
func fromUnstructured(obj map[string]any, into any) error {
	data, err := json.Marshal(obj)
	if err != nil {
		return fmt.Errorf("encode object: %w", err)
	}
	if err := json.Unmarshal(data, into); err != nil {
		return fmt.Errorf("decode %s: %w", unstructured.Kind(obj), err)
	}
	return nil
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
// what --save-config does and what apply compares against next time. The
// bytes are upstream's (GetModifiedConfiguration): the object with that
// one annotation removed but the annotations map kept, "annotations":{}
// when it was the only one, keys sorted, a trailing newline. The same
// bytes on both sides are what lets our apply and upstream's alternate
// on one object and report "unchanged".
func setLastApplied(obj map[string]any) error {
	copied := unstructured.DeepCopyMap(obj)
	annotations := unstructured.Annotations(copied)
	delete(annotations, lastAppliedAnnotation)
	unstructured.SetNestedField(copied, toAnyMap(annotations), "metadata", "annotations")
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

// setLastAppliedTyped is setLastApplied for a generated object. Its JSON
// keeps the struct's field order, and an empty annotations map is omitted
// (omitempty), exactly as upstream encodes a typed object.
func setLastAppliedTyped(typed metav1.Object) error {
	meta := typed.GetObjectMeta()
	annotations := make(map[string]string, len(meta.Annotations)+1)
	for k, v := range meta.Annotations {
		if k != lastAppliedAnnotation {
			annotations[k] = v
		}
	}
	meta.Annotations = annotations
	data, err := json.Marshal(typed)
	if err != nil {
		return fmt.Errorf("encode %s annotation: %w", lastAppliedAnnotation, err)
	}
	annotations[lastAppliedAnnotation] = string(data) + "\n"
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
