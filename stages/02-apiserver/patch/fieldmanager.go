// Field manager: who set which field, the bookkeeping behind server-side
// apply.
//
// Interface:
//   - FieldManager, one per resource endpoint (kind, version, subresource):
//     Apply (apply.go) and RecordUpdate (update.go).
//   - ManagerOrUserAgent(fieldManager, userAgent) names the manager of a
//     request that has no fieldManager parameter: "kubectl-edit" from
//     "kubectl-edit/v1.37.2 (linux/amd64) kubernetes/abc".
//   - ValidatePatchOptions and ValidateFieldManager check the request's
//     options with upstream's messages (422, PatchOptions.meta.k8s.io).
//
// Every write records, in metadata.managedFields, the fields its manager
// set. A later apply by another manager that would change one of them
// fails with a 409 naming the field, unless it forces; that is how
// `kubectl apply --server-side` keeps a controller's or a colleague's edit
// from being overwritten by accident (talk 004, step 1).

package patch

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

// FieldManagerMaxLength is the longest manager name upstream accepts.
const FieldManagerMaxLength = 128

// FieldManager tracks field ownership for the objects of one endpoint.
// Its fields are set once, when the REST layer builds the endpoint.
type FieldManager struct {
	// Schema is the kind's (LookupFor(res.New())); nil for a kind without
	// a Go type, whose lists are then owned whole.
	Schema *Schema
	// APIVersion is the group/version of the endpoint ("apps/v1"); entries
	// record it, and an apply configuration must declare it.
	APIVersion string
	// Subresource is "" for the object itself, "status" or "scale" for a
	// subresource; entries record it.
	Subresource string
	// ResetFields are top-level fields this endpoint does not write, so no
	// manager owns them through it: "status" for the object itself of a
	// kind with status, the others ("spec", "metadata") for /status.
	ResetFields []string
	// Now returns the time entries record; nil means time.Now.
	Now func() time.Time
}

// strippedFields are never owned by anyone: the identity and bookkeeping
// fields the server sets (upstream's stripMeta manager).
var strippedFields = []fieldPath{
	{"f:apiVersion"}, {"f:kind"}, {"f:metadata"},
	{"f:metadata", "f:name"}, {"f:metadata", "f:namespace"}, {"f:metadata", "f:creationTimestamp"},
	{"f:metadata", "f:selfLink"}, {"f:metadata", "f:uid"}, {"f:metadata", "f:clusterName"},
	{"f:metadata", "f:generation"}, {"f:metadata", "f:managedFields"}, {"f:metadata", "f:resourceVersion"},
}

// tracked returns the paths of s that managers may own at this endpoint.
func (m *FieldManager) tracked(s fieldSet) fieldSet {
	out := fieldSet{}
	for k, p := range s {
		if len(p) > 0 && slices.Contains(m.ResetFields, strings.TrimPrefix(p[0], "f:")) {
			continue
		}
		if slices.ContainsFunc(strippedFields, func(q fieldPath) bool { return slices.Equal(p, q) }) {
			continue
		}
		out[k] = p
	}
	return out
}

func (m *FieldManager) now() time.Time {
	if m.Now != nil {
		return m.Now()
	}
	return time.Now()
}

// ManagerOrUserAgent returns fieldManager, or when it is empty the part of
// userAgent before the first "/", without unprintable characters and cut
// to FieldManagerMaxLength bytes: upstream's default manager name.
func ManagerOrUserAgent(fieldManager, userAgent string) string {
	if fieldManager != "" {
		return fieldManager
	}
	prefix, _, _ := strings.Cut(userAgent, "/")
	var b strings.Builder
	for _, r := range prefix {
		if !unicode.IsPrint(r) {
			continue
		}
		if b.Len()+utf8.RuneLen(r) > FieldManagerMaxLength {
			break
		}
		b.WriteRune(r)
	}
	return b.String()
}

// ValidateFieldManager checks a fieldManager parameter: at most 128
// bytes, printable characters only.
func ValidateFieldManager(fieldManager string, fldPath *field.Path) field.ErrorList {
	var errs field.ErrorList
	if len(fieldManager) > FieldManagerMaxLength {
		errs = append(errs, field.TooLong(fldPath, fieldManager, FieldManagerMaxLength))
	}
	for i, r := range fieldManager {
		if !unicode.IsPrint(r) {
			errs = append(errs, field.Invalid(fldPath, fieldManager, fmt.Sprintf("invalid character %#U (at position %d)", r, i)))
		}
	}
	return errs
}

// ValidatePatchOptions checks the options of a PATCH as upstream does: an
// apply needs a fieldManager, and only an apply may say force. It returns
// nil or a 422 *apierrors.StatusError about PatchOptions.meta.k8s.io.
func ValidatePatchOptions(pt PatchType, fieldManager string, force *bool) error {
	var errs field.ErrorList
	switch {
	case pt != ApplyPatchType && force != nil:
		errs = append(errs, field.Forbidden(field.NewPath("force"), "may not be specified for non-apply patch"))
	case pt == ApplyPatchType && fieldManager == "":
		errs = append(errs, field.Required(field.NewPath("fieldManager"), "is required for apply patch"))
	}
	errs = append(errs, ValidateFieldManager(fieldManager, field.NewPath("fieldManager"))...)
	if len(errs) > 0 {
		return apierrors.NewInvalid(metav1.GroupKind{Group: "meta.k8s.io", Kind: "PatchOptions"}, "", errs)
	}
	return nil
}

// conflict is one field another manager owns that an apply would change.
type conflict struct {
	manager managerID
	path    fieldPath
}

// newConflictError is upstream's apply conflict: 409, one cause per field,
// and a message naming the managers and fields (kubectl adds the way out:
// --force-conflicts, or leave the field out of the configuration).
func newConflictError(conflicts []conflict) *apierrors.StatusError {
	slices.SortFunc(conflicts, func(a, b conflict) int {
		if c := compareIDs(a.manager, b.manager); c != 0 {
			return c
		}
		return comparePaths(a.path, b.path)
	})
	st := metav1.Status{
		Status: metav1.StatusFailure, Code: http.StatusConflict, Reason: metav1.StatusReasonConflict,
		Details: &metav1.StatusDetails{},
	}
	for _, c := range conflicts {
		st.Details.Causes = append(st.Details.Causes, metav1.StatusCause{
			Type: metav1.CauseTypeFieldManagerConflict, Message: "conflict with " + printManager(c.manager), Field: c.path.String(),
		})
	}
	if len(conflicts) == 1 {
		st.Message = fmt.Sprintf("Apply failed with 1 conflict: conflict with %s: %s", printManager(conflicts[0].manager), conflicts[0].path)
		return &apierrors.StatusError{ErrStatus: st}
	}
	var lines []string
	for i, c := range conflicts {
		if i == 0 || c.manager != conflicts[i-1].manager {
			lines = append(lines, fmt.Sprintf("conflicts with %s:", printManager(c.manager)))
		}
		lines = append(lines, "- "+c.path.String())
	}
	st.Message = fmt.Sprintf("Apply failed with %d conflicts: %s", len(conflicts), strings.Join(lines, "\n"))
	return &apierrors.StatusError{ErrStatus: st}
}
