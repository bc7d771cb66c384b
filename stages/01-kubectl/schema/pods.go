// Pods: rules for pod specs and containers, attached to their schemas.
//
// Interface:
//   - typeRules maps a schema name to a check the walk runs on every object
//     that schema describes, wherever it sits: a Pod's spec, a Deployment's
//     spec.template.spec, a CronJob's spec.jobTemplate.spec.template.spec.
//
// The rules are the API server's (pkg/apis/core/validation) for what kubectl
// can know without the cluster: a pod has at least one container; container
// names are DNS-1123 labels, unique within the pod; every container has an
// image, and (beyond what the server checks, see image.go) that image is a
// valid OCI reference. Hanging them on schema names rather than on a list
// of kinds means the walk finds every pod spec the schema knows of, even
// one a mis-indented manifest left somewhere else (hints.go).
package schema

import (
	"github.com/kubeworkbook/kubeworkbook/shared/validation"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// typeRules are the checks run on objects of a named schema, after the
// schema's own checks.
var typeRules = map[string]func(obj map[string]any, p *field.Path) field.ErrorList{
	"io.k8s.api.core.v1.Pod":                requirePodSpec,
	"io.k8s.api.core.v1.PodTemplateSpec":    requirePodSpec,
	"io.k8s.api.core.v1.PodSpec":            validatePodSpec,
	"io.k8s.api.core.v1.Container":          validateContainer,
	"io.k8s.api.core.v1.EphemeralContainer": validateContainer,
	// ranges.go: bounds the schema's int32 does not state.
	"io.k8s.api.apps.v1.DeploymentSpec":  validateReplicas,
	"io.k8s.api.apps.v1.ReplicaSetSpec":  validateReplicas,
	"io.k8s.api.apps.v1.StatefulSetSpec": validateReplicas,
	"io.k8s.api.core.v1.ContainerPort":   validateContainerPort,
	"io.k8s.api.core.v1.ServicePort":     validateServicePort,
}

// requirePodSpec reports a Pod or pod template without a spec: it has no
// containers, which the API server reports as spec.containers: Required
// value. Talk 002's template, whose spec was dedented away, is the case.
func requirePodSpec(obj map[string]any, p *field.Path) field.ErrorList {
	if obj["spec"] == nil {
		return field.ErrorList{field.Required(p.Child("spec", "containers"), "")}
	}
	return nil
}

// validatePodSpec requires a non-empty containers list (absence is the
// schema's "required"; an empty list is ours) and unique container names
// across containers, initContainers and ephemeralContainers.
func validatePodSpec(spec map[string]any, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if list, ok := spec["containers"].([]any); ok && len(list) == 0 {
		errs = append(errs, field.Required(p.Child("containers"), ""))
	}
	seen := map[string]bool{}
	for _, listName := range []string{"containers", "initContainers", "ephemeralContainers"} {
		list, _ := spec[listName].([]any)
		for i, item := range list {
			c, _ := item.(map[string]any)
			name, _ := c["name"].(string)
			if name == "" {
				continue
			}
			if seen[name] {
				errs = append(errs, field.Duplicate(p.Child(listName).Index(i).Child("name"), name))
			}
			seen[name] = true
		}
	}
	return errs
}

// validateContainer checks one container's name and image.
func validateContainer(c map[string]any, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if name, ok := c["name"].(string); ok && name != "" {
		for _, msg := range validation.IsDNS1123Label(name) {
			errs = append(errs, field.Invalid(p.Child("name"), name, msg))
		}
	}
	switch image := c["image"].(type) {
	case nil:
		errs = append(errs, field.Required(p.Child("image"), ""))
	case string:
		if err := ValidateImage(p.Child("image"), image); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}
