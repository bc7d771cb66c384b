package compat

// client-go as a pod runs it: a service-account token in a file, the
// cluster CA beside it, no kubeconfig.

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	authenticationv1 "k8s.io/api/authentication/v1"
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
)

// Talk 000, "Authorization chain": a token from TokenRequest, mounted as a
// file the way the kubelet projects it, authenticates client-go as the
// service account (BearerTokenFile); RBAC refuses it in upstream's words
// until a RoleBinding grants view, and then the same client lists pods.
func TestClientGoServiceAccountTokenFile(t *testing.T) {
	s := startAPIServer(t)
	admin := s.clientset(t)
	ctx := t.Context()

	if _, err := admin.CoreV1().ServiceAccounts("default").Create(ctx,
		&corev1.ServiceAccount{ObjectMeta: metav1.ObjectMeta{Name: "reader"}}, metav1.CreateOptions{}); err != nil {
		t.Fatalf("create service account: %v", err)
	}
	tr, err := admin.CoreV1().ServiceAccounts("default").CreateToken(ctx, "reader", &authenticationv1.TokenRequest{
		Spec: authenticationv1.TokenRequestSpec{ExpirationSeconds: ptr(int64(600))},
	}, metav1.CreateOptions{})
	if err != nil {
		t.Fatalf("TokenRequest: %v", err)
	}
	if tr.Status.Token == "" || time.Until(tr.Status.ExpirationTimestamp.Time) <= 0 {
		t.Fatalf("TokenRequest status = %+v; want a token that has not expired", tr.Status)
	}
	dir := t.TempDir() // stands in for /var/run/secrets/kubernetes.io/serviceaccount
	tokenFile := filepath.Join(dir, "token")
	if err := os.WriteFile(tokenFile, []byte(tr.Status.Token), 0o600); err != nil {
		t.Fatal(err)
	}
	reader, err := kubernetes.NewForConfig(&rest.Config{
		Host:            "https://" + s.addr,
		TLSClientConfig: rest.TLSClientConfig{CAFile: filepath.Join(s.dataDir, "pki", "ca.crt")},
		BearerTokenFile: tokenFile,
	})
	if err != nil {
		t.Fatalf("client from the token file: %v", err)
	}

	review, err := reader.AuthenticationV1().SelfSubjectReviews().Create(ctx, &authenticationv1.SelfSubjectReview{}, metav1.CreateOptions{})
	if err != nil {
		t.Fatalf("SelfSubjectReview with the token: %v", err)
	}
	who := review.Status.UserInfo
	if who.Username != "system:serviceaccount:default:reader" ||
		!slices.Contains(who.Groups, "system:serviceaccounts") || !slices.Contains(who.Groups, "system:serviceaccounts:default") {
		t.Errorf("the token authenticates as %q in %v; want the service account and its groups", who.Username, who.Groups)
	}

	_, err = reader.CoreV1().Pods("default").List(ctx, metav1.ListOptions{})
	want := `pods is forbidden: User "system:serviceaccount:default:reader" cannot list resource "pods" in API group "" in the namespace "default"`
	if !apierrors.IsForbidden(err) || err.Error() != want {
		t.Fatalf("list pods without a binding: %v; want 403 %q", err, want)
	}

	if _, err := admin.RbacV1().RoleBindings("default").Create(ctx, &rbacv1.RoleBinding{
		ObjectMeta: metav1.ObjectMeta{Name: "reader-view"},
		RoleRef:    rbacv1.RoleRef{APIGroup: rbacv1.GroupName, Kind: "ClusterRole", Name: "view"},
		Subjects:   []rbacv1.Subject{{Kind: rbacv1.ServiceAccountKind, Namespace: "default", Name: "reader"}},
	}, metav1.CreateOptions{}); err != nil {
		t.Fatalf("create rolebinding: %v", err)
	}
	// The binding reaches the authorizer through the watch cache.
	waitFor(t, 10*time.Second, "list pods with the view binding", func(ctx context.Context) (bool, error) {
		_, err := reader.CoreV1().Pods("default").List(ctx, metav1.ListOptions{})
		return err == nil, err
	})
	if _, err := reader.CoreV1().Secrets("default").List(ctx, metav1.ListOptions{}); !apierrors.IsForbidden(err) {
		t.Errorf("list secrets with view: %v; want 403 (view does not read secrets)", err)
	}
}
