// Package shopv1 is a made-up API group for docgen's tests: parsed, never
// compiled.
package shopv1

import (
	meta "example.com/api/meta/v1"
)

// Shelf holds items.
type Shelf struct {
	meta.TypeMeta   `json:",inline"`
	meta.ObjectMeta `json:"metadata,omitempty"`
	// Spec is what the shelf should hold.
	//
	// A developer's note about the encoding.
	Spec ShelfSpec `json:"spec,omitempty"`
	Base `json:",inline"`
	// Kind shadows TypeMeta's kind.
	Kind string `json:"kind"`
}

// Base is embedded inline by Shelf.
type Base struct {
	// Label is promoted into Shelf.
	Label string `json:"label,omitempty"`
	// Kind loses to Shelf's own kind.
	Kind string `json:"kind,omitempty"`
}

// ShelfSpec is the desired state of a shelf.
type ShelfSpec struct {
	// +optional
	// MaxItems: how many items fit; at most MinItems times ten, unless
	// KeepAll is set, which also names a strategy.
	MaxItems int32 `json:"maxItems,omitempty"`
	// MinItems is the least the shelf holds.
	MinItems int32 `json:"minItems"`
	// KeepAll is a strategy and a field at once.
	KeepAll bool `json:"keepAll"`
	// Ignored is left out of JSON.
	Ignored string `json:"-"`
	// secret is unexported.
	secret string
	// Width and Depth share one comment.
	Width, Depth int32
}

// Strategy names a way to fill a shelf.
type Strategy string

// KeepAllStrategy is a string constant whose value is also a field name.
const KeepAllStrategy Strategy = "KeepAll"

type (
	// Grouped is declared in a group; its comment is on the spec.
	Grouped struct {
		// Note is a field.
		Note string `json:"note"`
	}
)

type unexported struct {
	// Field is not described: its type is unexported.
	Field string `json:"field"`
}
