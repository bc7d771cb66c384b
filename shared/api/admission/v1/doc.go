// Package admissionv1 holds the Go types of the admission.k8s.io/v1 API
// group: the AdmissionReview the API server POSTs to an admission webhook
// and the webhook sends back.
//
// The types mirror k8s.io/api/admission/v1 at Kubernetes v1.37: same JSON
// names, omitempty, pointers and field order. Objects travel as raw JSON
// (json.RawMessage where upstream has runtime.RawExtension).
//
// Usage (the webhook side):
//
//	var review admissionv1.AdmissionReview
//	json.NewDecoder(r.Body).Decode(&review)
//	review.Response = &admissionv1.AdmissionResponse{
//		UID:     review.Request.UID,
//		Allowed: false,
//		Result:  &metav1.Status{Code: 403, Message: "images must come from registry.example.com"},
//	}
//	review.Request = nil
//	json.NewEncoder(w).Encode(review)
//
// Talk 000, "Admission controllers": admission may modify or reject a
// write. A webhook does either from outside the server: it answers
// allowed, or a Status to reject with, or a JSONPatch to apply. The
// plugins that send reviews live in
// stages/02-apiserver/admission/plugin/webhook.
//
// AdmissionReview is not stored and has no REST resource; nothing
// registers it.
package admissionv1
