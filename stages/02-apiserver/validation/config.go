// ConfigMaps and Secrets: data pods read as files or environment
// variables.
//
// Interface:
//   - validateConfigMap, validateSecret: keys usable as file names, total
//     size at most 1 MiB (it must fit in one etcd value), and for typed
//     Secrets the keys their type requires.
//   - validateConfigMapUpdate, validateSecretUpdate: an object marked
//     immutable keeps its data (and its mark) forever, which lets every
//     kubelet stop watching it.

package validation

import (
	"encoding/json"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// immutableMsg is the message for a change to an immutable object.
const immutableMsg = "field is immutable when `immutable` is set"

// validateConfigMap checks the keys of both data maps, that no key is in
// both, and the total size. As upstream, a size error refers to the
// whole object and has an empty path.
func validateConfigMap(cm *corev1.ConfigMap) field.ErrorList {
	errs := objectMeta(cm, nameIsDNSSubdomain)
	total := 0
	data := field.NewPath("data")
	for _, key := range sortedKeys(cm.Data) {
		errs = append(errs, invalidEach(data.Key(key), key, isConfigMapKey(key))...)
		if _, dup := cm.BinaryData[key]; dup {
			errs = append(errs, field.Invalid(data.Key(key), key, "duplicate of key present in binaryData"))
		}
		total += len(cm.Data[key])
	}
	binary := field.NewPath("binaryData")
	for _, key := range sortedKeys(cm.BinaryData) {
		errs = append(errs, invalidEach(binary.Key(key), key, isConfigMapKey(key))...)
		total += len(cm.BinaryData[key])
	}
	if total > corev1.MaxSecretSize {
		errs = append(errs, field.TooLong(nil, "", corev1.MaxSecretSize))
	}
	return errs
}

func validateConfigMapUpdate(cm, old *corev1.ConfigMap) field.ErrorList {
	if old.Immutable == nil || !*old.Immutable {
		return nil
	}
	var errs field.ErrorList
	if cm.Immutable == nil || !*cm.Immutable {
		errs = append(errs, field.Forbidden(field.NewPath("immutable"), immutableMsg))
	}
	if !semanticEqual(cm.Data, old.Data) {
		errs = append(errs, field.Forbidden(field.NewPath("data"), immutableMsg))
	}
	if !semanticEqual(cm.BinaryData, old.BinaryData) {
		errs = append(errs, field.Forbidden(field.NewPath("binaryData"), immutableMsg))
	}
	return errs
}

// validateSecret checks a Secret's keys and size, then the keys its type
// needs. stringData has been merged into data by the REST layer already.
func validateSecret(s *corev1.Secret) field.ErrorList {
	errs := objectMeta(s, nameIsDNSSubdomain)
	data := field.NewPath("data")
	total := 0
	for _, key := range sortedKeys(s.Data) {
		errs = append(errs, invalidEach(data.Key(key), key, isConfigMapKey(key))...)
		total += len(s.Data[key])
	}
	if total > corev1.MaxSecretSize {
		errs = append(errs, field.TooLong(data, "", corev1.MaxSecretSize))
	}
	switch s.Type {
	case corev1.SecretTypeServiceAccountToken:
		// The token controller fills in the token and uid; the account
		// name is what the user must give.
		if s.Annotations[corev1.ServiceAccountNameKey] == "" {
			errs = append(errs, field.Required(field.NewPath("metadata", "annotations").Key(corev1.ServiceAccountNameKey), ""))
		}
	case corev1.SecretTypeDockercfg:
		errs = append(errs, jsonKey(s.Data, corev1.DockerConfigKey, data)...)
	case corev1.SecretTypeDockerConfigJson:
		errs = append(errs, jsonKey(s.Data, corev1.DockerConfigJsonKey, data)...)
	case corev1.SecretTypeBasicAuth:
		_, user := s.Data[corev1.BasicAuthUsernameKey]
		_, password := s.Data[corev1.BasicAuthPasswordKey]
		if !user && !password {
			errs = append(errs, field.Required(data.Key(corev1.BasicAuthUsernameKey), ""),
				field.Required(data.Key(corev1.BasicAuthPasswordKey), ""))
		}
	case corev1.SecretTypeSSHAuth:
		if len(s.Data[corev1.SSHAuthPrivateKey]) == 0 {
			errs = append(errs, field.Required(data.Key(corev1.SSHAuthPrivateKey), ""))
		}
	case corev1.SecretTypeTLS:
		for _, key := range []string{corev1.TLSCertKey, corev1.TLSPrivateKeyKey} {
			if _, ok := s.Data[key]; !ok {
				errs = append(errs, field.Required(data.Key(key), ""))
			}
		}
	}
	return errs
}

// jsonKey requires data[key] to hold a JSON object (a registry
// credentials file). The contents are never echoed back.
func jsonKey(data map[string][]byte, key string, path *field.Path) field.ErrorList {
	raw, ok := data[key]
	if !ok {
		return field.ErrorList{field.Required(path.Key(key), "")}
	}
	if err := json.Unmarshal(raw, &map[string]any{}); err != nil {
		return field.ErrorList{field.Invalid(path.Key(key), "<secret contents redacted>", err.Error())}
	}
	return nil
}

// validateSecretUpdate: the type never changes (it decides which keys
// must exist), and an immutable Secret keeps its data.
func validateSecretUpdate(s, old *corev1.Secret) field.ErrorList {
	errs := immutable(string(s.Type), string(old.Type), field.NewPath("type"))
	if old.Immutable != nil && *old.Immutable {
		if s.Immutable == nil || !*s.Immutable {
			errs = append(errs, field.Forbidden(field.NewPath("immutable"), immutableMsg))
		}
		if !semanticEqual(s.Data, old.Data) {
			errs = append(errs, field.Forbidden(field.NewPath("data"), immutableMsg))
		}
	}
	return errs
}
