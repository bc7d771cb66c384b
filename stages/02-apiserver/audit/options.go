// Options: the audit flags of kube-apiserver, and what they build.
//
// Interface:
//   - Options, NewOptions, (*Options).AddFlags: --audit-log-path,
//     --audit-policy-file, --audit-log-maxsize, --audit-log-maxbackup,
//     --audit-log-batch-buffer-size (upstream's names and defaults).
//   - NewFromOptions(opts): the backend, the policy and a function that
//     flushes and closes the log.
package audit

import (
	"errors"
	"fmt"

	"github.com/spf13/pflag"
)

// Options are the audit settings of the API server.
type Options struct {
	// LogPath is the audit log file; "-" is standard output, "" turns
	// auditing off.
	LogPath string
	// PolicyFile is the audit policy; "" means DefaultPolicy (Metadata
	// for every request). Needs LogPath.
	PolicyFile string
	// MaxSizeMB rotates the log past this many megabytes; 0 never.
	MaxSizeMB int
	// MaxBackups is how many rotated files to keep; 0 keeps all.
	MaxBackups int
	// BufferSize is how many events may wait to be written before new
	// ones are dropped.
	BufferSize int
}

// NewOptions returns the defaults: no audit log.
func NewOptions() *Options {
	return &Options{BufferSize: DefaultBufferSize}
}

// AddFlags adds the audit flags to fs, bound to o.
func (o *Options) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.LogPath, "audit-log-path", o.LogPath,
		"If set, all requests coming to the apiserver will be logged to this file.  '-' means standard out.")
	fs.StringVar(&o.PolicyFile, "audit-policy-file", o.PolicyFile,
		"Path to the file that defines the audit policy configuration. Without it, every request is logged at the Metadata level.")
	fs.IntVar(&o.MaxSizeMB, "audit-log-maxsize", o.MaxSizeMB,
		"The maximum size in megabytes of the audit log file before it gets rotated.")
	fs.IntVar(&o.MaxBackups, "audit-log-maxbackup", o.MaxBackups,
		"The maximum number of old audit log files to retain. Setting a value of 0 will mean there's no restriction on the number of files.")
	fs.IntVar(&o.BufferSize, "audit-log-batch-buffer-size", o.BufferSize,
		"The size of the buffer to store events before writing; events that do not fit are dropped.")
}

// Validate reports settings that cannot work, naming the flag.
func (o *Options) Validate() error {
	var errs []error
	if o.PolicyFile != "" && o.LogPath == "" {
		errs = append(errs, errors.New("--audit-policy-file needs --audit-log-path: there is no other audit backend"))
	}
	if o.MaxSizeMB < 0 {
		errs = append(errs, fmt.Errorf("--audit-log-maxsize %d must be 0 or more", o.MaxSizeMB))
	}
	if o.MaxBackups < 0 {
		errs = append(errs, fmt.Errorf("--audit-log-maxbackup %d must be 0 or more", o.MaxBackups))
	}
	if o.BufferSize < 1 {
		errs = append(errs, fmt.Errorf("--audit-log-batch-buffer-size %d must be 1 or more", o.BufferSize))
	}
	return errors.Join(errs...)
}

// NewFromOptions builds what the audit filters need. With no LogPath it
// returns a nil backend and policy and a closeLog that does nothing; pass
// them to WithAudit and WithFailedAuthenticationAudit as they are (the
// nil policy turns the filters off, even though a nil *LogBackend in a
// Backend interface is not nil). Otherwise closeLog writes every queued
// event and closes the file; call it after the server has stopped
// serving. The backend is returned as *LogBackend so that its Dropped
// count can be exported as a metric.
func NewFromOptions(o *Options) (backend *LogBackend, policy *Policy, closeLog func() error, err error) {
	noop := func() error { return nil }
	if err := o.Validate(); err != nil {
		return nil, nil, noop, fmt.Errorf("audit options: %w", err)
	}
	if o.LogPath == "" {
		return nil, nil, noop, nil
	}
	policy = DefaultPolicy()
	if o.PolicyFile != "" {
		if policy, err = LoadPolicyFile(o.PolicyFile); err != nil {
			return nil, nil, noop, err
		}
	}
	out, err := OpenLogFile(o.LogPath, o.MaxSizeMB, o.MaxBackups)
	if err != nil {
		return nil, nil, noop, err
	}
	backend = NewLogBackend(out, o.BufferSize)
	return backend, policy, func() error {
		backend.Shutdown()
		return out.Close()
	}, nil
}
