// Columns every table shares, and the small formatters cells use.
//
// Interface:
//   - NameColumn, AgeColumn: the NAME and AGE columns of almost every kind.
//   - DefaultColumns: NAME and CREATED AT, what the API server prints for
//     a kind without printer columns (roles, limit ranges).
//   - containerColumns, selectorColumn: the -o wide CONTAINERS, IMAGES and
//     SELECTOR columns of workload kinds.
//
// Cells follow upstream's printers (k8s.io/kubernetes pkg/printers/
// internalversion): "<none>" for an absent value, counts as int64.

package scheme

import (
	"fmt"
	"strings"
	"time"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/labels"
)

// NameColumn is the NAME column: metadata.name, Format "name".
func NameColumn() Column {
	return Column{Name: "Name", Type: "string", Format: "name",
		Description: "The object's name, unique within its namespace (or the cluster, for cluster-scoped kinds).",
		Cell:        func(obj metav1.Object, _ time.Time) any { return obj.GetObjectMeta().Name }}
}

// AgeColumn is the AGE column: time since metadata.creationTimestamp.
func AgeColumn() Column {
	return Column{Name: "Age", Type: "string",
		Description: "Time since the object was created (metadata.creationTimestamp).",
		Cell: func(obj metav1.Object, now time.Time) any {
			return Since(obj.GetObjectMeta().CreationTimestamp, now)
		}}
}

// DefaultColumns are NAME and CREATED AT, the table the API server builds
// for a kind that has no printer of its own. CREATED AT is the RFC 3339
// creation time in UTC.
func DefaultColumns() []Column {
	return []Column{NameColumn(), {Name: "Created At", Type: "date",
		Description: "The time the object was created (metadata.creationTimestamp).",
		Cell: func(obj metav1.Object, _ time.Time) any {
			return obj.GetObjectMeta().CreationTimestamp.UTC().Format(time.RFC3339)
		}}}
}

// cellOf adapts a cell function for one Go type to a Column.Cell. The
// object's type is checked by TableFor before any cell is computed, so a
// mismatch here is a programming error.
func cellOf[T any](f func(obj *T, now time.Time) any) func(metav1.Object, time.Time) any {
	return func(obj metav1.Object, now time.Time) any {
		t, ok := any(obj).(*T)
		if !ok {
			panic(fmt.Sprintf("scheme: cell for %T called with %T", new(T), obj))
		}
		return f(t, now)
	}
}

// containerColumns are the -o wide CONTAINERS and IMAGES columns of a kind
// whose pod template spec returns.
func containerColumns[T any](spec func(*T) *corev1.PodSpec) []Column {
	return []Column{
		{Name: "Containers", Type: "string", Priority: 1, Description: "Names of the containers in the pod template.",
			Cell: cellOf(func(o *T, _ time.Time) any { return joinContainers(spec(o).Containers, false) })},
		{Name: "Images", Type: "string", Priority: 1, Description: "Images of the containers in the pod template.",
			Cell: cellOf(func(o *T, _ time.Time) any { return joinContainers(spec(o).Containers, true) })},
	}
}

// joinContainers lists the containers' names (or images) separated by
// commas, in spec order.
func joinContainers(cs []corev1.Container, images bool) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = c.Name
		if images {
			parts[i] = c.Image
		}
	}
	return strings.Join(parts, ",")
}

// selectorColumn is the -o wide SELECTOR column of a kind with a
// spec.selector, printed as upstream's metav1.FormatLabelSelector does:
// the canonical selector string, "<none>" when it selects everything or
// nothing, "<error>" when it does not convert.
func selectorColumn[T any](sel func(*T) *metav1.LabelSelector) Column {
	return Column{Name: "Selector", Type: "string", Priority: 1, Description: "The label selector of the pods this object manages.",
		Cell: cellOf(func(o *T, _ time.Time) any { return formatLabelSelector(sel(o)) })}
}

func formatLabelSelector(ls *metav1.LabelSelector) string {
	sel, err := labels.FromLabelSelector(ls)
	if err != nil {
		return "<error>"
	}
	if s := sel.String(); s != "" {
		return s
	}
	return "<none>"
}

// orNone returns s, or "<none>" when s is empty.
func orNone(s string) string {
	if s == "" {
		return "<none>"
	}
	return s
}

// listWithMore joins the first max items and says how many were left
// out: "a,b,c + 2 more...". An empty list is "<unset>".
func listWithMore(items []string, total, max int) string {
	if len(items) > max {
		items = items[:max]
	}
	s := strings.Join(items, ",")
	switch {
	case total > max:
		return fmt.Sprintf("%s + %d more...", s, total-max)
	case s == "":
		return "<unset>"
	}
	return s
}
