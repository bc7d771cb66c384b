// Object metadata, and the small checks every kind reuses.
//
// Interface:
//   - objectMeta(obj, nameFn): metadata on create. shared/validation
//     checks name, generateName, namespace, labels and annotations; this
//     file adds owner references and finalizers, as upstream's
//     ValidateObjectMeta does on top of apimachinery's.
//   - validateObjectMetaUpdate(new, old): what an update may not do to
//     metadata that the REST layer does not already prevent.
//   - The name rules (nameIsDNSSubdomain, nameIsDNSLabel, ...), and
//     helpers: immutable, nonNegative, dns1123Label, qualifiedName,
//     labelSelector, semanticEqual, sortedKeys.
//
// Everything returns a field.ErrorList in upstream's words; the per-kind
// files call these with their own paths.

package validation

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	sharedvalidation "github.com/kubeworkbook/kubeworkbook/shared/validation"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// Messages upstream shares across kinds (apimachinery's
// IsNegativeErrorMsg and FieldImmutableErrorMsg, core's
// isNotIntegerErrorMsg and isNotPositiveErrorMsg).
const (
	isNegativeErrorMsg    = "must be greater than or equal to 0"
	fieldImmutableMsg     = "field is immutable"
	isNotIntegerErrorMsg  = "must be an integer"
	isNotPositiveErrorMsg = "must be greater than zero"
)

// The name rules of the kinds, as upstream assigns them: most kinds use a
// DNS-1123 subdomain, Namespaces a DNS-1123 label, Services a DNS-1035
// label (the name becomes an environment variable prefix), and RBAC
// objects and Events anything that fits in one URL path segment.
var (
	nameIsDNSSubdomain  = sharedvalidation.NameIsDNSSubdomain
	nameIsDNSLabel      = sharedvalidation.NameIsDNSLabel
	nameIsDNS1035Label  = sharedvalidation.NameIsDNS1035Label
	nameIsPathSegment   = sharedvalidation.ValidatePathSegmentName
	validateNodeName    = sharedvalidation.NameIsDNSSubdomain
	validateSecretName  = sharedvalidation.NameIsDNSSubdomain
	validateAccountName = sharedvalidation.NameIsDNSSubdomain
)

// standardFinalizers are the finalizer names allowed without a domain
// prefix: the namespace controller's and the garbage collector's two.
var standardFinalizers = []string{"kubernetes", "orphan", "foregroundDeletion"}

// objectMeta checks obj's metadata on create: the kind's name rule
// nameFn, the namespace (required for namespaced kinds per shared/scheme,
// forbidden otherwise), labels, annotations, owner references and
// finalizers.
func objectMeta(obj metav1.Object, nameFn sharedvalidation.ValidateNameFunc) field.ErrorList {
	path := field.NewPath("metadata")
	meta := obj.GetObjectMeta()
	errs := sharedvalidation.ValidateObjectMeta(meta, isNamespaced(obj), nameFn, path)
	errs = append(errs, ownerReferences(meta.OwnerReferences, path.Child("ownerReferences"))...)
	return append(errs, finalizers(meta.Finalizers, path.Child("finalizers"))...)
}

// objectMetaCommon checks the parts of metadata a status write may
// change: labels, annotations, owner references and finalizers.
func objectMetaCommon(meta *metav1.ObjectMeta, path *field.Path) field.ErrorList {
	errs := sharedvalidation.ValidateLabels(meta.Labels, path.Child("labels"))
	errs = append(errs, sharedvalidation.ValidateAnnotations(meta.Annotations, path.Child("annotations"))...)
	errs = append(errs, ownerReferences(meta.OwnerReferences, path.Child("ownerReferences"))...)
	return append(errs, finalizers(meta.Finalizers, path.Child("finalizers"))...)
}

// validateObjectMetaUpdate checks what an update may not do to metadata:
// add a finalizer to an object that is being deleted. (Name, namespace,
// uid and resourceVersion are the REST layer's; see ValidateUpdate.)
func validateObjectMetaUpdate(newMeta, oldMeta *metav1.ObjectMeta, path *field.Path) field.ErrorList {
	if oldMeta.DeletionTimestamp == nil {
		return nil
	}
	var extra []string
	for _, f := range newMeta.Finalizers {
		if !slices.Contains(oldMeta.Finalizers, f) && !slices.Contains(extra, f) {
			extra = append(extra, f)
		}
	}
	if len(extra) == 0 {
		return nil
	}
	slices.Sort(extra)
	return field.ErrorList{field.Forbidden(path.Child("finalizers"),
		fmt.Sprintf("no new finalizers can be added if the object is being deleted, found new finalizers %#v", extra))}
}

// ownerReferences checks that every owner reference names its owner
// fully, that an Event is never an owner, and that at most one reference
// is the controller.
func ownerReferences(refs []metav1.OwnerReference, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	firstController := ""
	for _, ref := range refs {
		gvk := metav1.FromAPIVersionAndKind(ref.APIVersion, ref.Kind)
		if gvk.Version == "" {
			errs = append(errs, field.Invalid(path.Child("apiVersion"), ref.APIVersion, "version must not be empty"))
		}
		if gvk.Kind == "" {
			errs = append(errs, field.Invalid(path.Child("kind"), ref.Kind, "must not be empty"))
		}
		if ref.Name == "" {
			errs = append(errs, field.Invalid(path.Child("name"), ref.Name, "must not be empty"))
		}
		if ref.UID == "" {
			errs = append(errs, field.Invalid(path.Child("uid"), string(ref.UID), "must not be empty"))
		}
		if gvk.Group == "" && gvk.Version == "v1" && gvk.Kind == "Event" {
			errs = append(errs, field.Invalid(path, ref, "/v1, Kind=Event is disallowed from being an owner"))
		}
		if ref.Controller != nil && *ref.Controller {
			name := ref.Kind + "/" + ref.Name
			if firstController != "" {
				errs = append(errs, field.Invalid(path, refs, fmt.Sprintf(
					"Only one reference can have Controller set to true. Found \"true\" in references for %v and %v", firstController, name)))
			} else {
				firstController = name
			}
		}
	}
	return errs
}

