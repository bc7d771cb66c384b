// Envelope: how a whole object travels, with its apiVersion and kind.
//
// Interface:
//   - EncodeObject(obj, gvk) writes the 4-byte magic "k8s\x00" and a
//     runtime.Unknown message carrying gvk and obj's message.
//   - DecodeObject(data) checks the magic and returns the gvk and the raw
//     message, for the caller to pick a Go type and Unmarshal into it.
//   - IsProtobuf(data) reports whether data starts with the magic.
//
// runtime.Unknown is {1: TypeMeta{1: apiVersion, 2: kind}, 2: raw,
// 3: contentEncoding, 4: contentType}. The object's own message has no
// TypeMeta (upstream's TypeMeta carries no protobuf tag): the envelope is
// the only place the kind is written. Upstream's serializer is
// apimachinery's runtime/serializer/protobuf.
package protobuf

import (
	"bytes"
	"errors"
	"fmt"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// MediaType is the Content-Type of a protobuf request or response body.
const MediaType = "application/vnd.kubernetes.protobuf"

// WatchMediaType is the Content-Type of a protobuf watch stream: frames
// written by WatchWriter.
const WatchMediaType = MediaType + ";stream=watch"

// magic starts every enveloped object, so a reader can tell protobuf from
// JSON ("{") and YAML without a Content-Type.
var magic = []byte("k8s\x00")

// ErrNotProtobuf is returned by DecodeObject for data without the magic.
var ErrNotProtobuf = errors.New(`provided data does not appear to be a protobuf message, expected prefix "k8s\x00"`)

// IsProtobuf reports whether data starts with the 4-byte magic of an
// enveloped object.
func IsProtobuf(data []byte) bool { return bytes.HasPrefix(data, magic) }

// EncodeObject returns obj (a shared/api struct or pointer to one) in the
// envelope, labelled with gvk. Pass the object's own kind; upstream writes
// the TypeMeta of the object it encodes, and a reader trusts it.
func EncodeObject(obj any, gvk metav1.GroupVersionKind) ([]byte, error) {
	raw, err := Marshal(obj)
	if err != nil {
		return nil, err
	}
	return envelope(raw, gvk), nil
}

// envelope wraps message raw: magic + Unknown{TypeMeta, raw, "", ""}.
func envelope(raw []byte, gvk metav1.GroupVersionKind) []byte {
	apiVersion, kind := gvk.ToAPIVersionAndKind()
	typeMeta := appendString(appendTag(nil, 1, wireBytes), apiVersion)
	typeMeta = appendString(appendTag(typeMeta, 2, wireBytes), kind)

	b := append([]byte{}, magic...)
	b = appendBytes(appendTag(b, 1, wireBytes), typeMeta)
	if raw != nil {
		b = appendBytes(appendTag(b, 2, wireBytes), raw)
	}
	// contentEncoding and contentType are always written, empty: the raw
	// bytes are the protobuf message itself.
	b = appendString(appendTag(b, 3, wireBytes), "")
	return appendString(appendTag(b, 4, wireBytes), "")
}

// DecodeObject checks the magic of data and returns the apiVersion and
// kind of the envelope and the object's message. It fails for data
// without the magic (ErrNotProtobuf), a malformed envelope, and a
// contentEncoding (upstream never sets one).
func DecodeObject(data []byte) (metav1.GroupVersionKind, []byte, error) {
	var gvk metav1.GroupVersionKind
	if !IsProtobuf(data) {
		return gvk, nil, ErrNotProtobuf
	}
	if len(data) == len(magic) {
		return gvk, nil, errors.New("protobuf: decode envelope: empty body after the magic")
	}
	var apiVersion, kind, encoding string
	var raw []byte
	r := reader{buf: data[len(magic):]}
	for !r.done() {
		f, err := r.next()
		if err != nil {
			return gvk, nil, fmt.Errorf("protobuf: decode envelope: %w", err)
		}
		if f.wire != wireBytes {
			continue // every envelope field is bytes; proto skips the rest
		}
		switch f.num {
		case 1:
			if apiVersion, kind, err = readTypeMeta(f.bytes); err != nil {
				return gvk, nil, fmt.Errorf("protobuf: decode envelope: typeMeta: %w", err)
			}
		case 2:
			raw = f.bytes
		case 3:
			encoding = string(f.bytes)
		}
	}
	if encoding != "" {
		return gvk, nil, fmt.Errorf("protobuf: decode envelope: content encoding %q is not supported", encoding)
	}
	return metav1.FromAPIVersionAndKind(apiVersion, kind), raw, nil
}

// readTypeMeta decodes {1: apiVersion, 2: kind}.
func readTypeMeta(data []byte) (apiVersion, kind string, err error) {
	r := reader{buf: data}
	for !r.done() {
		f, err := r.next()
		if err != nil {
			return "", "", err
		}
		if f.wire != wireBytes {
			continue
		}
		switch f.num {
		case 1:
			apiVersion = string(f.bytes)
		case 2:
			kind = string(f.bytes)
		}
	}
	return apiVersion, kind, nil
}
