// Store: a fake of the server's registry for admission tests.
//
// Interface:
//   - NewStore, AddNamespace, AddServiceAccount, AddLimitRange, AddQuota.
//   - Quota(namespace, name): what is stored now.
//   - Config(): the store behind every field of admission.Config.
//   - ConflictsLeft, StatusUpdates: inject and count quota writes.
package admissiontest

import (
	"context"
	"errors"
	"strconv"
	"sync"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/admission"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

// Store holds namespaces, service accounts, limit ranges and quotas. It
// is safe for concurrent use.
type Store struct {
	mu              sync.Mutex
	namespaces      map[string]corev1.Namespace
	serviceAccounts map[string]corev1.ServiceAccount // key namespace/name
	limitRanges     []corev1.LimitRange
	quotas          []corev1.ResourceQuota
	revision        int

	// ConflictsLeft makes the next N quota status updates fail with a
	// Conflict after bumping the stored resourceVersion, as a concurrent
	// writer would.
	ConflictsLeft int
	// StatusUpdates counts successful quota status updates.
	StatusUpdates int
	// Err, when set, is returned by every read: a registry that is down.
	Err error
}

// NewStore returns an empty store.
func NewStore() *Store {
	return &Store{namespaces: map[string]corev1.Namespace{}, serviceAccounts: map[string]corev1.ServiceAccount{}}
}

// Config returns an admission.Config whose every field is s.
func (s *Store) Config() admission.Config {
	return admission.Config{Namespaces: s, ServiceAccounts: s, LimitRanges: s, ResourceQuotas: s}
}

func (s *Store) nextRV() string {
	s.revision++
	return strconv.Itoa(s.revision)
}

// AddNamespace stores a namespace in phase.
func (s *Store) AddNamespace(name string, phase corev1.NamespacePhase) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.namespaces[name] = corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name, ResourceVersion: s.nextRV()},
		Status: corev1.NamespaceStatus{Phase: phase}}
}

// AddServiceAccount stores sa, or an empty one called name if sa is nil.
func (s *Store) AddServiceAccount(namespace, name string, sa ...corev1.ServiceAccount) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := corev1.ServiceAccount{}
	if len(sa) > 0 {
		v = sa[0]
	}
	v.Namespace, v.Name, v.ResourceVersion = namespace, name, s.nextRV()
	s.serviceAccounts[namespace+"/"+name] = v
}

// AddLimitRange stores lr.
func (s *Store) AddLimitRange(lr corev1.LimitRange) {
	s.mu.Lock()
	defer s.mu.Unlock()
	lr.ResourceVersion = s.nextRV()
	s.limitRanges = append(s.limitRanges, lr)
}

// AddQuota stores q as given, status included: a test plays the quota
// controller by filling status.hard and status.used itself.
func (s *Store) AddQuota(q corev1.ResourceQuota) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q.ResourceVersion = s.nextRV()
	s.quotas = append(s.quotas, copyQuota(q))
}

// Quota returns the stored quota namespace/name, and whether it exists.
func (s *Store) Quota(namespace, name string) (corev1.ResourceQuota, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, q := range s.quotas {
		if q.Namespace == namespace && q.Name == name {
			return copyQuota(q), true
		}
	}
	return corev1.ResourceQuota{}, false
}

// GetNamespace implements admission.NamespaceLister.
func (s *Store) GetNamespace(_ context.Context, name string) (*corev1.Namespace, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Err != nil {
		return nil, s.Err
	}
	ns, ok := s.namespaces[name]
	if !ok {
		return nil, apierrors.NewNotFound(metav1.GroupResource{Resource: "namespaces"}, name)
	}
	return &ns, nil
}

// GetServiceAccount implements admission.ServiceAccountLister.
func (s *Store) GetServiceAccount(_ context.Context, namespace, name string) (*corev1.ServiceAccount, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Err != nil {
		return nil, s.Err
	}
	sa, ok := s.serviceAccounts[namespace+"/"+name]
	if !ok {
		return nil, apierrors.NewNotFound(metav1.GroupResource{Resource: "serviceaccounts"}, name)
	}
	return &sa, nil
}

// ListLimitRanges implements admission.LimitRangeLister.
func (s *Store) ListLimitRanges(_ context.Context, namespace string) ([]corev1.LimitRange, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Err != nil {
		return nil, s.Err
	}
	var out []corev1.LimitRange
	for _, lr := range s.limitRanges {
		if lr.Namespace == namespace {
			out = append(out, lr)
		}
	}
	return out, nil
}

// ListResourceQuotas implements admission.ResourceQuotaStore.
func (s *Store) ListResourceQuotas(_ context.Context, namespace string) ([]corev1.ResourceQuota, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Err != nil {
		return nil, s.Err
	}
	var out []corev1.ResourceQuota
	for _, q := range s.quotas {
		if q.Namespace == namespace {
			out = append(out, copyQuota(q))
		}
	}
	return out, nil
}

// UpdateResourceQuotaStatus implements admission.ResourceQuotaStore with
// a compare-and-swap on resourceVersion.
func (s *Store) UpdateResourceQuotaStatus(_ context.Context, q *corev1.ResourceQuota) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	gr := metav1.GroupResource{Resource: "resourcequotas"}
	for i := range s.quotas {
		stored := &s.quotas[i]
		if stored.Namespace != q.Namespace || stored.Name != q.Name {
			continue
		}
		if s.ConflictsLeft > 0 {
			s.ConflictsLeft--
			stored.ResourceVersion = s.nextRV()
		}
		if stored.ResourceVersion != q.ResourceVersion {
			return apierrors.NewConflict(gr, q.Name,
				errors.New("the object has been modified; please apply your changes to the latest version and try again"))
		}
		stored.Status = copyQuota(*q).Status
		stored.ResourceVersion = s.nextRV()
		s.StatusUpdates++
		return nil
	}
	return apierrors.NewNotFound(gr, q.Name)
}

// copyQuota copies the maps of q, so a caller's changes do not reach the
// store. Quantities are values and safe to share.
func copyQuota(q corev1.ResourceQuota) corev1.ResourceQuota {
	q.Spec.Hard = copyList(q.Spec.Hard)
	q.Status.Hard = copyList(q.Status.Hard)
	q.Status.Used = copyList(q.Status.Used)
	return q
}

func copyList(l corev1.ResourceList) corev1.ResourceList {
	if l == nil {
		return nil
	}
	out := make(corev1.ResourceList, len(l))
	for k, v := range l {
		out[k] = v
	}
	return out
}
