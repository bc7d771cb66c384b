package rest

import (
	"testing"

	"github.com/spf13/pflag"
	"k8s.io/klog/v2"
)

// "kubectl get deployments -v 6" (talk 000): the shorthand, the long form
// and --vmodule all reach klog.
func TestAddFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want int // highest enabled level in 6..10, 0 for none
	}{
		{name: "shorthand with space", args: []string{"-v", "6"}, want: 6},
		{name: "shorthand with equals", args: []string{"-v=8"}, want: 8},
		{name: "long form", args: []string{"--v=9"}, want: 9},
		{name: "default is quiet", args: nil, want: 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Cleanup(func() { _ = klogFlags().Set("v", "0") })
			fs := pflag.NewFlagSet("kubectl", pflag.ContinueOnError)
			AddFlags(fs)
			if err := fs.Parse(tc.args); err != nil {
				t.Fatal(err)
			}
			if got := verbosity(); got != tc.want {
				t.Errorf("verbosity after %v = %d, want %d", tc.args, got, tc.want)
			}
		})
	}
	fs := pflag.NewFlagSet("kubectl", pflag.ContinueOnError)
	AddFlags(fs)
	if fs.Lookup("vmodule") == nil || fs.ShorthandLookup("v") == nil {
		t.Error("AddFlags must register -v/--v and --vmodule")
	}
	if klog.V(1).Enabled() {
		t.Error("verbosity leaked from the table above")
	}
}

func TestParseLogFormat(t *testing.T) {
	tests := []struct {
		in      string
		want    LogFormat
		wantErr bool
	}{
		{in: "text", want: LogFormatText},
		{in: "structured", want: LogFormatStructured},
		{in: "json", wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseLogFormat(tc.in)
			if (err != nil) != tc.wantErr || got != tc.want {
				t.Errorf("ParseLogFormat(%q) = %q, %v", tc.in, got, err)
			}
		})
	}
}
