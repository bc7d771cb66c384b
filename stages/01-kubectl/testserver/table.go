// Tables: the rows "kubectl get" prints, built on the server.
//
// Interface:
//   - (*Server).table(res, objects, includeObject): a metav1.Table with the
//     resource's columns and one row per object; each row embeds the object
//     as PartialObjectMetadata (the default), the whole Object, or None.
//
// Columns and cells come from shared/scheme (scheme.TableFor), the one
// place that knows each kind's printer columns; like the API server, every
// column is sent and kubectl drops the -o wide ones itself. Talk 002,
// "kubectl get".
package testserver

import (
	"encoding/json"
	"fmt"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
)

// table builds the Table of objs. Objects are decoded into the resource's
// Go type first; one that does not decode is reported as an internal
// error in place of the table.
func (s *Server) table(res *scheme.Resource, objs []map[string]any, includeObject string) (*metav1.Table, *statusError) {
	typed := make([]metav1.Object, 0, len(objs))
	for _, obj := range objs {
		o := res.New()
		data, err := json.Marshal(obj)
		if err == nil {
			err = json.Unmarshal(data, o)
		}
		if err != nil {
			return nil, errInternal(fmt.Errorf("decode %s %q for a table: %w", res.Kind, metadataOf(obj)["name"], err))
		}
		typed = append(typed, o)
	}
	t, err := scheme.TableFor(res, typed, scheme.TableOptions{Wide: true, IncludeObject: metav1.IncludeObjectPolicy(includeObject)})
	if err != nil {
		return nil, errInternal(err)
	}
	return t, nil
}
