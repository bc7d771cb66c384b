// Logging: what etcd and its client print on the API server's stderr.
//
// Interface:
//   - newLogger(level) is the zap logger given to embedded members (error
//     level, or info with EmbedOptions.Verbose) and to Dial's clients.
//   - quietCore drops the one false alarm etcd 3.7 raises on every new
//     member.
//
// Embedded.Close raises a member's level further while it stops, because
// etcd reports the closing of its own listeners as errors.
package storage

import (
	"strings"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// newLogger returns a zap logger writing to stderr at level, which the
// caller may change later, without etcd's known false alarms.
func newLogger(level zap.AtomicLevel) *zap.Logger {
	cfg := zap.NewProductionConfig()
	cfg.Level = level
	cfg.OutputPaths, cfg.ErrorOutputPaths = []string{"stderr"}, []string{"stderr"}
	lg, err := cfg.Build(zap.WrapCore(func(c zapcore.Core) zapcore.Core { return quietCore{c} }))
	if err != nil {
		return zap.NewNop()
	}
	return lg
}

// quietCore drops one error etcd 3.7 logs a few seconds after a new member
// starts, before its first commit has stored a raft term: "failed to
// update storage version ... missing term information". The next check
// succeeds, so the line would only alarm a student reading the API
// server's output.
type quietCore struct{ zapcore.Core }

func (c quietCore) With(fields []zapcore.Field) zapcore.Core { return quietCore{c.Core.With(fields)} }

func (c quietCore) Check(e zapcore.Entry, ce *zapcore.CheckedEntry) *zapcore.CheckedEntry {
	if c.Enabled(e.Level) {
		return ce.AddCore(e, c)
	}
	return ce
}

func (c quietCore) Write(e zapcore.Entry, fields []zapcore.Field) error {
	if e.Message == "failed to update storage version" {
		for _, f := range fields {
			if err, ok := f.Interface.(error); ok && strings.Contains(err.Error(), "missing term information") {
				return nil
			}
		}
	}
	return c.Core.Write(e, fields)
}
