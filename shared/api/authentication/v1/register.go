// Group and version of the authentication API (authentication.k8s.io/v1),
// and the impersonation headers upstream declares beside its types.
//
// Interface:
//   - GroupName and SchemeGroupVersion name the group for the scheme;
//     the kinds are registered once in shared/scheme.
//   - ImpersonateUserHeader and friends: the headers `kubectl --as` and
//     `--as-group` send, read by the server's impersonation filter.
package authenticationv1

import metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"

// GroupName is the name of the authentication API group.
const GroupName = "authentication.k8s.io"

// SchemeGroupVersion is the group and version of every type in this package.
var SchemeGroupVersion = metav1.GroupVersion{Group: GroupName, Version: "v1"}

// The impersonation headers. A client that may "impersonate" sends them to
// act as another user; the server replaces the authenticated user with the
// one they name after authorizing the impersonation.
const (
	// ImpersonateUserHeader names the user to act as.
	ImpersonateUserHeader = "Impersonate-User"
	// ImpersonateGroupHeader names one group; repeat it for more.
	ImpersonateGroupHeader = "Impersonate-Group"
	// ImpersonateUIDHeader names the user's uid.
	ImpersonateUIDHeader = "Impersonate-Uid"
	// ImpersonateUserExtraHeaderPrefix starts a header that sets one
	// value of UserInfo.Extra; the key follows the prefix.
	ImpersonateUserExtraHeaderPrefix = "Impersonate-Extra-"
)
