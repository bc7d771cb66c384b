// Tables: server-side printing for "kubectl get".
//
// Interface:
//   - Table{ColumnDefinitions, Rows}: what the server returns when the
//     client asks with Accept: application/json;as=Table;v=v1;g=meta.k8s.io.
//   - TableRow.Cells hold one JSON value per column; TableRow.Object holds
//     the object (or its PartialObjectMetadata) as raw JSON.
//   - RawExtension carries embedded JSON unchanged.
//   - TableOptions says how much of each object to embed.
//
// Columns come from shared/scheme; the stage-2 server builds rows, and
// stages/01-kubectl/printers prints them (talk 002, "kubectl get").
package metav1

import "bytes"

// Table is a tabular view of a list or a single object.
type Table struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`
	// ColumnDefinitions describe each cell position; always written, even empty.
	ColumnDefinitions []TableColumnDefinition `json:"columnDefinitions"`
	// Rows hold one entry per object; always written.
	Rows []TableRow `json:"rows"`
}

// TableColumnDefinition describes one column. All fields are always written.
type TableColumnDefinition struct {
	// Name is the header as sent ("Name"); kubectl prints it upper-cased.
	Name string `json:"name"`
	// Type is an OpenAPI type: "string", "integer", "number", "boolean".
	Type string `json:"type"`
	// Format refines Type: "name" for the object's name, "date", ...
	Format      string `json:"format"`
	Description string `json:"description"`
	// Priority 0 columns are always shown; higher ones only with -o wide.
	Priority int32 `json:"priority"`
}

// TableRow is one object's cells.
type TableRow struct {
	// Cells has exactly one value per column: string, int64, float64, bool,
	// map or slice, or nil.
	Cells      []any               `json:"cells"`
	Conditions []TableRowCondition `json:"conditions,omitempty"`
	// Object is the row's object as requested by TableOptions.IncludeObject.
	Object RawExtension `json:"object,omitempty"`
}

// TableRowCondition marks a row's state; kubectl hides Completed rows unless
// asked.
type TableRowCondition struct {
	Type    RowConditionType `json:"type"`
	Status  ConditionStatus  `json:"status"`
	Reason  string           `json:"reason,omitempty"`
	Message string           `json:"message,omitempty"`
}

// RowConditionType names a row condition.
type RowConditionType string

// RowCompleted means the object is finished (a Succeeded or Failed pod).
const RowCompleted RowConditionType = "Completed"

// IncludeObjectPolicy says what Table rows embed.
type IncludeObjectPolicy string

// The include policies; the server's default is IncludeMetadata.
const (
	IncludeNone     IncludeObjectPolicy = "None"
	IncludeMetadata IncludeObjectPolicy = "Metadata"
	IncludeObject   IncludeObjectPolicy = "Object"
)

// TableOptions are the query parameters of a Table request.
type TableOptions struct {
	TypeMeta      `json:",inline"`
	IncludeObject IncludeObjectPolicy `json:"includeObject,omitempty"`
}

// RawExtension is JSON embedded in another object, kept as bytes so its kind
// can be decided later.
type RawExtension struct {
	// Raw is the embedded JSON; nil marshals as null.
	Raw []byte
}

// MarshalJSON writes Raw unchanged, or null when Raw is nil.
func (re RawExtension) MarshalJSON() ([]byte, error) {
	if re.Raw == nil {
		return []byte("null"), nil
	}
	return re.Raw, nil
}

// UnmarshalJSON keeps a copy of the bytes; null leaves Raw unchanged.
func (re *RawExtension) UnmarshalJSON(data []byte) error {
	if bytes.Equal(data, []byte("null")) {
		return nil
	}
	re.Raw = append(re.Raw[:0], data...)
	return nil
}

var _ ListInterface = (*Table)(nil)
