// Output and dry-run flags shared by the commands that change objects.
//
// Interface:
//   - addPrintFlags registers -o/--output, --template,
//     --allow-missing-template-keys and --show-managed-fields on a
//     command, writing into a printers.PrintFlags.
//   - dryRunStrategy and addDryRunFlag/parseDryRun: --dry-run=none|client|
//     server with upstream's messages for a bare --dry-run or a boolean.
//   - resultPrinter completes the flags with the dry-run suffix
//     ("created (dry run)", "created (server dry run)") and returns the
//     printer for the result.
//
// Upstream: cmdutil.AddDryRunFlag, GetDryRunStrategy and
// PrintFlagsWithDryRunStrategy.

package kubectl

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/printers"
)

// addPrintFlags registers the output flags of a command that reports what
// it did.
func addPrintFlags(cmd *cobra.Command, f *printers.PrintFlags) {
	fs := cmd.Flags()
	fs.StringVarP(&f.OutputFormat, "output", "o", f.OutputFormat, fmt.Sprintf("Output format. One of: (%s).", strings.Join(f.AllowedFormats(), ", ")))
	fs.StringVar(&f.TemplateArgument, "template", "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].")
	fs.BoolVar(&f.AllowMissingTemplateKeys, "allow-missing-template-keys", true, "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.")
	fs.BoolVar(&f.ShowManagedFields, "show-managed-fields", false, "If true, keep the managedFields when printing objects in JSON or YAML format.")
}

// dryRunStrategy is what --dry-run asks.
type dryRunStrategy int

// The strategies.
const (
	dryRunNone   dryRunStrategy = iota // send and persist
	dryRunClient                       // print what would be sent; send nothing
	dryRunServer                       // send with dryRun=All: validated, not stored
)

// addDryRunFlag registers --dry-run with upstream's help text.
func addDryRunFlag(cmd *cobra.Command, value *string) {
	cmd.Flags().StringVar(value, "dry-run", "none", `Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.`)
	cmd.Flags().Lookup("dry-run").NoOptDefVal = "unchanged"
}

// parseDryRun reads the --dry-run value.
func parseDryRun(value string) (dryRunStrategy, error) {
	switch value {
	case "", "none":
		return dryRunNone, nil
	case "client":
		return dryRunClient, nil
	case "server":
		return dryRunServer, nil
	case "unchanged":
		return dryRunNone, fmt.Errorf(`--dry-run flag without a value was specified. A value must be set: "none", "server", or "client".`)
	}
	return dryRunNone, fmt.Errorf(`Invalid dry-run value (%v). Must be "none", "server", or "client".`, value)
}

// resultPrinter returns the printer for a command's result, its
// operation ("created") suffixed for a dry run.
func resultPrinter(f *printers.PrintFlags, dryRun dryRunStrategy) (printers.Printer, error) {
	switch dryRun {
	case dryRunClient:
		f.Complete("%s (dry run)")
	case dryRunServer:
		f.Complete("%s (server dry run)")
	}
	return f.ToPrinter()
}
