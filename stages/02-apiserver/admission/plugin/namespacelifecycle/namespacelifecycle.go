// NamespaceLifecycle: refuse writes that do not fit the life of their
// namespace.
//
// Interface:
//   - New(cfg) builds the plugin from cfg.Namespaces; Register adds it to
//     a registry under PluginName.
//   - Plugin.Admit: the checks listed in doc.go.
//   - ImmortalNamespaces, ReasonMayNotBeDeleted, CauseTypeNamespaceTerminating.
package namespacelifecycle

import (
	"context"
	"errors"
	"fmt"
	"slices"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

// PluginName is the name in --enable-admission-plugins.
const PluginName = admission.PluginNamespaceLifecycle

// ImmortalNamespaces may not be deleted: the cluster's own components
// live in them.
var ImmortalNamespaces = []string{"default", "kube-system", "kube-public"}

// ReasonMayNotBeDeleted is the reason a delete of an immortal namespace
// is refused with.
const ReasonMayNotBeDeleted = "this namespace may not be deleted"

// CauseTypeNamespaceTerminating marks the cause of a create refused
// because its namespace is being deleted; clients such as the garbage
// collector look for it.
const CauseTypeNamespaceTerminating metav1.CauseType = "NamespaceTerminating"

var (
	namespaceKind     = metav1.GroupKind{Kind: "Namespace"}
	namespaceResource = metav1.GroupResource{Resource: "namespaces"}
	// accessReviews answer "may I?" inside a namespace; refusing them for
	// a missing namespace would tell the caller which namespaces exist.
	accessReviews = metav1.GroupResource{Group: "authorization.k8s.io", Resource: "localsubjectaccessreviews"}
)

// Plugin is the NamespaceLifecycle plugin. It mutates nothing, but runs in
// the mutating pass, as upstream, so that no other plugin defaults an
// object that is about to be refused.
type Plugin struct {
	admission.Handler
	namespaces admission.NamespaceLister
}

var _ admission.Mutator = (*Plugin)(nil)

// New returns the plugin reading namespaces through cfg.Namespaces.
func New(cfg admission.Config) (*Plugin, error) {
	if cfg.Namespaces == nil {
		return nil, errors.New("namespacelifecycle: admission.Config.Namespaces is nil")
	}
	return &Plugin{
		Handler:    admission.NewHandler(admission.Create, admission.Update, admission.Delete),
		namespaces: cfg.Namespaces,
	}, nil
}

// Register adds the plugin to plugins.
func Register(plugins *admission.Plugins) {
	plugins.Register(PluginName, func(cfg admission.Config) (admission.Plugin, error) { return New(cfg) })
}

// Name returns PluginName.
func (*Plugin) Name() string { return PluginName }

// Admit applies the rules of doc.go. It returns the 403 or 404 described
// there, a 500 when the namespace cannot be read, and nil otherwise.
func (p *Plugin) Admit(ctx context.Context, a *admission.Attributes) error {
	isNamespace := a.Kind.GroupKind() == namespaceKind || a.Resource.GroupResource() == namespaceResource
	// 1. The system namespaces stay.
	if isNamespace && a.Operation == admission.Delete && slices.Contains(ImmortalNamespaces, a.Name) {
		return apierrors.NewForbidden(namespaceResource, a.Name, errors.New(ReasonMayNotBeDeleted))
	}
	// 2. Cluster-scoped objects, namespaces themselves, deletes and
	// access reviews have no namespace to check.
	if isNamespace || a.Namespace == "" || a.Operation == admission.Delete ||
		a.Resource.GroupResource() == accessReviews {
		return nil
	}
	// 3. The namespace must exist: its NotFound goes back as is.
	ns, err := p.namespaces.GetNamespace(ctx, a.Namespace)
	switch {
	case apierrors.IsNotFound(err):
		return apierrors.NewNotFound(namespaceResource, a.Namespace)
	case err != nil:
		return apierrors.NewInternalError(fmt.Errorf("namespacelifecycle: get namespace %s: %w", a.Namespace, err))
	}
	// 4. Nothing new in a namespace being emptied.
	if a.Operation == admission.Create && ns.Status.Phase == corev1.NamespaceTerminating {
		return terminating(a)
	}
	return nil
}

// terminating is the 403 for a create in a Terminating namespace, with
// the cause upstream adds.
func terminating(a *admission.Attributes) error {
	err := admission.NewForbidden(a, fmt.Errorf("unable to create new content in namespace %s because it is being terminated", a.Namespace))
	var se *apierrors.StatusError
	if errors.As(err, &se) && se.ErrStatus.Details != nil {
		se.ErrStatus.Details.Causes = append(se.ErrStatus.Details.Causes, metav1.StatusCause{
			Type:    CauseTypeNamespaceTerminating,
			Message: fmt.Sprintf("namespace %s is being terminated", a.Namespace),
			Field:   "metadata.namespace",
		})
	}
	return err
}
