// Bodies: the request and response objects an event may carry.
//
// Interface:
//   - MaxObjectBytes: the largest body recorded.
//   - RequestObjectOmittedAnnotation, ResponseObjectOmittedAnnotation:
//     why a body the level asks for is missing.
//   - bodyReader: a request body that keeps a copy of what the handler
//     reads.
//   - recordable(data, contentType, omitManagedFields): a body as the
//     event writes it, or why it cannot.
//   - failureStatus(data, contentType): the Status of a failed response.
//
// Upstream records the objects the handlers decode and encode; here the
// audit step sees only bytes, so it keeps the JSON (and YAML, turned into
// JSON) and says why it leaves out anything else.
package audit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"strings"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/codec"
	"github.com/kubeworkbook/kubeworkbook/shared/protobuf"
	"github.com/kubeworkbook/kubeworkbook/shared/scheme"
)

// MaxObjectBytes bounds the request and response bodies an event records
// (and the memory the audit step holds per request). Upstream records
// bodies of any size; a bound keeps one large list from filling the log's
// buffer.
const MaxObjectBytes = 1 << 20

// The annotations that explain a body the level asks for but the event
// does not have (too large, protobuf, not read). They are this project's,
// not upstream's.
const (
	RequestObjectOmittedAnnotation  = "audit.kubeworkbook.io/request-object-omitted"
	ResponseObjectOmittedAnnotation = "audit.kubeworkbook.io/response-object-omitted"
)

// capture keeps up to limit bytes; past that it keeps none and
// remembers that there were too many.
type capture struct {
	buf   bytes.Buffer
	limit int
	over  bool
}

func (c *capture) add(p []byte) {
	if c.over || len(p) == 0 {
		return
	}
	if c.buf.Len()+len(p) > c.limit {
		c.over = true
		c.buf = bytes.Buffer{}
		return
	}
	c.buf.Write(p)
}

// bodyReader passes a request body through to the handler and keeps a
// copy. It is read on the handler's goroutine and inspected after the
// handler returns.
type bodyReader struct {
	io.ReadCloser
	capture
	eof bool // the handler read to the end
}

func newBodyReader(body io.ReadCloser) *bodyReader {
	return &bodyReader{ReadCloser: body, capture: capture{limit: MaxObjectBytes}}
}

func (b *bodyReader) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.add(p[:n])
	if err == io.EOF {
		b.eof = true
	}
	return n, err
}

// object returns the body as the event records it: nil and no reason when
// the handler read none of it (a request refused before it was decoded).
func (b *bodyReader) object(contentType string, omitManagedFields bool) (json.RawMessage, string) {
	if !b.over && b.buf.Len() == 0 {
		return nil, ""
	}
	if !b.over && !b.eof {
		return nil, "the handler did not read the whole body"
	}
	return recordable(&b.capture, contentType, omitManagedFields)
}

// recordable turns a captured body into the JSON an event holds, or
// returns why it cannot: too large, a protobuf body of no known kind, or
// neither JSON nor YAML.
func recordable(c *capture, contentType string, omitManagedFields bool) (json.RawMessage, string) {
	if c.over {
		return nil, fmt.Sprintf("larger than %d bytes", c.limit)
	}
	if c.buf.Len() == 0 {
		return nil, ""
	}
	var data []byte
	if media, _, _ := mime.ParseMediaType(contentType); strings.Contains(media, "protobuf") {
		var err error
		if data, err = protobufToJSON(c.buf.Bytes()); err != nil {
			return nil, "undecodable protobuf: " + err.Error()
		}
	} else {
		var err error
		if data, err = codec.ToJSON(c.buf.Bytes()); err != nil {
			return nil, "neither JSON nor YAML"
		}
	}
	if omitManagedFields {
		data = withoutManagedFields(data)
	}
	return json.RawMessage(data), ""
}

// withoutManagedFields drops metadata.managedFields from an object, and
// from each item of a list. A body that is not an object is returned as
// it is.
func withoutManagedFields(data []byte) []byte {
	var obj map[string]any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber() // keep 9007199254740993 as written
	if err := dec.Decode(&obj); err != nil {
		return data
	}
	dropManagedFields(obj)
	if items, ok := obj["items"].([]any); ok {
		for _, item := range items {
			if m, ok := item.(map[string]any); ok {
				dropManagedFields(m)
			}
		}
	}
	out, err := json.Marshal(obj)
	if err != nil {
		return data // decoded JSON always encodes again
	}
	return out
}

func dropManagedFields(obj map[string]any) {
	if meta, ok := obj["metadata"].(map[string]any); ok {
		delete(meta, "managedFields")
	}
}

// objectMeta is what a recorded request body tells the object reference:
// a create's name, an update's uid and resourceVersion.
type objectMeta struct {
	Metadata struct {
		Name            string     `json:"name"`
		Namespace       string     `json:"namespace"`
		UID             metav1.UID `json:"uid"`
		ResourceVersion string     `json:"resourceVersion"`
	} `json:"metadata"`
}

// failureStatus returns the Status a failed response carries, with the
// fields upstream copies into the event (not kind or apiVersion); ok is
// false for a body that is not a JSON Status.
func failureStatus(c *capture, contentType string) (s *metav1.Status, ok bool) {
	if c.over || c.buf.Len() == 0 {
		return nil, false
	}
	if media, _, _ := mime.ParseMediaType(contentType); !strings.HasSuffix(media, "json") {
		return nil, false
	}
	var status metav1.Status
	if err := json.Unmarshal(c.buf.Bytes(), &status); err != nil || status.Kind != "Status" {
		return nil, false
	}
	return &metav1.Status{Status: status.Status, Message: status.Message, Reason: status.Reason,
		Details: status.Details, Code: status.Code}, true
}

// protobufToJSON decodes an enveloped protobuf object (what client-go's
// typed clients send) into its Go type, found by the envelope's kind, and
// encodes it as JSON, as upstream's audit log records it.
func protobufToJSON(data []byte) ([]byte, error) {
	gvk, raw, err := protobuf.DecodeObject(data)
	if err != nil {
		return nil, err
	}
	res, ok := scheme.ByKind(gvk)
	if !ok {
		return nil, fmt.Errorf("no type for %s", gvk)
	}
	obj := res.New()
	if err := protobuf.Unmarshal(raw, obj); err != nil {
		return nil, err
	}
	apiVersion, kind := gvk.ToAPIVersionAndKind()
	*obj.GetObjectKind() = metav1.TypeMeta{APIVersion: apiVersion, Kind: kind}
	return json.Marshal(obj)
}
