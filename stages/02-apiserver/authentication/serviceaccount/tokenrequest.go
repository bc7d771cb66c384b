// TokenRequest: the serviceaccounts/{name}/token subresource in one call,
// upstream's order of steps: read the service account, default and
// validate the request, resolve the bound object, issue, answer.
//
// Interface:
//   - (*Issuer).CreateToken(ctx, getter, namespace, name, tr).
package serviceaccount

import (
	"context"
	"fmt"

	authenticationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authentication/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

// CreateToken answers a TokenRequest for the service account name in
// namespace: on success tr has the defaulted spec, the service account's
// name and namespace, a creation time and the token in its status.
//
// Errors are *apierrors.StatusError ready for the client: the getter's
// NotFound for a missing service account or bound object, 422 for a bad
// lifetime, 400 for an object of an unsupported kind or a pod that runs
// as another service account, 409 when the reference's uid is not the
// object's (it was deleted and created again).
func (i *Issuer) CreateToken(ctx context.Context, g Getter, namespace, name string, tr *authenticationv1.TokenRequest) error {
	// 1. The service account must exist.
	sa, err := g.ServiceAccount(ctx, namespace, name)
	if err != nil {
		return err
	}
	// 2. Defaults, then validation on what will be signed.
	tr.Spec = i.defaulted(tr.Spec)
	if tr.Name == "" {
		tr.Name = sa.Name
	}
	if tr.Namespace == "" {
		tr.Namespace = sa.Namespace
	}
	now := i.now()
	tr.CreationTimestamp = metav1.NewTime(now)
	tr.Status = authenticationv1.TokenRequestStatus{}
	if errs := ValidateTokenRequestSpec(tr.Spec, field.NewPath("spec")); len(errs) > 0 {
		return invalid(errs)
	}
	// 3. The object the token lives no longer than.
	bound, err := resolveBound(ctx, g, sa.Namespace, sa.Name, tr.Spec.BoundObjectRef)
	if err != nil {
		return err
	}
	// 4. Issue; the status reports the lifetime after MaxExpiration.
	token, expiry, err := i.IssueToken(sa, tr.Spec, bound)
	if err != nil {
		return apierrors.NewInternalError(fmt.Errorf("failed to generate token: %w", err))
	}
	tr.Status = authenticationv1.TokenRequestStatus{Token: token, ExpirationTimestamp: metav1.NewTime(expiry)}
	return nil
}

// resolveBound reads the object ref names and checks it may carry a token
// of service account saName.
func resolveBound(ctx context.Context, g Getter, namespace, saName string, ref *authenticationv1.BoundObjectReference) (Bound, error) {
	var bound Bound
	if ref == nil {
		return bound, nil
	}
	var uid metav1.UID
	gvk := metav1.FromAPIVersionAndKind(ref.APIVersion, ref.Kind)
	switch {
	case gvk.Group == "" && gvk.Kind == "Pod":
		pod, err := g.Pod(ctx, namespace, ref.Name)
		if err != nil {
			return bound, err
		}
		if pod.Spec.ServiceAccountName != saName {
			return bound, apierrors.NewBadRequest(fmt.Sprintf("cannot bind token for serviceaccount %q to pod running with different serviceaccount name.", saName))
		}
		uid = pod.UID
		bound.Pod = &Ref{Name: pod.Name, UID: string(pod.UID)}
		if nodeName := pod.Spec.NodeName; nodeName != "" {
			// A node that is gone still leaves its name in the token.
			bound.Node = &Ref{Name: nodeName}
			node, err := g.Node(ctx, nodeName)
			switch {
			case err == nil:
				bound.Node.UID = string(node.UID)
			case !apierrors.IsNotFound(err):
				return bound, apierrors.NewInternalError(err)
			}
		}
	case gvk.Group == "" && gvk.Kind == "Secret":
		secret, err := g.Secret(ctx, namespace, ref.Name)
		if err != nil {
			return bound, err
		}
		uid = secret.UID
		bound.Secret = &Ref{Name: secret.Name, UID: string(secret.UID)}
	case gvk.Group == "" && gvk.Kind == "Node":
		node, err := g.Node(ctx, ref.Name)
		if err != nil {
			return bound, err
		}
		uid = node.UID
		bound.Node = &Ref{Name: node.Name, UID: string(node.UID)}
	default:
		return bound, apierrors.NewBadRequest(fmt.Sprintf("cannot bind token to object of type %s", gvk))
	}
	if ref.UID != "" && ref.UID != uid {
		return bound, apierrors.NewConflict(metav1.GroupResource{Group: gvk.Group, Resource: gvk.Kind}, ref.Name,
			fmt.Errorf("the UID in the bound object reference (%s) does not match the UID in record. The object might have been deleted and then recreated", ref.UID))
	}
	return bound, nil
}
