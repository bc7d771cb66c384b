// Paths: where in an object an encode or decode error happened.
//
// Interface:
//   - within(segment, err) prefixes err's path with one field name or
//     index, so a failure deep in a Pod reads
//     "spec.containers[0].ports[0].containerPort: ...".
package protobuf

import "strings"

// pathError is err at a path of JSON field names and indexes.
type pathError struct {
	path string
	err  error
}

func (e *pathError) Error() string { return e.path + ": " + e.err.Error() }

func (e *pathError) Unwrap() error { return e.err }

// within returns err located at segment, a field name or "[i]", in front
// of any path err already has.
func within(segment string, err error) error {
	pe, ok := err.(*pathError)
	if !ok {
		return &pathError{path: segment, err: err}
	}
	if strings.HasPrefix(pe.path, "[") {
		return &pathError{path: segment + pe.path, err: pe.err}
	}
	return &pathError{path: segment + "." + pe.path, err: pe.err}
}
