// Handler: the part of a plugin that says which operations it looks at.
//
// Interface:
//   - NewHandler(ops...) and Handler.Handles(op): plugins embed a Handler
//     to answer Plugin.Handles, as upstream plugins embed
//     admission.Handler.
package admission

import "slices"

// Handler answers Plugin.Handles from a fixed set of operations. The zero
// Handler handles nothing.
type Handler struct {
	ops []Operation
}

// NewHandler returns a Handler for ops.
func NewHandler(ops ...Operation) Handler {
	return Handler{ops: slices.Clone(ops)}
}

// Handles reports whether op is one of the Handler's operations.
func (h Handler) Handles(op Operation) bool {
	return slices.Contains(h.ops, op)
}
