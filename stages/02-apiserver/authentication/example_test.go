package authentication_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/authentication/user"
)

// A static token file in front of a handler: the token's user reaches the
// handler, a wrong token gets upstream's 401.
func ExampleWithAuthentication() {
	tokens, _ := authentication.ParseTokenFile(strings.NewReader(`s3cr3t,jane,1001,"dev,ops"`), "tokens.csv")
	a := authentication.WithAuthenticatedGroup(authentication.BearerToken(tokens))
	hello := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, _ := user.From(r.Context())
		fmt.Fprintf(w, "hello %s %v, Authorization=%q\n", u.Name, u.Groups, r.Header.Get("Authorization"))
	})
	h := authentication.WithAuthentication(hello, a, nil, func(_ *http.Request, resp *authentication.Response, err error) {
		if err != nil {
			fmt.Println("log:", err)
		}
	})

	for _, token := range []string{"s3cr3t", "guess"} {
		r := httptest.NewRequest("GET", "/api/v1/pods", nil)
		r.Header.Set("Authorization", "Bearer "+token)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		fmt.Print(w.Code, " ", w.Body.String())
	}
	// Output:
	// 200 hello jane [dev ops system:authenticated], Authorization=""
	// log: invalid bearer token
	// 401 {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}
}
