package serviceaccount

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"path/filepath"
	"testing"
	"time"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/pki"
)

const testIssuer = "https://kubernetes.default.svc.cluster.local"

// t0 is the fixture's "now"; tests move the clock from there.
var t0 = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

// objects is a Getter over maps keyed "namespace/name" (nodes: "name").
type objects struct {
	serviceAccounts map[string]*corev1.ServiceAccount
	pods            map[string]*corev1.Pod
	secrets         map[string]*corev1.Secret
	nodes           map[string]*corev1.Node
}

var _ Getter = (*objects)(nil)

func get[T any](m map[string]*T, resource, key, name string) (*T, error) {
	if obj, ok := m[key]; ok {
		return obj, nil
	}
	return nil, apierrors.NewNotFound(metav1.GroupResource{Resource: resource}, name)
}

func (o *objects) ServiceAccount(_ context.Context, ns, name string) (*corev1.ServiceAccount, error) {
	return get(o.serviceAccounts, "serviceaccounts", ns+"/"+name, name)
}
func (o *objects) Pod(_ context.Context, ns, name string) (*corev1.Pod, error) {
	return get(o.pods, "pods", ns+"/"+name, name)
}
func (o *objects) Secret(_ context.Context, ns, name string) (*corev1.Secret, error) {
	return get(o.secrets, "secrets", ns+"/"+name, name)
}
func (o *objects) Node(_ context.Context, name string) (*corev1.Node, error) {
	return get(o.nodes, "nodes", name, name)
}

// newObjects holds default/builder, its pod builder-7d4b9 on worker-1, the
// node, and a secret.
func newObjects() *objects {
	meta := func(ns, name, uid string) metav1.ObjectMeta {
		return metav1.ObjectMeta{Namespace: ns, Name: name, UID: metav1.UID(uid)}
	}
	return &objects{
		serviceAccounts: map[string]*corev1.ServiceAccount{
			"default/builder": {ObjectMeta: meta("default", "builder", "sa-uid-1")},
			"default/other":   {ObjectMeta: meta("default", "other", "sa-uid-2")},
		},
		pods: map[string]*corev1.Pod{
			"default/builder-7d4b9": {ObjectMeta: meta("default", "builder-7d4b9", "pod-uid-1"),
				Spec: corev1.PodSpec{ServiceAccountName: "builder", NodeName: "worker-1"}},
			"default/pending": {ObjectMeta: meta("default", "pending", "pod-uid-2"),
				Spec: corev1.PodSpec{ServiceAccountName: "builder"}},
		},
		secrets: map[string]*corev1.Secret{"default/builder-token": {ObjectMeta: meta("default", "builder-token", "secret-uid-1")}},
		nodes:   map[string]*corev1.Node{"worker-1": {ObjectMeta: meta("", "worker-1", "node-uid-1")}},
	}
}

// fixture is an issuer and a verifier sharing a key, an object store and
// a clock.
type fixture struct {
	key      crypto.Signer
	objects  *objects
	now      time.Time
	issuer   *Issuer
	verifier *Authenticator
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	key, err := pki.EnsureServiceAccountKey(filepath.Join(t.TempDir(), "pki"))
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{key: key, objects: newObjects(), now: t0}
	clock := func() time.Time { return f.now }
	f.issuer, err = NewIssuer(IssuerConfig{Key: key, Issuer: testIssuer, Now: clock, ExtendExpiration: true})
	if err != nil {
		t.Fatal(err)
	}
	f.verifier, err = NewAuthenticator(AuthenticatorConfig{
		Issuers: []string{testIssuer}, Keys: []crypto.PublicKey{key.Public()}, Getter: f.objects, Now: clock,
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// otherKey is a P-256 key the fixture's verifier does not know.
func otherKey(t *testing.T) crypto.Signer {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}
