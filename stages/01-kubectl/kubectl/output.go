// Output and dry-run flags shared by the commands that change objects.
//
// Interface:
//   - addPrintFlags registers -o/--output, --template,
//     --allow-missing-template-keys and --show-managed-fields on a
//     command, writing into a printers.PrintFlags.
//   - dryRunStrategy and addDryRunFlag/parseDryRun/completeDryRun:
//     --dry-run=none|client|server; a bare --dry-run or a boolean is
//     accepted with upstream's deprecation warning.
//   - resultPrinter completes the flags with the dry-run suffix
//     ("created (dry run)", "created (server dry run)") and returns the
//     printer for the result.
//
// Upstream: cmdutil.AddDryRunFlag, GetDryRunStrategy and
// PrintFlagsWithDryRunStrategy.

package kubectl

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"k8s.io/klog/v2"

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

// parseDryRun reads the --dry-run value. The deprecated forms upstream
// still accepts come back with the warning to print: a bare --dry-run
// (the flag's NoOptDefVal, "unchanged") means client, and a boolean
// means client (true) or none (false).
func parseDryRun(value string) (strategy dryRunStrategy, warning string, err error) {
	switch value {
	case "", "none":
		return dryRunNone, "", nil
	case "client":
		return dryRunClient, "", nil
	case "server":
		return dryRunServer, "", nil
	case "unchanged":
		return dryRunClient, "--dry-run is deprecated and can be replaced with --dry-run=client.", nil
	}
	b, perr := strconv.ParseBool(value)
	if perr != nil {
		return dryRunNone, "", fmt.Errorf(`Invalid dry-run value (%v). Must be "none", "server", or "client".`, value)
	}
	if b {
		return dryRunClient, fmt.Sprintf("--dry-run=%v is deprecated (boolean value) and can be replaced with --dry-run=client.", value), nil
	}
	return dryRunNone, fmt.Sprintf("--dry-run=%v is deprecated (boolean value) and can be replaced with --dry-run=none.", value), nil
}

// completeDryRun parses --dry-run and logs a deprecation warning as a
// klog "W" line, where upstream prints it.
func completeDryRun(value string) (dryRunStrategy, error) {
	strategy, warning, err := parseDryRun(value)
	if warning != "" {
		klog.Warning(warning)
	}
	return strategy, err
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
