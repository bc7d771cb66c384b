// Package hidden is below internal/, which docgen skips.
package hidden

// Hidden must not be described.
type Hidden struct {
	// Field is not described.
	Field string `json:"field"`
}
