// RBAC binding, Lease and EndpointSlice columns.
//
// Interface:
//   - bindingColumns: ROLE ("ClusterRole/view"); with -o wide USERS,
//     GROUPS and SERVICEACCOUNTS ("ns/name").
//   - leaseColumns: HOLDER, the identity holding the lease.
//   - endpointSliceColumns: ADDRESSTYPE, PORTS, ENDPOINTS.
//
// Talk 000, "Authorization chain": a binding grants a role's rules to its
// subjects; these columns say which role and whom.

package scheme

import (
	"strconv"
	"strings"
	"time"

	coordinationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/coordination/v1"
	discoveryv1 "github.com/kubeworkbook/kubeworkbook/shared/api/discovery/v1"
	rbacv1 "github.com/kubeworkbook/kubeworkbook/shared/api/rbac/v1"
)

// bindingColumns serves RoleBindings and ClusterRoleBindings alike; get
// returns the role reference and subjects of a binding of type T.
func bindingColumns[T any](get func(*T) (rbacv1.RoleRef, []rbacv1.Subject)) []Column {
	subjects := func(kind string) func(*T, time.Time) any {
		return func(b *T, _ time.Time) any {
			_, subs := get(b)
			return strings.Join(subjectNames(subs, kind), ", ")
		}
	}
	return []Column{
		NameColumn(),
		{Name: "Role", Type: "string", Description: "The role granted, as Kind/name.",
			Cell: cellOf(func(b *T, _ time.Time) any { ref, _ := get(b); return ref.Kind + "/" + ref.Name })},
		AgeColumn(),
		{Name: "Users", Type: "string", Priority: 1, Description: "Users the binding names.",
			Cell: cellOf(subjects(rbacv1.UserKind))},
		{Name: "Groups", Type: "string", Priority: 1, Description: "Groups the binding names.",
			Cell: cellOf(subjects(rbacv1.GroupKind))},
		{Name: "ServiceAccounts", Type: "string", Priority: 1, Description: "Service accounts the binding names, as namespace/name.",
			Cell: cellOf(subjects(rbacv1.ServiceAccountKind))},
	}
}

// subjectNames lists the subjects of one kind, in binding order; service
// accounts are written namespace/name.
func subjectNames(subs []rbacv1.Subject, kind string) []string {
	var out []string
	for _, s := range subs {
		if s.Kind != kind {
			continue
		}
		if kind == rbacv1.ServiceAccountKind {
			out = append(out, s.Namespace+"/"+s.Name)
		} else {
			out = append(out, s.Name)
		}
	}
	return out
}

func leaseColumns() []Column {
	return []Column{NameColumn(),
		{Name: "Holder", Type: "string", Description: "The identity that holds the lease.",
			Cell: cellOf(func(l *coordinationv1.Lease, _ time.Time) any {
				if h := l.Spec.HolderIdentity; h != nil {
					return *h
				}
				return ""
			})},
		AgeColumn()}
}

func endpointSliceColumns() []Column {
	type ES = discoveryv1.EndpointSlice
	return []Column{
		NameColumn(),
		{Name: "AddressType", Type: "string", Description: "IPv4, IPv6 or FQDN.",
			Cell: cellOf(func(s *ES, _ time.Time) any { return string(s.AddressType) })},
		{Name: "Ports", Type: "string", Description: "The first ports of the slice.",
			Cell: cellOf(func(s *ES, _ time.Time) any {
				var ports []string
				for _, p := range s.Ports {
					switch {
					case p.Port != nil:
						ports = append(ports, strconv.Itoa(int(*p.Port)))
					case p.Name != nil:
						ports = append(ports, *p.Name)
					default:
						ports = append(ports, "*")
					}
				}
				return listWithMore(ports, len(ports), 3)
			})},
		{Name: "Endpoints", Type: "string", Description: "The first addresses of the slice.",
			Cell: cellOf(func(s *ES, _ time.Time) any {
				var addrs []string
				for _, e := range s.Endpoints {
					addrs = append(addrs, e.Addresses...)
				}
				return listWithMore(addrs, len(addrs), 3)
			})},
		AgeColumn(),
	}
}
