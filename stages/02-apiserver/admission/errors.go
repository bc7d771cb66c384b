// Rejections: the errors a plugin returns to refuse a request.
//
// Interface:
//   - NewForbidden(a, reason): the 403 every built-in plugin answers with,
//     `pods "web" is forbidden: <reason>`.
//   - Aggregate(errs): several reasons as one, `[first, second]`, for a
//     plugin that checks everything before refusing (LimitRanger).
//
// The Status shapes come from stages/02-apiserver/apierrors; this file
// only decides which name the message carries.
package admission

import (
	"errors"
	"strings"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

// NewForbidden returns the 403 Forbidden a plugin rejects a with, in
// upstream's admission.NewForbidden shape: `<resource> "<name>" is
// forbidden: <reason>`. The name is the request's, or on a create the
// object's name, or its generateName when the server has not picked a
// name yet, or "Unknown". A reason that already is a Forbidden is
// returned as is, so a plugin that calls another does not wrap twice.
func NewForbidden(a *Attributes, reason error) error {
	if apierrors.ReasonFor(reason) == metav1.StatusReasonForbidden {
		return reason
	}
	return apierrors.NewForbidden(a.Resource.GroupResource(), objectName(a), reason)
}

// objectName is the name a rejection message shows: see NewForbidden.
func objectName(a *Attributes) string {
	if a.Name != "" {
		return a.Name
	}
	if a.Object != nil {
		if m := a.Object.GetObjectMeta(); m.Name != "" {
			return m.Name
		} else if m.GenerateName != "" {
			return m.GenerateName
		}
	}
	return "Unknown"
}

// Aggregate joins errs into one error as upstream's utilerrors.NewAggregate
// prints them: nil for none, the error itself for one, and
// "[first, second]" for more, each distinct message once.
func Aggregate(errs []error) error {
	var distinct []error
	var msgs []string
	seen := map[string]bool{}
	for _, err := range errs {
		if err == nil || seen[err.Error()] {
			continue
		}
		seen[err.Error()] = true
		distinct = append(distinct, err)
		msgs = append(msgs, err.Error())
	}
	switch len(distinct) {
	case 0:
		return nil
	case 1:
		return distinct[0]
	}
	return errors.New("[" + strings.Join(msgs, ", ") + "]")
}