// finalizers checks metadata.finalizers: each a qualified name, a name
// without a domain one of the standard finalizers, and not both orphan
// and foregroundDeletion (they ask for opposite cascades).
func finalizers(names []string, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	for _, name := range names {
		errs = append(errs, qualifiedName(name, path)...)
	}
	if slices.Contains(names, "orphan") && slices.Contains(names, "foregroundDeletion") {
		errs = append(errs, field.Invalid(path, names, "finalizer orphan and foregroundDeletion cannot be both set"))
	}
	for i, name := range names {
		errs = append(errs, kubeFinalizerName(name, path.Index(i))...)
	}
	return errs
}

// kubeFinalizerName rejects a finalizer without a domain prefix that
// Kubernetes does not define.
func kubeFinalizerName(name string, path *field.Path) field.ErrorList {
	if !strings.Contains(name, "/") && !slices.Contains(standardFinalizers, name) {
		return field.ErrorList{field.Invalid(path, name, "name is neither a standard finalizer name nor is it fully qualified")}
	}
	return nil
}

// labelSelector checks a structured selector: its matchLabels as labels,
// each expression's operator, key and values. nil is valid.
func labelSelector(ls *metav1.LabelSelector, path *field.Path) field.ErrorList {
	if ls == nil {
		return nil
	}
	errs := sharedvalidation.ValidateLabels(ls.MatchLabels, path.Child("matchLabels"))
	for i, expr := range ls.MatchExpressions {
		exprPath := path.Child("matchExpressions").Index(i)
		switch expr.Operator {
		case metav1.LabelSelectorOpIn, metav1.LabelSelectorOpNotIn:
			if len(expr.Values) == 0 {
				errs = append(errs, field.Required(exprPath.Child("values"), "must be specified when `operator` is 'In' or 'NotIn'"))
			}
		case metav1.LabelSelectorOpExists, metav1.LabelSelectorOpDoesNotExist:
			if len(expr.Values) > 0 {
				errs = append(errs, field.Forbidden(exprPath.Child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"))
			}
		default:
			errs = append(errs, field.Invalid(exprPath.Child("operator"), string(expr.Operator), "not a valid selector operator"))
		}
		errs = append(errs, sharedvalidation.ValidateLabelName(expr.Key, exprPath.Child("key"))...)
		for j, v := range expr.Values {
			for _, msg := range sharedvalidation.IsValidLabelValue(v) {
				errs = append(errs, field.Invalid(exprPath.Child("values").Index(j), v, msg))
			}
		}
	}
	return errs
}

// immutable reports newVal at path when it differs from oldVal.
func immutable(newVal, oldVal any, path *field.Path) field.ErrorList {
	if semanticEqual(newVal, oldVal) {
		return nil
	}
	return field.ErrorList{field.Invalid(path, newVal, fieldImmutableMsg)}
}

// semanticEqual is upstream's apiequality.Semantic.DeepEqual: quantities
// compare by value ("1" equals "1000m"), and a nil slice or map equals an
// empty one, since JSON cannot tell them apart after a round trip.
func semanticEqual(a, b any) bool {
	return gocmp.Equal(a, b, cmpopts.EquateEmpty())
}

// semanticDiff shows how b differs from a, for the messages of the
// "may not change" rules; like upstream's, its layout is for people and
// not stable.
func semanticDiff(a, b any) string {
	return gocmp.Diff(a, b, cmpopts.EquateEmpty())
}

// nonNegative reports value at path when it is below zero.
func nonNegative(value int64, path *field.Path) field.ErrorList {
	if value < 0 {
		return field.ErrorList{field.Invalid(path, value, isNegativeErrorMsg)}
	}
	return nil
}

// dns1123Label, dns1123Subdomain and qualifiedName place the messages of
// the shared/validation checks at path.
func dns1123Label(value string, path *field.Path) field.ErrorList {
	return invalidEach(path, value, sharedvalidation.IsDNS1123Label(value))
}

func dns1123Subdomain(value string, path *field.Path) field.ErrorList {
	return invalidEach(path, value, sharedvalidation.IsDNS1123Subdomain(value))
}

func qualifiedName(value string, path *field.Path) field.ErrorList {
	return invalidEach(path, value, sharedvalidation.IsQualifiedName(value))
}

// nameRule applies a ValidateNameFunc to a value that is not an object's
// own name (a referenced secret, node or service account).
func nameRule(rule sharedvalidation.ValidateNameFunc, value string, path *field.Path) field.ErrorList {
	return invalidEach(path, value, rule(value, false))
}

// invalidEach turns each message into an Invalid error for value at path.
func invalidEach(path *field.Path, value any, msgs []string) field.ErrorList {
	var errs field.ErrorList
	for _, msg := range msgs {
		errs = append(errs, field.Invalid(path, value, msg))
	}
	return errs
}

// sortedKeys returns m's keys in order, so that errors about map entries
// come out the same on every run (upstream's order is Go's random one).
func sortedKeys[K cmp.Ordered, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
