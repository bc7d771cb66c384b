// int32 flags that fail as upstream's do.
//
// Interface:
//   - int32Var(fs, p, name, short, value, usage) registers an int32 flag
//     (--replicas, --port) whose parse error is strconv's own:
//     `invalid argument "99999999999" for "-r, --replicas" flag:
//     strconv.ParseInt: parsing "99999999999": value out of range`.
//
// The pflag release this module uses words every bad integer "must be an
// integer", hiding the one fact that matters for 99999999999: the field
// is an int32 and the number does not fit. Upstream kubectl's pflag
// passes strconv's message through; so does this type.

package kubectl

import (
	"strconv"

	"github.com/spf13/pflag"
)

// int32Value is a pflag.Value holding an int32.
type int32Value int32

var _ pflag.Value = (*int32Value)(nil)

// Set parses s as a 32-bit integer (decimal, or 0x/0o/0b prefixed);
// the error is strconv's, naming the input and why it failed.
func (v *int32Value) Set(s string) error {
	n, err := strconv.ParseInt(s, 0, 32)
	if err != nil {
		return err
	}
	*v = int32Value(n)
	return nil
}

// Type is what help prints after the flag name.
func (v *int32Value) Type() string { return "int32" }

// String is the value in decimal.
func (v *int32Value) String() string { return strconv.FormatInt(int64(*v), 10) }

// int32Var registers an int32 flag writing to p, which starts at value.
func int32Var(fs *pflag.FlagSet, p *int32, name, short string, value int32, usage string) {
	*p = value
	fs.VarP((*int32Value)(p), name, short, usage)
}
