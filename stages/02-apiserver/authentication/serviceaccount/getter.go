// Getter: how this package reads the objects a token names. The issuer
// reads them to bind a new token; the authenticator reads them again on
// every request, because a token is only as valid as the service account
// and the pod it was issued for.
//
// Interface:
//   - Getter: ServiceAccount, Pod, Secret, Node.
//
// The API server adapts its registry to it; tests use a map.
package serviceaccount

import (
	"context"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
)

// Getter reads objects from the API server's storage. Each method returns
// the object, or an error (apierrors.NewNotFound when it does not exist).
// It is called on the request's goroutine, so it should read from a cache
// or storage directly, never through the authenticated API.
type Getter interface {
	ServiceAccount(ctx context.Context, namespace, name string) (*corev1.ServiceAccount, error)
	Pod(ctx context.Context, namespace, name string) (*corev1.Pod, error)
	Secret(ctx context.Context, namespace, name string) (*corev1.Secret, error)
	Node(ctx context.Context, name string) (*corev1.Node, error)
}
