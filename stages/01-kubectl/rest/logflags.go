// Log settings: the -v flag and the choice between the two request-log
// formats.
//
// Interface:
//   - AddFlags(fs): registers klog's -v/--v and --vmodule on a cobra/pflag
//     flag set, so "kubectl get pods -v 6" works.
//   - SetLogFormat(LogFormatText | LogFormatStructured): what --log-format
//     selects; ParseLogFormat turns the flag value into a LogFormat.
//
// klog writes to stderr by default (its -logtostderr is true), with the
// header "I1124 22:30:00.123456   12345 round_trippers.go:123] ".

package rest

import (
	"flag"
	"fmt"
	"sync/atomic"

	"github.com/spf13/pflag"
	"k8s.io/klog/v2"
)

// LogFormat selects how request logs are worded.
type LogFormat string

const (
	// LogFormatText prints the sentences of talk 000 and client-go before
	// v1.33: "GET https://… 200 OK in 4 milliseconds".
	LogFormatText LogFormat = "text"
	// LogFormatStructured prints key/value messages as kubectl does since
	// v1.33: "Response" verb="GET" url="https://…" status="200 OK"
	// milliseconds=4.
	LogFormatStructured LogFormat = "structured"
)

// logFormat holds the current LogFormat; atomic because requests may be
// logged from several goroutines (watch streams) while a test changes it.
var logFormat atomic.Value

func init() { logFormat.Store(LogFormatText) }

// SetLogFormat selects the request-log format for all clients of this
// process. Unknown values are treated as LogFormatText.
func SetLogFormat(f LogFormat) { logFormat.Store(f) }

// CurrentLogFormat returns the format set by SetLogFormat.
func CurrentLogFormat() LogFormat { return logFormat.Load().(LogFormat) }

// ParseLogFormat validates a --log-format value ("text" or "structured").
func ParseLogFormat(s string) (LogFormat, error) {
	switch f := LogFormat(s); f {
	case LogFormatText, LogFormatStructured:
		return f, nil
	}
	return "", fmt.Errorf("invalid --log-format %q: must be %q or %q", s, LogFormatText, LogFormatStructured)
}

func structuredLogs() bool { return CurrentLogFormat() == LogFormatStructured }

// AddFlags registers klog's verbosity flags on fs: -v/--v (an integer; 6 to
// 10 turn on request logs) and --vmodule (per-file levels such as
// "round_trippers=8"). The flags write straight into klog's global state,
// as upstream kubectl's do.
func AddFlags(fs *pflag.FlagSet) {
	var gfs flag.FlagSet
	klog.InitFlags(&gfs)
	for _, name := range []string{"v", "vmodule"} {
		if f := gfs.Lookup(name); f != nil {
			fs.AddGoFlag(f) // a one-letter name also gets its shorthand: -v 6
		}
	}
}
