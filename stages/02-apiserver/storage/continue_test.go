package storage

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"
)

func TestContinueRoundTrip(t *testing.T) {
	token, err := encodeContinue("/registry/pods/default/web\x00", "/registry/pods/", 12)
	if err != nil {
		t.Fatal(err)
	}
	// The JSON inside is upstream's, so another API server can resume it.
	raw, _ := base64.RawURLEncoding.DecodeString(token)
	if want := `{"v":"meta.k8s.io/v1","rv":12,"start":"default/web\u0000"}`; string(raw) != want {
		t.Errorf("token JSON = %s, want %s", raw, want)
	}
	key, rv, err := decodeContinue(token, "/registry/pods/")
	if err != nil || key != "/registry/pods/default/web\x00" || rv != 12 {
		t.Errorf("decodeContinue = %q, %d, %v", key, rv, err)
	}
}

func TestDecodeContinueRejects(t *testing.T) {
	enc := func(json string) string { return base64.RawURLEncoding.EncodeToString([]byte(json)) }
	for _, tc := range []struct{ name, token, want string }{
		{"not base64", "%%%", "illegal base64"},
		{"not JSON", enc("nope"), "invalid character"},
		{"other version", enc(`{"v":"meta.k8s.io/v2","rv":1,"start":"a"}`), "server does not recognize this encoded version"},
		{"no revision", enc(`{"v":"meta.k8s.io/v1","start":"a"}`), "incorrect encoded start resourceVersion"},
		{"no start key", enc(`{"v":"meta.k8s.io/v1","rv":3}`), "encoded start key empty"},
		{"climbs out of the prefix", enc(`{"v":"meta.k8s.io/v1","rv":3,"start":"../secrets/default/token"}`), "../secrets"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := decodeContinue(tc.token, "/registry/pods/")
			if !errors.Is(err, ErrBadRequest) {
				t.Fatalf("err = %v, want ErrBadRequest", err)
			}
			if !strings.Contains(err.Error(), "invalid continue token: continue key is not valid") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %q, want it to mention %q", err, tc.want)
			}
		})
	}
}
