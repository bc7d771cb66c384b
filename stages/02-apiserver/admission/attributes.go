// Attributes and plugin interfaces: what an admission plugin is given and
// what it must implement.
//
// Interface:
//   - Operation: CREATE, UPDATE, DELETE, CONNECT.
//   - Attributes: the write being admitted (the object, the old object,
//     kind, resource, namespace, name, user, dry run).
//   - Plugin, Mutator, Validator: a plugin has a name and says which
//     operations it handles; mutators may change Attributes.Object,
//     validators may only accept or reject.
//   - Attributes.AddAnnotation: a plugin's note for the audit event.
//
// The chain that calls the plugins is in chain.go, what it records in
// trace.go; the plugins themselves live under plugin/.
package admission

import (
	"context"
	"fmt"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
)

// Operation is the kind of write being admitted, as upstream spells it in
// an AdmissionReview.
type Operation string

// The operations admission sees. Reads (get, list, watch) never pass
// through admission.
const (
	Create  Operation = "CREATE"
	Update  Operation = "UPDATE"
	Delete  Operation = "DELETE"
	Connect Operation = "CONNECT" // pods/exec, pods/attach, pods/portforward
)

// Attributes describe one write. A mutator may replace or change Object;
// everything else is read-only by convention.
type Attributes struct {
	Operation Operation
	// Kind is the kind of Object (autoscaling/v1 Scale for deployments/scale).
	Kind metav1.GroupVersionKind
	// Resource and Subresource say where the write goes:
	// apps/v1 deployments, "scale".
	Resource    metav1.GroupVersionResource
	Subresource string
	// Namespace is empty for cluster-scoped resources; Name may be empty
	// on create when the object has a generateName.
	Namespace, Name string
	// Object is the object being written (nil for DELETE); OldObject is
	// the stored object for UPDATE and DELETE (nil for CREATE).
	Object, OldObject metav1.Object
	// DryRun is true for dryRun=All: plugins must not change anything
	// outside the request (a quota's usage, say).
	DryRun bool
	// User made the request.
	User user.Info

	// Trace is what the Chain did with this request, one Step per plugin
	// it called. The Chain appends to it; plugins leave it alone.
	Trace Trace
	// Annotations are the plugins' notes for the request's audit event
	// (key "<plugin domain>/<name>"); add them with AddAnnotation.
	Annotations map[string]string
}

// AddAnnotation records key=value for the audit event. As upstream, a
// key may be set twice only to the same value: two plugins disagreeing
// about one key is a bug, reported as an error.
func (a *Attributes) AddAnnotation(key, value string) error {
	if old, ok := a.Annotations[key]; ok && old != value {
		return fmt.Errorf("add admission annotation %q: already set to %q, refusing %q", key, old, value)
	}
	if a.Annotations == nil {
		a.Annotations = map[string]string{}
	}
	a.Annotations[key] = value
	return nil
}

// Plugin is an admission plugin. Name is the name used in
// --enable-admission-plugins ("NamespaceLifecycle").
type Plugin interface {
	Name() string
	// Handles reports whether the plugin looks at operation op at all.
	Handles(op Operation) bool
}

// Mutator is a plugin that may change the object before it is validated
// and stored (ServiceAccount adds the token volume, AlwaysPullImages sets
// the pull policy). A non-nil error rejects the request.
type Mutator interface {
	Plugin
	Admit(ctx context.Context, a *Attributes) error
}

// Validator is a plugin that only accepts or rejects, after every mutator
// has run and the object has passed validation (ResourceQuota, PodSecurity).
type Validator interface {
	Plugin
	Validate(ctx context.Context, a *Attributes) error
}
