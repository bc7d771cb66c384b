package registry_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// Talk 004, step 2 "save objects": what is stored is the object after the
// server's rules, not the request. A Secret's stringData is one of them:
// it ends up in data, and only data is stored and returned.
func TestSecretStringData(t *testing.T) {
	tests := []struct {
		name   string
		create *corev1.Secret
		// update, when set, changes the created secret (as a PATCH).
		update func(*corev1.Secret)
		want   map[string][]byte
	}{
		{
			name:   "create folds stringData into data",
			create: newSecret(nil, map[string]string{"user": "admin"}),
			want:   map[string][]byte{"user": []byte("admin")},
		},
		{
			name:   "create: stringData wins over data",
			create: newSecret(map[string][]byte{"user": []byte("old"), "pw": []byte("x")}, map[string]string{"user": "new"}),
			want:   map[string][]byte{"user": []byte("new"), "pw": []byte("x")},
		},
		{
			name:   "update merges stringData into the stored data",
			create: newSecret(map[string][]byte{"user": []byte("admin")}, nil),
			update: func(s *corev1.Secret) { s.StringData = map[string]string{"pw": "hunter2", "user": "root"} },
			want:   map[string][]byte{"user": []byte("root"), "pw": []byte("hunter2")},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			secrets := e.storage(t, "", "secrets")
			out := create(t, secrets, tc.create)
			if tc.update != nil {
				updated, _, err := secrets.Update(t.Context(), registry.Key{Namespace: "default", Name: "s"},
					modify(tc.update), registry.UpdateOptions{})
				if err != nil {
					t.Fatalf("update: %v", err)
				}
				out = updated.(*corev1.Secret)
			}
			stored := get[*corev1.Secret](t, secrets, "default", "s")
			for what, s := range map[string]*corev1.Secret{"returned": out, "stored": stored} {
				if diff := cmp.Diff(tc.want, s.Data); diff != "" {
					t.Errorf("%s data (-want +got):\n%s", what, diff)
				}
				if s.StringData != nil {
					t.Errorf("%s stringData = %v, want none", what, s.StringData)
				}
			}
		})
	}
}

func newSecret(data map[string][]byte, stringData map[string]string) *corev1.Secret {
	return &corev1.Secret{
		ObjectMeta: metav1.ObjectMeta{Name: "s", Namespace: "default"},
		Data:       data,
		StringData: stringData,
	}
}
