// Status: how the API server reports the result of a request that does not
// return an object - every error, and a successful delete.
//
// Interface:
//   - Status{Status, Message, Reason, Details, Code} with kind "Status".
//   - StatusReason constants: the machine-readable why ("NotFound",
//     "Conflict", "Invalid", ...); each has a fixed HTTP code.
//   - StatusDetails names the object and lists one StatusCause per bad field.
//
// The stage-2 API server writes these; stages/01-kubectl/rest decodes them
// into the "Error from server (NotFound): ..." lines kubectl prints. Status is
// a plain data type here; the error type wrapping it lives with the client.
package metav1

// Status is the body of every non-2xx API response (and of some 2xx ones,
// like a delete that completed).
type Status struct {
	TypeMeta `json:",inline"`
	// ListMeta is always written, even when empty ("metadata":{}), as
	// upstream does.
	ListMeta `json:"metadata,omitempty"`
	// Status is StatusSuccess or StatusFailure.
	Status string `json:"status,omitempty"`
	// Message is the human-readable description kubectl prints.
	Message string `json:"message,omitempty"`
	// Reason is the machine-readable category; empty means StatusReasonUnknown.
	Reason StatusReason `json:"reason,omitempty"`
	// Details, when set, names the object and the failing fields.
	Details *StatusDetails `json:"details,omitempty"`
	// Code is the HTTP status code of the response.
	Code int32 `json:"code,omitempty"`
}

// The values of Status.Status.
const (
	StatusSuccess = "Success"
	StatusFailure = "Failure"
)

// StatusDetails names the object a Status is about.
type StatusDetails struct {
	Name  string `json:"name,omitempty"`
	Group string `json:"group,omitempty"`
	// Kind is the resource's kind, or the plural resource name when the
	// server knows only that (NotFound on "deployments").
	Kind string `json:"kind,omitempty"`
	UID  UID    `json:"uid,omitempty"`
	// Causes has one entry per field error of an Invalid response.
	Causes []StatusCause `json:"causes,omitempty"`
	// RetryAfterSeconds, when positive, is how long the client should wait
	// before retrying (TooManyRequests, ServerTimeout).
	RetryAfterSeconds int32 `json:"retryAfterSeconds,omitempty"`
}

// StatusCause is one reason a request failed. Note its Type field is written
// as "reason" in JSON.
type StatusCause struct {
	Type    CauseType `json:"reason,omitempty"`
	Message string    `json:"message,omitempty"`
	// Field is the path of the field in error ("spec.replicas"), or empty.
	Field string `json:"field,omitempty"`
}

// StatusReason is the machine-readable category of a failure.
type StatusReason string

// The status reasons, with the HTTP code each one is sent with.
const (
	// StatusReasonUnknown: no more specific reason (500 or any code).
	StatusReasonUnknown StatusReason = ""
	// StatusReasonUnauthorized: no valid credentials (401).
	StatusReasonUnauthorized StatusReason = "Unauthorized"
	// StatusReasonForbidden: authenticated but not allowed (403).
	StatusReasonForbidden StatusReason = "Forbidden"
	// StatusReasonNotFound: the object or resource does not exist (404).
	StatusReasonNotFound StatusReason = "NotFound"
	// StatusReasonAlreadyExists: create of a name that is taken (409).
	StatusReasonAlreadyExists StatusReason = "AlreadyExists"
	// StatusReasonConflict: the resourceVersion was stale (409).
	StatusReasonConflict StatusReason = "Conflict"
	// StatusReasonGone: the resource is no longer available (410).
	StatusReasonGone StatusReason = "Gone"
	// StatusReasonInvalid: validation failed; Details.Causes lists why (422).
	StatusReasonInvalid StatusReason = "Invalid"
	// StatusReasonServerTimeout: the server could not finish in time and the
	// client may retry (500 + Retry-After).
	StatusReasonServerTimeout StatusReason = "ServerTimeout"
	// StatusReasonStoreReadError: the object could not be read from storage
	// (500).
	StatusReasonStoreReadError StatusReason = "StorageReadError"
	// StatusReasonTimeout: the request's own timeout expired (504).
	StatusReasonTimeout StatusReason = "Timeout"
	// StatusReasonTooManyRequests: rate limited; retry later (429).
	StatusReasonTooManyRequests StatusReason = "TooManyRequests"
	// StatusReasonBadRequest: the request itself is malformed (400).
	StatusReasonBadRequest StatusReason = "BadRequest"
	// StatusReasonMethodNotAllowed: the verb is not supported here (405).
	StatusReasonMethodNotAllowed StatusReason = "MethodNotAllowed"
	// StatusReasonNotAcceptable: no acceptable response type (406).
	StatusReasonNotAcceptable StatusReason = "NotAcceptable"
	// StatusReasonRequestEntityTooLarge: the body is too big (413).
	StatusReasonRequestEntityTooLarge StatusReason = "RequestEntityTooLarge"
	// StatusReasonUnsupportedMediaType: the body's Content-Type is not
	// understood (415).
	StatusReasonUnsupportedMediaType StatusReason = "UnsupportedMediaType"
	// StatusReasonInternalError: an unexpected server error (500).
	StatusReasonInternalError StatusReason = "InternalError"
	// StatusReasonExpired: a continue token or resourceVersion is too old
	// (410).
	StatusReasonExpired StatusReason = "Expired"
	// StatusReasonServiceUnavailable: the server cannot serve now (503).
	StatusReasonServiceUnavailable StatusReason = "ServiceUnavailable"
)

// CauseType is the machine-readable kind of a StatusCause. The FieldValue*
// values match shared/validation/field's ErrorType strings.
type CauseType string

// The cause types.
const (
	CauseTypeFieldValueNotFound       CauseType = "FieldValueNotFound"
	CauseTypeFieldValueRequired       CauseType = "FieldValueRequired"
	CauseTypeFieldValueDuplicate      CauseType = "FieldValueDuplicate"
	CauseTypeFieldValueInvalid        CauseType = "FieldValueInvalid"
	CauseTypeFieldValueNotSupported   CauseType = "FieldValueNotSupported"
	CauseTypeForbidden                CauseType = "FieldValueForbidden"
	CauseTypeTooLong                  CauseType = "FieldValueTooLong"
	CauseTypeTooMany                  CauseType = "FieldValueTooMany"
	CauseTypeInternal                 CauseType = "InternalError"
	CauseTypeTypeInvalid              CauseType = "FieldValueTypeInvalid"
	CauseTypeUnexpectedServerResponse CauseType = "UnexpectedServerResponse"
	CauseTypeFieldManagerConflict     CauseType = "FieldManagerConflict"
	CauseTypeResourceVersionTooLarge  CauseType = "ResourceVersionTooLarge"
)
