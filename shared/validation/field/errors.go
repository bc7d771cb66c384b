// Errors: what is wrong at a Path, in Kubernetes' words.
//
// Interface:
//   - Required, Invalid, NotSupported, Forbidden, Duplicate, TooLong,
//     TypeInvalid and NotFound build one *Error; ErrorList collects them.
//   - Error.Error() prints "path: Type: detail" exactly as the upstream API
//     server and kubectl do, so messages can be compared with theirs.
//
// The API server (stage 2) turns an ErrorList into a 422 Status with one
// cause per Error; kubectl (stage 1) prints the same list before it sends.
package field

import (
	"encoding/json"
	"fmt"
	"strings"
)

// ErrorType says what kind of problem an Error is; its String is the phrase
// Kubernetes prints, and its Reason is the value of StatusCause.reason.
type ErrorType string

// The error types, with the reasons used in Status causes.
const (
	ErrorTypeNotFound     ErrorType = "FieldValueNotFound"
	ErrorTypeRequired     ErrorType = "FieldValueRequired"
	ErrorTypeDuplicate    ErrorType = "FieldValueDuplicate"
	ErrorTypeInvalid      ErrorType = "FieldValueInvalid"
	ErrorTypeNotSupported ErrorType = "FieldValueNotSupported"
	ErrorTypeForbidden    ErrorType = "FieldValueForbidden"
	ErrorTypeTooLong      ErrorType = "FieldValueTooLong"
	ErrorTypeTypeInvalid  ErrorType = "FieldValueTypeInvalid"
	// ErrorTypeUnknown marks a field the schema does not have: the mistake of
	// a mis-indented manifest (talk 002's Deployment with a dedented spec).
	ErrorTypeUnknown ErrorType = "FieldValueUnknown"
)

// String returns the phrase printed after the path.
func (t ErrorType) String() string {
	switch t {
	case ErrorTypeNotFound:
		return "Not found"
	case ErrorTypeRequired:
		return "Required value"
	case ErrorTypeDuplicate:
		return "Duplicate value"
	case ErrorTypeInvalid:
		return "Invalid value"
	case ErrorTypeNotSupported:
		return "Unsupported value"
	case ErrorTypeForbidden:
		return "Forbidden"
	case ErrorTypeTooLong:
		return "Too long"
	case ErrorTypeTypeInvalid:
		return "Invalid value"
	case ErrorTypeUnknown:
		return "unknown field"
	}
	return string(t)
}

// Error is one problem at one field. BadValue is shown for the types whose
// message quotes the value (Invalid, NotSupported, Duplicate, NotFound,
// TypeInvalid); Detail says what rule was broken and, where it helps, the fix.
type Error struct {
	Type     ErrorType
	Field    string
	BadValue any
	Detail   string
}

var _ error = (*Error)(nil)

// omitValue is a BadValue that is not printed.
type omitValue struct{}

// OmitValue can be passed as a BadValue to keep a value out of the message.
var OmitValue = omitValue{}

// Error renders the problem as "path: Type: value: detail".
func (e *Error) Error() string {
	if e.Type == ErrorTypeUnknown {
		// Matches kubectl's strict decoding message: `unknown field "spec.spec"`.
		msg := fmt.Sprintf("unknown field %q", e.Field)
		if e.Detail != "" {
			msg += ": " + e.Detail
		}
		return msg
	}
	if e.Field == "" {
		return e.ErrorBody()
	}
	return e.Field + ": " + e.ErrorBody()
}

// ErrorBody is the message without the field path: "Invalid value: -1:
// must be ...". The API server puts it in StatusCause.message, with the path
// in StatusCause.field.
func (e *Error) ErrorBody() string {
	var b strings.Builder
	b.WriteString(e.Type.String())
	if e.BadValue != OmitValue && e.quotesValue() {
		b.WriteString(": ")
		b.WriteString(formatValue(e.BadValue))
	}
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	return b.String()
}

