// Writing a Status: the one way a filter answers a request it refuses.
//
// Interface:
//   - WriteStatus(w, s): s as a JSON response with s.Code as the HTTP
//     status, as every filter of the request chain answers (401, 403,
//     500) before a REST handler, with its content negotiation, is reached.

package apierrors

import (
	"encoding/json"
	"net/http"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// WriteStatus sends s as a JSON response with s.Code as the HTTP status.
// Clients read the body whatever they asked for in Accept, as they read
// upstream's filters' answers.
func WriteStatus(w http.ResponseWriter, s metav1.Status) {
	body, err := json.Marshal(s)
	if err != nil {
		http.Error(w, s.Message, int(s.Code)) // a Status of strings always encodes
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(int(s.Code))
	_, _ = w.Write(append(body, '\n')) // the client went away: nothing left to tell it
}
