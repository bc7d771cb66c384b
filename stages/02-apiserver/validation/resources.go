// Compute resources: names and amounts of requests and limits.
//
// Interface:
//   - validateResourceRequirements: a container's requests and limits
//     (names, non-negative amounts, request <= limit).
//   - podLevelResources: spec.resources, a budget the containers share
//     (beta since v1.34).
//   - resourceQuantity: a non-negative amount, whole for counted
//     resources; used by quotas, limit ranges, nodes and volumes too.
//   - The name classes: standard, container, quota, native, extended,
//     huge page.
//
// Talk 003, "Scheduler": requests are what the scheduler reserves, limits
// what the kubelet enforces, so a request above its limit can never be
// honoured.

package validation

import (
	"fmt"
	"slices"
	"strings"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/api/resource"
	sharedvalidation "github.com/kubeworkbook/kubeworkbook/shared/validation"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// The resource name classes upstream's core helpers define.
var (
	standardResources = []string{
		"cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage",
		"limits.cpu", "limits.memory", "limits.ephemeral-storage", "pods", "resourcequotas", "services",
		"replicationcontrollers", "secrets", "configmaps", "persistentvolumeclaims", "storage", "requests.storage",
		"services.nodeports", "services.loadbalancers",
	}
	containerResources = []string{"cpu", "memory", "ephemeral-storage"}
	quotaResources     = []string{
		"cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.storage",
		"requests.ephemeral-storage", "limits.cpu", "limits.memory", "limits.ephemeral-storage", "pods",
		"resourcequotas", "services", "replicationcontrollers", "secrets", "persistentvolumeclaims", "configmaps",
		"services.nodeports", "services.loadbalancers",
	}
	integerResources = []string{
		"pods", "resourcequotas", "services", "replicationcontrollers", "secrets", "configmaps",
		"persistentvolumeclaims", "services.nodeports", "services.loadbalancers",
	}
	// podLevelResourceNames is what spec.resources may hold, as listed in
	// the NotSupported message.
	podLevelResourceNames = []string{"cpu", "hugepages-", "memory"}
)

func isHugePage(name string) bool { return strings.HasPrefix(name, corev1.ResourceHugePagesPrefix) }

// isNativeResource: unprefixed, or in the kubernetes.io domain.
func isNativeResource(name string) bool {
	return !strings.Contains(name, "/") || strings.Contains(name, corev1.ResourceDefaultNamespacePrefix)
}

// isExtendedResource: a device plugin's resource, such as
// "example.com/gpu"; it must also make a valid "requests.<name>" quota
// name.
func isExtendedResource(name string) bool {
	if isNativeResource(name) || strings.HasPrefix(name, corev1.DefaultResourceRequestsPrefix) {
		return false
	}
	return len(sharedvalidation.IsQualifiedName(corev1.DefaultResourceRequestsPrefix+name)) == 0
}

// isOvercommitAllowed: huge pages and extended resources cannot be
// overcommitted, so their request must equal their limit.
func isOvercommitAllowed(name string) bool { return isNativeResource(name) && !isHugePage(name) }

func isIntegerResource(name string) bool {
	return slices.Contains(integerResources, name) || isExtendedResource(name)
}

func isQuotaHugePage(name string) bool {
	return isHugePage(name) || strings.HasPrefix(name, "requests."+corev1.ResourceHugePagesPrefix)
}

// resourceName checks any resource name: a qualified name, and a
// standard one unless it has a domain.
func resourceName(name string, path *field.Path) field.ErrorList {
	if errs := qualifiedName(name, path); len(errs) > 0 {
		return errs
	}
	if !strings.Contains(name, "/") && !slices.Contains(standardResources, name) && !isQuotaHugePage(name) {
		return field.ErrorList{field.Invalid(path, name, "must be a standard resource type or fully qualified")}
	}
	return nil
}

// containerResourceName adds the container rules: cpu, memory,
// ephemeral-storage, huge pages, or an extended resource.
func containerResourceName(name string, path *field.Path) field.ErrorList {
	errs := resourceName(name, path)
	switch {
	case !strings.Contains(name, "/"):
		if !slices.Contains(containerResources, name) && !isHugePage(name) {
			errs = append(errs, field.Invalid(path, name, "must be a standard resource for containers"))
		}
	case !isNativeResource(name) && !isExtendedResource(name):
		errs = append(errs, field.Invalid(path, name, "doesn't follow extended resource name standard"))
	}
	return errs
}

// resourceQuantity checks an amount: not negative, and whole for the
// resources that are counted (pods, objects, extended resources).
func resourceQuantity(name string, q resource.Quantity, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	if q.Sign() < 0 {
		errs = append(errs, field.Invalid(path, q.String(), isNegativeErrorMsg))
	}
	if isIntegerResource(name) && q.MilliValue()%1000 != 0 {
		errs = append(errs, field.Invalid(path, q.String(), isNotIntegerErrorMsg))
	}
	return errs
}

// hugePageMultiple checks that a huge page amount is a whole number of
// pages of the size in its name ("hugepages-2Mi").
func hugePageMultiple(name string, q resource.Quantity, path *field.Path) field.ErrorList {
	page, err := resource.ParseQuantity(strings.TrimPrefix(name, corev1.ResourceHugePagesPrefix))
	if err == nil && page.Sign() > 0 && q.Value()%page.Value() == 0 {
		return nil
	}
	return field.ErrorList{field.Invalid(path, q.String(), fmt.Sprintf("%s is not positive integer multiple of %s", q.String(), name))}
}

// validateResourceRequirements checks a container's resources. A request
// above its limit is reported at "requests" with the limit in the
// message, as upstream words it:
//
//	spec.containers[0].resources.requests: Invalid value: "200m": must be less than or equal to cpu limit of 100m
func validateResourceRequirements(r *corev1.ResourceRequirements, path *field.Path) field.ErrorList {
	errs := requestsAndLimits(r, path, containerResourceName)
	names := make([]string, 0, len(r.Claims))
	for i, c := range r.Claims {
		idx := path.Child("claims").Index(i)
		switch {
		case c.Name == "":
			errs = append(errs, field.Required(idx, ""))
		case slices.Contains(names, c.Name):
			errs = append(errs, field.Duplicate(idx, c.Name))
		default:
			names = append(names, c.Name)
			// This project's PodSpec has no resourceClaims, so no claim
			// name can match one.
			notFound := field.NotFound(idx, c.Name)
			notFound.Detail = "must be one of the names in pod.spec.resourceClaims which is empty"
			errs = append(errs, notFound)
		}
	}
	return errs
}

// requestsAndLimits is the part of the resource rules shared by
// containers and pods; nameCheck is the name rule of the level.
func requestsAndLimits(r *corev1.ResourceRequirements, path *field.Path, nameCheck func(string, *field.Path) field.ErrorList) field.ErrorList {
	var errs field.ErrorList
	limPath, reqPath := path.Child("limits"), path.Child("requests")
	hasCPUOrMemory, hasHugePages := false, false
	for _, name := range sortedKeys(r.Limits) {
		q, p := r.Limits[name], limPath.Key(string(name))
		errs = append(errs, nameCheck(string(name), p)...)
		errs = append(errs, resourceQuantity(string(name), q, p)...)
		if isHugePage(string(name)) {
			hasHugePages = true
			errs = append(errs, hugePageMultiple(string(name), q, p)...)
		}
		hasCPUOrMemory = hasCPUOrMemory || name == corev1.ResourceCPU || name == corev1.ResourceMemory
	}
	for _, name := range sortedKeys(r.Requests) {
		q, p := r.Requests[name], reqPath.Key(string(name))
		errs = append(errs, nameCheck(string(name), p)...)
		errs = append(errs, resourceQuantity(string(name), q, p)...)
		if limit, ok := r.Limits[name]; ok {
			if q.Cmp(limit) != 0 && !isOvercommitAllowed(string(name)) {
				errs = append(errs, field.Invalid(reqPath, q.String(), fmt.Sprintf("must be equal to %s limit of %s", name, limit.String())))
			} else if q.Cmp(limit) > 0 {
				errs = append(errs, field.Invalid(reqPath, q.String(), fmt.Sprintf("must be less than or equal to %s limit of %s", name, limit.String())))
			}
		} else if !isOvercommitAllowed(string(name)) {
			errs = append(errs, field.Required(limPath, "Limit must be set for non overcommitable resources"))
		}
		if isHugePage(string(name)) {
			hasHugePages = true
			errs = append(errs, hugePageMultiple(string(name), q, p)...)
		}
		hasCPUOrMemory = hasCPUOrMemory || name == corev1.ResourceCPU || name == corev1.ResourceMemory
	}
	if hasHugePages && !hasCPUOrMemory {
		errs = append(errs, field.Forbidden(path, "HugePages require cpu or memory"))
	}
	return errs
}

// podLevelResources checks spec.resources: only cpu, memory and huge
// pages, no claims, and requests that cover what the containers ask for
// together (the sidecars and regular containers run at once; each
// ordinary init container runs beside the sidecars started before it).
func podLevelResources(spec *corev1.PodSpec, specPath *field.Path) field.ErrorList {
	r := spec.Resources
	if r == nil {
		return nil
	}
	path := specPath.Child("resources")
	if spec.OS != nil && spec.OS.Name == corev1.Windows {
		return field.ErrorList{field.Forbidden(path, "may not be set for a windows pod")}
	}
	var errs field.ErrorList
	if len(r.Claims) > 0 {
		errs = append(errs, field.Forbidden(path.Child("claims"), "claims cannot be set for Resources at pod-level"))
	}
	errs = append(errs, requestsAndLimits(r, path, podResourceName)...)
	aggregate := aggregateContainerRequests(spec)
	for _, name := range sortedKeys(aggregate) {
		podReq, ok := r.Requests[name]
		if ok && aggregate[name].Cmp(podReq) > 0 {
			errs = append(errs, field.Invalid(path.Child("requests").Key(string(name)), podReq.String(),
				"must be greater than or equal to aggregate container requests of "+aggregate[name].String()))
		}
	}
	return errs
}

// podResourceName is the name rule of spec.resources.
func podResourceName(name string, path *field.Path) field.ErrorList {
	if errs := resourceName(name, path); len(errs) > 0 {
		return errs
	}
	if name != "cpu" && name != "memory" && !isHugePage(name) {
		return field.ErrorList{field.NotSupported(path, name, podLevelResourceNames)}
	}
	return nil
}

// aggregateContainerRequests sums what the pod's containers request at
// the busiest moment of its life.
func aggregateContainerRequests(spec *corev1.PodSpec) corev1.ResourceList {
	running := corev1.ResourceList{}
	add := func(into, from corev1.ResourceList) {
		for name, q := range from {
			sum := into[name]
			sum.Add(q)
			into[name] = sum
		}
	}
	for _, c := range spec.Containers {
		add(running, c.Resources.Requests)
	}
	peak := corev1.ResourceList{}
	sidecars := corev1.ResourceList{}
	for _, c := range spec.InitContainers {
		if c.RestartPolicy != nil && *c.RestartPolicy == corev1.ContainerRestartPolicyAlways {
			add(sidecars, c.Resources.Requests)
			continue
		}
		during := corev1.ResourceList{}
		add(during, sidecars)
		add(during, c.Resources.Requests)
		for name, q := range during {
			if p, ok := peak[name]; !ok || q.Cmp(p) > 0 {
				peak[name] = q
			}
		}
	}
	add(running, sidecars)
	for name, q := range peak {
		if r, ok := running[name]; !ok || q.Cmp(r) > 0 {
			running[name] = q
		}
	}
	return running
}