func (e *Error) quotesValue() bool {
	switch e.Type {
	case ErrorTypeInvalid, ErrorTypeNotSupported, ErrorTypeDuplicate, ErrorTypeNotFound, ErrorTypeTypeInvalid:
		return true
	}
	return false
}

// formatValue quotes strings and prints numbers and booleans bare, like
// upstream; anything larger is shown as JSON.
func formatValue(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		return fmt.Sprintf("%q", v)
	case *string:
		if v == nil {
			return "null"
		}
		return fmt.Sprintf("%q", *v)
	case bool, int, int32, int64, uint, uint32, uint64, float32, float64:
		return fmt.Sprint(v)
	case fmt.Stringer:
		return fmt.Sprintf("%q", v.String())
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%#v", v)
	}
	return string(b)
}

// Required reports a missing field.
func Required(p *Path, detail string) *Error {
	return &Error{Type: ErrorTypeRequired, Field: p.String(), BadValue: "", Detail: detail}
}

// Invalid reports a value that breaks a rule; detail names the rule.
func Invalid(p *Path, value any, detail string) *Error {
	return &Error{Type: ErrorTypeInvalid, Field: p.String(), BadValue: value, Detail: detail}
}

// NotSupported reports a value outside a fixed set, listing the allowed ones.
func NotSupported[T ~string](p *Path, value any, valid []T) *Error {
	detail := ""
	if len(valid) > 0 {
		quoted := make([]string, len(valid))
		for i, v := range valid {
			quoted[i] = fmt.Sprintf("%q", string(v))
		}
		detail = "supported values: " + strings.Join(quoted, ", ")
	}
	return &Error{Type: ErrorTypeNotSupported, Field: p.String(), BadValue: value, Detail: detail}
}

// Forbidden reports a field that may not be set here.
func Forbidden(p *Path, detail string) *Error {
	return &Error{Type: ErrorTypeForbidden, Field: p.String(), BadValue: "", Detail: detail}
}

// Duplicate reports a value that must be unique and is not.
func Duplicate(p *Path, value any) *Error {
	return &Error{Type: ErrorTypeDuplicate, Field: p.String(), BadValue: value}
}

// NotFound reports a reference to something that does not exist.
func NotFound(p *Path, value any) *Error {
	return &Error{Type: ErrorTypeNotFound, Field: p.String(), BadValue: value}
}

// TooLong reports a value longer than max.
func TooLong(p *Path, value any, max int) *Error {
	return &Error{Type: ErrorTypeTooLong, Field: p.String(), BadValue: value,
		Detail: fmt.Sprintf("must have at most %d bytes", max)}
}

// TypeInvalid reports a value of the wrong JSON type (a string where a
// number belongs, say).
func TypeInvalid(p *Path, value any, detail string) *Error {
	return &Error{Type: ErrorTypeTypeInvalid, Field: p.String(), BadValue: value, Detail: detail}
}

// Unknown reports a field the schema does not define.
func Unknown(p *Path, detail string) *Error {
	return &Error{Type: ErrorTypeUnknown, Field: p.String(), Detail: detail}
}

// ErrorList is every problem found in one object. A nil list means valid.
type ErrorList []*Error

// ToAggregate returns nil for an empty list and otherwise one error whose
// message lists every problem, as kubectl prints them.
func (l ErrorList) ToAggregate() error {
	if len(l) == 0 {
		return nil
	}
	return aggregate(l)
}

type aggregate ErrorList

func (a aggregate) Error() string {
	if len(a) == 1 {
		return a[0].Error()
	}
	msgs := make([]string, len(a))
	for i, e := range a {
		msgs[i] = e.Error()
	}
	return "[" + strings.Join(msgs, ", ") + "]"
}

// Unwrap lets errors.As find each *Error in the aggregate.
func (a aggregate) Unwrap() []error {
	out := make([]error, len(a))
	for i, e := range a {
		out[i] = e
	}
	return out
}
