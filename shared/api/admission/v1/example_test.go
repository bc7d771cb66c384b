package admissionv1_test

import (
	"encoding/json"
	"fmt"

	admissionv1 "github.com/kubeworkbook/kubeworkbook/shared/api/admission/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// A webhook answers a review: it echoes the request's uid and rejects the
// write with a message the client will see.
func Example() {
	in := `{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"42","kind":{"group":"","version":"v1","kind":"Pod"},"resource":{"group":"","version":"v1","resource":"pods"},"operation":"CREATE","userInfo":{"username":"alice"},"object":{"kind":"Pod"}}}`
	var review admissionv1.AdmissionReview
	if err := json.Unmarshal([]byte(in), &review); err != nil {
		panic(err)
	}
	review.Response = &admissionv1.AdmissionResponse{
		UID:     review.Request.UID,
		Allowed: false,
		Result:  &metav1.Status{Code: 403, Message: "pods need an owner label"},
	}
	review.Request = nil
	out, _ := json.Marshal(review)
	fmt.Println(string(out))
	// Output:
	// {"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","response":{"uid":"42","allowed":false,"status":{"metadata":{},"message":"pods need an owner label","code":403}}}
}
