package impersonation_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authorization/authorizer"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/impersonation"
)

// kubectl --as=jane, by a user the authorizer lets impersonate anyone:
// the handler sees jane.
func Example() {
	whoami := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, _ := user.From(r.Context())
		fmt.Fprintln(w, u.Name, u.Groups)
	})
	h := impersonation.WithImpersonation(whoami, authorizer.AlwaysAllow{})

	req := httptest.NewRequest(http.MethodGet, "/api/v1/namespaces/default/pods", nil)
	req.Header.Set(impersonation.UserHeader, "jane")
	req = req.WithContext(user.WithUser(req.Context(), user.Info{Name: "kubernetes-admin", Groups: []string{user.SystemPrivilegedGroup}}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	fmt.Print(rec.Body.String())
	// Output:
	// jane [system:authenticated]
}
