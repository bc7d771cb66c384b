// Generators for `kubectl create configmap` and `create secret generic`:
// key/value data from literals, files and env files.
//
// Interface:
//   - DataSources are --from-literal, --from-file and --from-env-file.
//   - (DataSources).Collect() reads them into one key → bytes map, with
//     upstream's messages for a bad literal, a bad key or a duplicate.
//   - GenerateConfigMap and GenerateSecret build the objects: a ConfigMap
//     keeps UTF-8 values in data and the rest in binaryData; a Secret
//     keeps every value in data (base64 on the wire).
//
// Talk 002, "declarative manifests": the nginx ConfigMap there is what
// `create configmap nginx --from-file=nginx.conf` generates.

package kubectl

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// DataSources are the flags that fill a ConfigMap's or Secret's data.
type DataSources struct {
	Literals []string // "key=value"
	Files    []string // "path", "key=path", or a directory
	EnvFiles []string // files of KEY=value lines
}

// configMapKey is the rule for data keys (upstream IsConfigMapKey).
var configMapKey = regexp.MustCompile(`^[-._a-zA-Z0-9]+$`)

// validateKey checks one data key.
func validateKey(key string) error {
	if len(key) > 253 || !configMapKey.MatchString(key) {
		return fmt.Errorf("%q is not a valid key name: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')", key)
	}
	return nil
}

// Collect reads every source, in the order files, literals, env files.
// kind and name word the duplicate-key error.
func (s DataSources) Collect(kind, name string) (map[string][]byte, error) {
	data := map[string][]byte{}
	add := func(key string, value []byte) error {
		if err := validateKey(key); err != nil {
			return err
		}
		if _, dup := data[key]; dup {
			return fmt.Errorf("cannot add key %q, another key by that name already exists in Data for %s %q", key, kind, name)
		}
		data[key] = value
		return nil
	}
	for _, f := range s.Files {
		if err := addFileSource(f, add); err != nil {
			return nil, err
		}
	}
	for _, lit := range s.Literals {
		key, value, ok := strings.Cut(lit, "=")
		if !ok || key == "" {
			return nil, fmt.Errorf("invalid literal source %v, expected key=value", lit)
		}
		if err := add(key, []byte(value)); err != nil {
			return nil, err
		}
	}
	for _, env := range s.EnvFiles {
		if err := addEnvFile(env, add); err != nil {
			return nil, err
		}
	}
	return data, nil
}

// addFileSource reads "path", "key=path" or every regular file of a
// directory (keyed by file name).
func addFileSource(source string, add func(string, []byte) error) error {
	key, path, named := strings.Cut(source, "=")
	if !named {
		path, key = source, filepath.Base(source)
	} else if key == "" || path == "" {
		return fmt.Errorf("key names or file paths cannot be empty")
	}
	info, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("error reading %s: %w", path, err)
	}
	if !info.IsDir() {
		data, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("error reading %s: %w", path, err)
		}
		return add(key, data)
	}
	if named {
		return fmt.Errorf("cannot give a key name for a directory path")
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return fmt.Errorf("error listing files in %s: %w", path, err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(path, e.Name()))
		if err != nil {
			return fmt.Errorf("error reading %s: %w", e.Name(), err)
		}
		if err := add(e.Name(), data); err != nil {
			return err
		}
	}
	return nil
}

// addEnvFile reads KEY=value lines; blank lines and # comments are
// skipped, and a bare KEY takes its value from kubectl's own environment.
func addEnvFile(path string, add func(string, []byte) error) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("error reading %s: %w", path, err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimLeft(sc.Text(), " \t")
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if !ok {
			value = os.Getenv(key)
		}
		if !isEnvVarName(key) {
			return fmt.Errorf("%q is not a valid key name: a valid environment variable name must consist of printable ASCII characters other than '='", key)
		}
		if err := add(key, []byte(value)); err != nil {
			return err
		}
	}
	return sc.Err()
}

// GenerateConfigMap returns the ConfigMap `create configmap` sends.
func GenerateConfigMap(name, namespace string, data map[string][]byte) *corev1.ConfigMap {
	cm := &corev1.ConfigMap{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "ConfigMap"},
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: namespace},
	}
	for k, v := range data {
		if utf8.Valid(v) {
			if cm.Data == nil {
				cm.Data = map[string]string{}
			}
			cm.Data[k] = string(v)
			continue
		}
		if cm.BinaryData == nil {
			cm.BinaryData = map[string][]byte{}
		}
		cm.BinaryData[k] = v
	}
	return cm
}

// GenerateSecret returns the Secret `create secret generic` sends; an
// empty secretType is left for the server to default to Opaque.
func GenerateSecret(name, namespace string, secretType corev1.SecretType, data map[string][]byte) *corev1.Secret {
	s := &corev1.Secret{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Secret"},
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: namespace},
		Type:       secretType,
	}
	if len(data) > 0 {
		s.Data = data
	}
	return s
}
