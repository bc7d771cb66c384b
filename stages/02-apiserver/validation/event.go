// Events: reports of what happened to an object.
//
// Interface:
//   - validateEvent: a core/v1 Event. An Event lives in its object's
//     namespace (cluster-scoped objects' events go to "default"), and a
//     new-style event (with eventTime) must say who reported it and what
//     it did.
//
// Upstream applies only these legacy rules to core/v1 Events, for old
// clients' sake; the stricter events.k8s.io/v1 rules are not here.
// Names only need to fit in a URL path segment: clients generate them
// as <object>.<hex timestamp>.

package validation

import (
	"fmt"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// The length limits of new-style event fields.
const (
	reportingInstanceLengthLimit = 128
	actionLengthLimit            = 128
	reasonLengthLimit            = 128
	noteLengthLimit              = 1024
)

func validateEvent(e *corev1.Event) field.ErrorList {
	errs := objectMeta(e, nameIsPathSegment)
	involvedNS := field.NewPath("involvedObject", "namespace")
	mismatch := field.Invalid(involvedNS, e.InvolvedObject.Namespace, "does not match event.namespace")
	if e.EventTime.IsZero() {
		// Old style: the namespaces agree, or a cluster-scoped object's
		// event sits in "default" (or nowhere, for very old clients).
		if e.InvolvedObject.Namespace == "" {
			if e.Namespace != "" && e.Namespace != corev1.NamespaceDefault {
				errs = append(errs, mismatch)
			}
		} else if e.Namespace != e.InvolvedObject.Namespace {
			errs = append(errs, mismatch)
		}
	} else {
		if e.InvolvedObject.Namespace == "" && e.Namespace != corev1.NamespaceDefault && e.Namespace != corev1.NamespaceSystem {
			errs = append(errs, mismatch)
		}
		// The core/v1 name of reportingController.
		controller := field.NewPath("reportingComponent")
		if e.ReportingController == "" {
			errs = append(errs, field.Required(controller, ""))
		}
		errs = append(errs, qualifiedName(e.ReportingController, controller)...)
		errs = append(errs, requiredWithLimit(e.ReportingInstance, reportingInstanceLengthLimit, field.NewPath("reportingInstance"))...)
		errs = append(errs, requiredWithLimit(e.Action, actionLengthLimit, field.NewPath("action"))...)
		errs = append(errs, requiredWithLimit(e.Reason, reasonLengthLimit, field.NewPath("reason"))...)
		if len(e.Message) > noteLengthLimit {
			errs = append(errs, field.Invalid(field.NewPath("message"), "", fmt.Sprintf("can have at most %v characters", noteLengthLimit)))
		}
	}
	return append(errs, dns1123Subdomain(e.Namespace, field.NewPath("namespace"))...)
}

// requiredWithLimit requires value and limits its length; the value is
// not echoed back, as upstream does not.
func requiredWithLimit(value string, limit int, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	if value == "" {
		errs = append(errs, field.Required(path, ""))
	}
	if len(value) > limit {
		errs = append(errs, field.Invalid(path, "", fmt.Sprintf("can have at most %v characters", limit)))
	}
	return errs
}
