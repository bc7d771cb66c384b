// Get: reading one object.
//
// Interface:
//   - (*Handler).get: GET of one object (or of its status subresource),
//     with the resourceVersion parameter passed on: "" the latest, "0"
//     whatever the server has, N at least revision N.
//
// Talk 004, steps 3 and 4 ("fetch objects"): `kubectl get deployment x`
// and a controller's read of one object arrive here.
package endpoints

import (
	"net/http"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/registry"
)

// get serves GET of one object.
func (h *Handler) get(rq *request) {
	opts := registry.GetOptions{ResourceVersion: rq.r.URL.Query().Get("resourceVersion")}
	obj, err := rq.store.Get(rq.ctx, rq.key(), opts)
	if err != nil {
		writeError(rq, err)
		return
	}
	writeObject(rq, http.StatusOK, obj)
}
