package admission

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/pflag"
)

// registryOf registers a validate-only fake under each name.
func registryOf(names ...string) *Plugins {
	ps := &Plugins{}
	for _, n := range names {
		ps.Register(n, func(Config) (Plugin, error) {
			return validatingPlugin{&fakePlugin{Handler: NewHandler(Create), name: n, calls: new([]string)}}, nil
		})
	}
	return ps
}

// Talk 000, "Admission controllers": which plugins run is the operator's
// choice, by flag; the order is not.
func TestOptionsFlags(t *testing.T) {
	all := registryOf(RecommendedOrder...)
	tests := []struct {
		name    string
		args    []string
		plugins *Plugins
		want    []string
		wantErr []string
	}{
		{
			name: "no flags: the default-on plugins, AlwaysPullImages off",
			want: []string{"NamespaceLifecycle", "LimitRanger", "ServiceAccount", "PodSecurity",
				"MutatingAdmissionWebhook", "ValidatingAdmissionWebhook", "ResourceQuota"},
		},
		{
			name: "enable and disable, in any order; the run order stays",
			args: []string{"--enable-admission-plugins=AlwaysPullImages", "--disable-admission-plugins=ResourceQuota,PodSecurity,MutatingAdmissionWebhook,ValidatingAdmissionWebhook"},
			want: []string{"NamespaceLifecycle", "LimitRanger", "ServiceAccount", "AlwaysPullImages"},
		},
		{
			name:    "an unknown name is named, with the valid ones",
			args:    []string{"--enable-admission-plugins=AlwaysPullImage"},
			wantErr: []string{`enable-admission-plugins plugin "AlwaysPullImage" is unknown (valid plugins: AlwaysPullImages, LimitRanger,`},
		},
		{
			name:    "unknown in disable too",
			args:    []string{"--disable-admission-plugins=PodSecurityPolicy"},
			wantErr: []string{`disable-admission-plugins plugin "PodSecurityPolicy" is unknown`},
		},
		{
			name:    "a name in both flags",
			args:    []string{"--enable-admission-plugins=LimitRanger", "--disable-admission-plugins=LimitRanger"},
			wantErr: []string{"[LimitRanger] in enable-admission-plugins and disable-admission-plugins overlapped"},
		},
		{
			name:    "a registered plugin with no place in the order is a programming error",
			plugins: registryOf("NamespaceLifecycle", "Mystery"),
			wantErr: []string{"plugins [Mystery] registered are not in RecommendedOrder"},
		},
		{
			name:    "default-on plugins not registered are left out",
			plugins: registryOf("ResourceQuota", "NamespaceLifecycle"),
			want:    []string{"NamespaceLifecycle", "ResourceQuota"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			plugins := tc.plugins
			if plugins == nil {
				plugins = all
			}
			var o Options
			fs := pflag.NewFlagSet("kube-apiserver", pflag.ContinueOnError)
			o.AddFlags(fs, plugins)
			if err := fs.Parse(tc.args); err != nil {
				t.Fatal(err)
			}
			chain, err := o.NewChain(plugins, Config{})
			if len(tc.wantErr) > 0 {
				for _, w := range tc.wantErr {
					if err == nil || !strings.Contains(err.Error(), w) {
						t.Errorf("error = %v, want it to contain %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, chain.Names()); diff != "" {
				t.Errorf("chain (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFlagHelpListsPlugins(t *testing.T) {
	var o Options
	fs := pflag.NewFlagSet("kube-apiserver", pflag.ContinueOnError)
	o.AddFlags(fs, registryOf(PluginNamespaceLifecycle, PluginAlwaysPullImages))
	usage := fs.Lookup("enable-admission-plugins").Usage
	for _, want := range []string{"in addition to default enabled ones (NamespaceLifecycle)", "AlwaysPullImages, NamespaceLifecycle"} {
		if !strings.Contains(usage, want) {
			t.Errorf("usage %q lacks %q", usage, want)
		}
	}
}

func TestPluginsNew(t *testing.T) {
	ps := &Plugins{}
	ps.Register("Liar", func(Config) (Plugin, error) {
		return validatingPlugin{&fakePlugin{name: "Other", calls: new([]string)}}, nil
	})
	ps.Register("Idle", func(Config) (Plugin, error) { return &fakePlugin{name: "Idle"}, nil })
	tests := []struct{ name, plugin, want string }{
		{name: "unknown", plugin: "Nope", want: `admission plugin "Nope" is unknown (registered: Idle, Liar)`},
		{name: "wrong name", plugin: "Liar", want: `build admission plugin "Liar": it calls itself "Other"`},
		{name: "does nothing", plugin: "Idle", want: `build admission plugin "Idle": it implements neither Admit nor Validate`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ps.New(tc.plugin, Config{})
			if errString(err) != tc.want {
				t.Errorf("error = %v, want %q", err, tc.want)
			}
		})
	}
	defer func() {
		if recover() == nil {
			t.Errorf("registering a name twice did not panic")
		}
	}()
	ps.Register("Idle", nil)
}
