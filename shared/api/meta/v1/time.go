// Timestamps as the API writes them.
//
// Interface:
//   - Time: RFC 3339 to the second, always in UTC ("2024-05-01T10:00:00Z");
//     the zero Time is JSON null. Now, NewTime, Date, Unix build one;
//     Rfc3339Copy drops the sub-second part the wire cannot carry.
//   - MicroTime: the same with six fractional digits, for Leases and Events.
//   - Duration: a Go duration string ("1m30s").
//
// The API server (stage 2) stamps creationTimestamp with Now(); printers
// (stages/01-kubectl/printers) turn it into the AGE column.
package metav1

import (
	"encoding/json"
	"fmt"
	"time"
)

// Time is a time.Time that marshals as upstream's metav1.Time: RFC 3339 with
// second precision in UTC, or null when zero.
type Time struct {
	time.Time
}

// NewTime wraps t.
func NewTime(t time.Time) Time { return Time{t} }

// Now returns the current local time.
func Now() Time { return Time{time.Now()} }

// Date is time.Date returning a Time.
func Date(year int, month time.Month, day, hour, min, sec, nsec int, loc *time.Location) Time {
	return Time{time.Date(year, month, day, hour, min, sec, nsec, loc)}
}

// Unix is time.Unix returning a Time.
func Unix(sec, nsec int64) Time { return Time{time.Unix(sec, nsec)} }

// IsZero reports whether t is nil or the zero instant. The pointer receiver
// lets encoding/json's omitzero (ObjectMeta.CreationTimestamp) use it.
func (t *Time) IsZero() bool {
	return t == nil || t.Time.IsZero()
}

// Equal reports whether t and u are the same instant; two nils are equal.
func (t *Time) Equal(u *Time) bool {
	if t == nil || u == nil {
		return t == nil && u == nil
	}
	return t.Time.Equal(u.Time)
}

// Before reports whether t is before u; nil is before everything.
func (t *Time) Before(u *Time) bool {
	if t != nil && u != nil {
		return t.Time.Before(u.Time)
	}
	return t == nil && u != nil
}

// Rfc3339Copy returns t truncated to what survives a JSON round trip (whole
// seconds), so a value compared before and after storage is equal.
func (t Time) Rfc3339Copy() Time {
	copied, _ := time.Parse(time.RFC3339, t.UTC().Format(time.RFC3339))
	return Time{copied}
}

// MarshalJSON writes "2006-01-02T15:04:05Z" in UTC, or null for the zero time.
func (t Time) MarshalJSON() ([]byte, error) {
	if t.Time.IsZero() {
		return []byte("null"), nil
	}
	buf := make([]byte, 0, len(time.RFC3339)+2)
	buf = append(buf, '"')
	buf = t.UTC().AppendFormat(buf, time.RFC3339)
	return append(buf, '"'), nil
}

// UnmarshalJSON reads an RFC 3339 string (any offset) or null (the zero time).
// Like upstream, the result is in the local time zone.
func (t *Time) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		t.Time = time.Time{}
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return fmt.Errorf("decode time: %w", err)
	}
	parsed, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return fmt.Errorf("decode time: %w", err)
	}
	t.Time = parsed.Local()
	return nil
}

// RFC3339Micro is the MicroTime layout: RFC 3339 with exactly six
// fractional digits.
const RFC3339Micro = "2006-01-02T15:04:05.000000Z07:00"

// MicroTime is a time.Time that marshals with microsecond precision, as
// Lease renewTime and Event eventTime do.
type MicroTime struct {
	time.Time
}

// NewMicroTime wraps t.
func NewMicroTime(t time.Time) MicroTime { return MicroTime{t} }

// NowMicro returns the current local time.
func NowMicro() MicroTime { return MicroTime{time.Now()} }

// IsZero reports whether t is nil or the zero instant.
func (t *MicroTime) IsZero() bool {
	return t == nil || t.Time.IsZero()
}

// Equal reports whether t and u are the same instant; two nils are equal.
func (t *MicroTime) Equal(u *MicroTime) bool {
	if t == nil || u == nil {
		return t == nil && u == nil
	}
	return t.Time.Equal(u.Time)
}

// MarshalJSON writes "2006-01-02T15:04:05.000000Z" in UTC, or null when zero.
func (t MicroTime) MarshalJSON() ([]byte, error) {
	if t.Time.IsZero() {
		return []byte("null"), nil
	}
	buf := make([]byte, 0, len(RFC3339Micro)+2)
	buf = append(buf, '"')
	buf = t.UTC().AppendFormat(buf, RFC3339Micro)
	return append(buf, '"'), nil
}

// UnmarshalJSON reads an RFC 3339 string with up to six fractional digits, or
// null. The result is in the local time zone.
func (t *MicroTime) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		t.Time = time.Time{}
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return fmt.Errorf("decode micro time: %w", err)
	}
	parsed, err := time.Parse(RFC3339Micro, s)
	if err != nil {
		return fmt.Errorf("decode micro time: %w", err)
	}
	t.Time = parsed.Local()
	return nil
}

// Duration is a time.Duration that marshals as its Go string form ("1m30s").
type Duration struct {
	time.Duration
}

// MarshalJSON writes the duration string.
func (d Duration) MarshalJSON() ([]byte, error) {
	return json.Marshal(d.Duration.String())
}

// UnmarshalJSON reads a string time.ParseDuration accepts.
func (d *Duration) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return fmt.Errorf("decode duration: %w", err)
	}
	parsed, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("decode duration: %w", err)
	}
	d.Duration = parsed
	return nil
}
