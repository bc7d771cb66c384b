package serviceaccount_test

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"fmt"

	authenticationv1 "github.com/kubeworkbook/kubeworkbook/shared/api/authentication/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/serviceaccount"
)

// store is a serviceaccount.Getter with one service account.
type store struct{ sa *corev1.ServiceAccount }

func (s store) ServiceAccount(_ context.Context, ns, name string) (*corev1.ServiceAccount, error) {
	if s.sa == nil || ns != s.sa.Namespace || name != s.sa.Name {
		return nil, apierrors.NewNotFound(metav1.GroupResource{Resource: "serviceaccounts"}, name)
	}
	return s.sa, nil
}
func (store) Pod(_ context.Context, _, name string) (*corev1.Pod, error) {
	return nil, apierrors.NewNotFound(metav1.GroupResource{Resource: "pods"}, name)
}
func (store) Secret(_ context.Context, _, name string) (*corev1.Secret, error) {
	return nil, apierrors.NewNotFound(metav1.GroupResource{Resource: "secrets"}, name)
}
func (store) Node(_ context.Context, name string) (*corev1.Node, error) {
	return nil, apierrors.NewNotFound(metav1.GroupResource{Resource: "nodes"}, name)
}

// Issue a token as `kubectl create token builder` would get it, verify
// it, then delete the service account: the token dies with it.
func Example() {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader) // pki.EnsureServiceAccountKey in the server
	const iss = "https://kubernetes.default.svc.cluster.local"
	s := &store{sa: &corev1.ServiceAccount{ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: "builder", UID: "9e1c3a5b"}}}

	issuer, _ := serviceaccount.NewIssuer(serviceaccount.IssuerConfig{Key: key, Issuer: iss})
	verifier, _ := serviceaccount.NewAuthenticator(serviceaccount.AuthenticatorConfig{
		Issuers: []string{iss}, Keys: []crypto.PublicKey{key.Public()}, Getter: s,
	})

	tr := &authenticationv1.TokenRequest{}
	if err := issuer.CreateToken(context.Background(), s, "default", "builder", tr); err != nil {
		fmt.Println(err)
		return
	}
	resp, ok, _ := verifier.AuthenticateToken(context.Background(), tr.Status.Token)
	fmt.Println(ok, resp.User.Name, resp.User.Groups)

	s.sa = nil
	_, ok, err := verifier.AuthenticateToken(context.Background(), tr.Status.Token)
	fmt.Println(ok, err)
	// Output:
	// true system:serviceaccount:default:builder [system:serviceaccounts system:serviceaccounts:default]
	// false serviceaccounts "builder" not found
}
