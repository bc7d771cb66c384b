// Patch types: one entry point per PATCH Content-Type.
//
// Interface:
//   - PatchType and its four values, the Content-Types of PATCH.
//   - PatchTypes(strategic) lists what a resource accepts, in upstream's
//     order; ParsePatchType(contentType, accepted) reads the header and
//     answers 415 for anything else.
//   - Apply(pt, original, patch, schema) applies a JSON patch (RFC 6902), a
//     JSON merge patch (RFC 7386) or a strategic merge patch to original
//     and returns the patched object. Server-side apply is not a patch of
//     bytes but a merge with ownership, so it lives in FieldManager.Apply.
//
// Documents are JSON bytes in and out: the REST layer reads the stored
// object as bytes, hands them here, and decodes the result into the Go type
// (validating and defaulting it) as it would a PUT body.

package patch

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"mime"

	jsonpatch "github.com/evanphx/json-patch/v5"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

// PatchType is the Content-Type of a PATCH request, which says how to read
// its body (upstream's k8s.io/apimachinery/pkg/types.PatchType).
type PatchType string

// The patch types.
const (
	// JSONPatchType is RFC 6902: a list of operations on JSON pointers
	// (`kubectl patch --type=json`).
	JSONPatchType PatchType = "application/json-patch+json"
	// MergePatchType is RFC 7386: a partial object; null deletes a field,
	// lists are replaced whole (`kubectl patch --type=merge`, `kubectl
	// label`).
	MergePatchType PatchType = "application/merge-patch+json"
	// StrategicMergePatchType is Kubernetes' own merge: like a merge patch,
	// but lists the types mark with patchStrategy merge are merged item by
	// item (`kubectl patch` by default, `kubectl edit`, `kubectl apply`).
	StrategicMergePatchType PatchType = "application/strategic-merge-patch+json"
	// ApplyPatchType is server-side apply: the body is the whole
	// configuration a manager wants (`kubectl apply --server-side`).
	ApplyPatchType PatchType = "application/apply-patch+yaml"
)

// MaxJSONPatchOperations is the most operations a JSON patch may hold;
// upstream answers longer ones with 413.
const MaxJSONPatchOperations = 10000

// PatchTypes returns the patch types a resource accepts, in the order
// upstream lists them in its 415 message. Strategic merge patch is offered
// only for kinds with a Go type (upstream: built-in kinds, not custom
// resources).
func PatchTypes(strategic bool) []PatchType {
	if strategic {
		return []PatchType{JSONPatchType, MergePatchType, StrategicMergePatchType, ApplyPatchType}
	}
	return []PatchType{JSONPatchType, MergePatchType, ApplyPatchType}
}

// ParsePatchType reads a Content-Type header ("application/merge-patch+json;
// charset=utf-8") and returns its patch type if accepted lists it, or a 415
// *apierrors.StatusError naming the accepted types.
func ParsePatchType(contentType string, accepted []PatchType) (PatchType, error) {
	mediaType, _, err := mime.ParseMediaType(contentType)
	if err == nil {
		for _, a := range accepted {
			if PatchType(mediaType) == a {
				return a, nil
			}
		}
	}
	return "", newUnsupportedMediaType(contentType, accepted)
}

// Apply applies patch, of type pt, to the JSON object original and returns
// the patched object. schema is the kind's (LookupFor(res.New())); only a
// strategic merge patch reads it, and nil means every list is replaced.
// Failures are *apierrors.StatusError with upstream's code (see
// errors.go), except those upstream sends as 500, which are plain errors.
// pt must not be ApplyPatchType (use FieldManager.Apply).
func Apply(pt PatchType, original, patch []byte, schema *Schema) ([]byte, error) {
	switch pt {
	case JSONPatchType:
		return applyJSONPatch(original, patch)
	case MergePatchType:
		return applyMergePatch(original, patch)
	case StrategicMergePatchType:
		return StrategicMergePatch(original, patch, schema)
	case ApplyPatchType:
		return nil, errors.New("apply patch: server-side apply needs a field manager; call FieldManager.Apply")
	}
	return nil, newUnsupportedMediaType(string(pt), PatchTypes(true))
}

// applyJSONPatch applies an RFC 6902 patch. A body that is not a list of
// operations is a 400; operations that do not apply (a "test" that fails,
// a "remove" of a missing path) are a 422.
func applyJSONPatch(original, patch []byte) ([]byte, error) {
	var ops []json.RawMessage
	if err := json.Unmarshal(patch, &ops); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return nil, newBadRequest(`a json patch is a list of operations, such as [{"op": "replace", "path": "/spec/replicas", "value": 3}]`, err)
		}
		return nil, newBadRequest(err.Error(), err)
	}
	if len(ops) > MaxJSONPatchOperations {
		return nil, apierrors.NewRequestEntityTooLargeError(fmt.Sprintf("The allowed maximum operations in a JSON patch is %d, got %d", MaxJSONPatchOperations, len(ops)))
	}
	p, err := jsonpatch.DecodePatch(patch)
	if err != nil {
		return nil, newBadRequest(err.Error(), err)
	}
	out, err := p.Apply(original)
	if err != nil {
		return nil, newUnprocessable(err)
	}
	return out, requireObject(out)
}

// applyMergePatch applies an RFC 7386 merge patch.
func applyMergePatch(original, patch []byte) ([]byte, error) {
	out, err := jsonpatch.MergePatch(original, patch)
	switch {
	case errors.Is(err, jsonpatch.ErrBadJSONPatch):
		return nil, newBadRequest(err.Error(), err)
	case err != nil:
		return nil, fmt.Errorf("merge patch: %w", err)
	}
	return out, requireObject(out)
}

// requireObject fails with a 422 on the field "patch" unless doc is a JSON
// object: a patch may replace the whole document with an array or a
// string, which no kind can decode.
func requireObject(doc []byte) error {
	if d := bytes.TrimSpace(doc); len(d) > 0 && d[0] == '{' {
		return nil
	}
	return apierrors.NewInvalid(metav1.GroupKind{}, "", field.ErrorList{
		field.Invalid(field.NewPath("patch"), string(doc), "the patched document must be a JSON object"),
	})
}

// decodeObject decodes a JSON object with numbers as int64 when whole and
// float64 otherwise, so that 80 in a patch and 80 in the stored object
// (or 80.0) compare equal however they were written.
func decodeObject(data []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errors.New("invalid character after top-level value")
	}
	if m == nil {
		m = map[string]any{}
	}
	return normalizeNumbers(m).(map[string]any), nil
}

// normalizeNumbers replaces, in place, every json.Number in v.
func normalizeNumbers(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = normalizeNumbers(x)
		}
	case []any:
		for i, x := range v {
			v[i] = normalizeNumbers(x)
		}
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return i
		}
		if f, err := v.Float64(); err == nil {
			if f == math.Trunc(f) && math.Abs(f) < math.MaxInt64 {
				return int64(f) // 80.0 is 80: one merge key, however written
			}
			return f
		}
		return v // beyond float64: kept as written
	}
	return v
}

// encode writes v as compact JSON without escaping <, > and &, which
// annotations often hold.
func encode(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
