// Package admissiontest holds in-memory stand-ins for what admission
// plugins read and write, so plugin tests run without an API server.
//
// Store implements every interface of admission.Config over plain slices
// and maps. Its quota status updates do a real compare-and-swap on
// resourceVersion, and ConflictsLeft makes the next updates fail as if
// another API server had counted first, so the quota plugin's retry can
// be tested.
//
//	s := admissiontest.NewStore()
//	s.AddNamespace("default", corev1.NamespaceActive)
//	s.AddServiceAccount("default", "default")
//	plugin, err := serviceaccount.New(s.Config())
package admissiontest
