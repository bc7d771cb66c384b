// Ranges: the numbers whose type a schema gives but whose bounds it does
// not.
//
// Interface:
//   - validateReplicas: spec.replicas of a Deployment, ReplicaSet or
//     StatefulSet is not negative.
//   - validateContainerPort: containerPort is a port number (1-65535),
//     and so is hostPort when set.
//   - validateServicePort: a Service's port, and its nodePort when set.
//
// The schema says "int32"; the API server's validation (pkg/apis/apps
// and pkg/apis/core) adds the bounds, with these messages. They are
// registered in typeRules (pods.go), so they run wherever the walk meets
// the schema, and `kubectl create deployment x --replicas=-2 --port=99999`
// fails on the client instead of at the server.
package schema

import (
	"math"

	"github.com/kubeworkbook/kubeworkbook/shared/validation"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// validateReplicas checks spec.replicas (p is the spec's path). A value
// that is not an integer is left to the schema's type check.
func validateReplicas(spec map[string]any, p *field.Path) field.ErrorList {
	if n, ok := intField(spec, "replicas"); ok && n < 0 {
		return field.ErrorList{field.Invalid(p.Child("replicas"), n, "must be greater than or equal to 0")}
	}
	return nil
}

// validateContainerPort checks one entry of a container's ports.
func validateContainerPort(port map[string]any, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if n, ok := intField(port, "containerPort"); ok {
		errs = append(errs, portNumber(p.Child("containerPort"), n)...)
	}
	if n, ok := intField(port, "hostPort"); ok && n != 0 {
		errs = append(errs, portNumber(p.Child("hostPort"), n)...)
	}
	return errs
}

// validateServicePort checks one entry of a Service's ports.
func validateServicePort(port map[string]any, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if n, ok := intField(port, "port"); ok {
		errs = append(errs, portNumber(p.Child("port"), n)...)
	}
	if n, ok := intField(port, "nodePort"); ok && n != 0 {
		errs = append(errs, portNumber(p.Child("nodePort"), n)...)
	}
	return errs
}

// portNumber reports n at p unless it is 1 to 65535.
func portNumber(p *field.Path, n int64) field.ErrorList {
	var errs field.ErrorList
	for _, msg := range validation.IsValidPortNum(int(n)) {
		errs = append(errs, field.Invalid(p, n, msg))
	}
	return errs
}

// intField returns obj[key] when it is a whole number within int32, the
// type of every field checked here; a number beyond it is the schema's
// format check to report, once.
func intField(obj map[string]any, key string) (int64, bool) {
	f, isInt, ok := number(obj[key])
	if !ok || !isInt || f < math.MinInt32 || f > math.MaxInt32 {
		return 0, false
	}
	return int64(f), true
}
