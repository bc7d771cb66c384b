// `kubectl edit`: the object in an editor, the difference sent back as a
// patch.
//
// Interface:
//   - NewCmdEdit(env): `kubectl edit (RESOURCE/NAME | -f FILENAME)`,
//     editing YAML (or JSON with -o json) in $KUBE_EDITOR, else $EDITOR,
//     else vi.
//   - editorCommand builds the editor's command line; one with spaces
//     ("code --wait") runs through sh -c, as upstream does.
//   - stripComments removes the "#" lines the file opens with.
//
// The loop is upstream's: GET, write a temp file under a comment header,
// run the editor, read the file back. An empty file or no change cancels
// ("Edit cancelled, no changes made."). A change is validated with the
// built-in schema and sent as a merge PATCH of just the changed fields
// ("deployment.apps/ghost edited"); if it fails, the file reopens with the
// errors on top, and saving the same failure again gives up, keeping a
// copy. A changed apiVersion, kind or name is not reopened: the copy is
// kept and the command ends with that error. Talk 002, "Ghost demo":
// `kubectl edit deploy ghost` to set replicas to 3.

package kubectl

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"reflect"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kubeworkbook/kubeworkbook/shared/codec"
	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/printers"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/schema"
)

// editHeader opens every file kubectl edit writes.
const editHeader = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`

// editOptions are the flags of edit.
type editOptions struct {
	files        FilenameOptions
	output       string
	fieldManager string
	validateFlag string
}

// NewCmdEdit returns `kubectl edit`.
func NewCmdEdit(env *Env) *cobra.Command {
	o := &editOptions{output: "yaml", fieldManager: "kubectl-edit"}
	cmd := &cobra.Command{
		Use:                   "edit (RESOURCE/NAME | -f FILENAME)",
		DisableFlagsInUseLine: true,
		Short:                 "Edit a resource on the server",
		Example: "  # Edit the deployment named ghost\n  kubectl edit deploy ghost\n\n" +
			"  # Use an alternative editor\n  KUBE_EDITOR=\"nano\" kubectl edit svc/ghost\n\n" +
			"  # Edit the deployment 'mydeployment' in YAML and save the modified config in its annotation\n  kubectl edit deployment/mydeployment -o json",
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd, env, args)
		},
	}
	o.files.AddFilenameFlags(cmd.Flags(), "Filename, directory, or URL to files to use to edit the resource")
	cmd.Flags().StringVarP(&o.output, "output", "o", "yaml", "Output format. One of: (yaml, json).")
	cmd.Flags().StringVar(&o.fieldManager, "field-manager", "kubectl-edit", "Name of the manager used to track field ownership.")
	addValidateFlag(cmd, &o.validateFlag)
	return cmd
}

// editorCommand returns the command that edits path.
func editorCommand(path string) *exec.Cmd {
	editor := os.Getenv("KUBE_EDITOR")
	if editor == "" {
		editor = os.Getenv("EDITOR")
	}
	if editor == "" {
		editor = "vi"
	}
	if strings.ContainsAny(editor, " \t") {
		return exec.Command("sh", "-c", editor+" "+shellQuote(path))
	}
	return exec.Command(editor, path)
}

// shellQuote quotes s for sh.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// stripComments drops every line that starts with '#'.
func stripComments(data []byte) []byte {
	var out bytes.Buffer
	for _, line := range bytes.SplitAfter(data, []byte("\n")) {
		if !bytes.HasPrefix(bytes.TrimLeft(line, " \t"), []byte("#")) {
			out.Write(line)
		}
	}
	return out.Bytes()
}

func (o *editOptions) run(cmd *cobra.Command, env *Env, args []string) error {
	if o.output != "yaml" && o.output != "json" {
		return fmt.Errorf("the flag 'output' must be one of yaml|json")
	}
	directive, err := schema.ParseDirective(o.validateFlag)
	if err != nil {
		return err
	}
	ctx := cmd.Context()
	d := &describeOptions{files: o.files}
	if len(args) == 0 && len(o.files.Filenames) == 0 {
		return errors.New("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'")
	}
	objects, err := d.objects(ctx, env, args)
	if err != nil {
		return err
	}
	var errs []error
	for _, obj := range objects {
		errs = append(errs, o.editOne(ctx, env, obj, directive))
	}
	return errors.Join(errs...)
}

// editOne runs the edit loop for one object.
func (o *editOptions) editOne(ctx context.Context, env *Env, target describedObject, directive schema.Directive) error {
	// Like upstream (without --show-managed-fields), the editor never sees
	// managedFields, so they are neither shown nor compared.
	original := unstructured.DeepCopyMap(target.obj)
	unstructured.RemoveNestedField(original, "metadata", "managedFields")
	body, err := o.encode(original)
	if err != nil {
		return err
	}
	file, err := os.CreateTemp("", "kubectl-edit-*."+o.output)
	if err != nil {
		return fmt.Errorf("create temp file for edit: %w", err)
	}
	path := file.Name()
	file.Close()
	keep := false
	defer func() {
		if !keep {
			os.Remove(path)
		}
	}()

	header := editHeader
	var lastFailed []byte
	for {
		// 1. Write the file and run the editor on it.
		if err := os.WriteFile(path, append([]byte(header), body...), 0o600); err != nil {
			return fmt.Errorf("write edit file: %w", err)
		}
		ed := editorCommand(path)
		ed.Stdin, ed.Stdout, ed.Stderr = env.Streams.In, env.Streams.Out, env.Streams.ErrOut
		if err := ed.Run(); err != nil {
			return fmt.Errorf("there was a problem with the editor %q: %w", ed.Path, err)
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("read edited file: %w", err)
		}
		// 2. Nothing left, or the same failure again: stop.
		edited := stripComments(raw)
		if len(bytes.TrimSpace(edited)) == 0 {
			fmt.Fprintln(env.Streams.ErrOut, "Edit cancelled, no changes made.")
			return nil
		}
		if lastFailed != nil && bytes.Equal(edited, lastFailed) {
			keep = true
			fmt.Fprintf(env.Streams.ErrOut, "A copy of your changes has been stored to %q\n", path)
			return errors.New("Edit cancelled, no valid changes were saved.")
		}
		// 3. Send the change.
		result, err := o.apply(ctx, env, target, original, raw, directive)
		switch {
		case err == nil && result == nil:
			fmt.Fprintln(env.Streams.ErrOut, "Edit cancelled, no changes made.")
			return nil
		case err == nil:
			return (&printers.NamePrinter{Operation: "edited"}).PrintObj(result, env.Streams.Out)
		case errors.Is(err, errEditIdentityChanged):
			// Not something a second try in the editor can fix against
			// this object: keep the file and end with the reason.
			keep = true
			fmt.Fprintf(env.Streams.ErrOut, "A copy of your changes has been stored to %q\n", path)
			return err
		}
		// 4. Reopen with the problem on top, as upstream does.
		lastFailed, body = edited, edited
		header = editHeader + "# " + strings.ReplaceAll(strings.TrimPrefix(ErrorMessage(err), "error: "), "\n", "\n# ") + "\n#\n"
	}
}

// errEditIdentityChanged refuses an edit that renames the object or
// changes its type, in upstream's words: the edit is a patch of this
// object, which cannot express either.
var errEditIdentityChanged = errors.New("At least one of apiVersion, kind and name was changed")

// apply validates the edited file (comments included: YAML skips them,
// and its line numbers are then those of the file the user saw) and
// PATCHes the difference. It returns nil, nil when nothing changed.
func (o *editOptions) apply(ctx context.Context, env *Env, target describedObject, original map[string]any, edited []byte, directive schema.Directive) (map[string]any, error) {
	obj, err := codec.DecodeUnstructured(edited)
	if err != nil {
		return nil, fmt.Errorf("The edited file had a syntax error: %w", err)
	}
	if reflect.DeepEqual(obj, original) {
		return nil, nil
	}
	if unstructured.APIVersion(obj) != unstructured.APIVersion(original) || unstructured.Kind(obj) != unstructured.Kind(original) || unstructured.Name(obj) != unstructured.Name(original) {
		return nil, errEditIdentityChanged
	}
	if _, err := env.BuiltinValidator().Check(obj, directive); err != nil {
		return nil, err
	}
	patch, err := json.Marshal(CreateMergePatch(original, obj))
	if err != nil {
		return nil, fmt.Errorf("encode patch: %w", err)
	}
	oc, err := env.objects()
	if err != nil {
		return nil, err
	}
	oc.fieldManager = o.fieldManager
	oc.fieldValidation = string(directive)
	return oc.patch(ctx, target.mapping, unstructured.Namespace(original), unstructured.Name(original), "", mediaMergePatch, patch, nil)
}

// encode renders obj for the editor in the chosen format.
func (o *editOptions) encode(obj map[string]any) ([]byte, error) {
	if o.output == "json" {
		return codec.EncodeJSON(obj)
	}
	return codec.EncodeYAML(obj)
}
