// Watch streams: one length-prefixed frame per event.
//
// Interface:
//   - WatchWriter.Write(eventType, obj, gvk) writes one frame of a
//     "application/vnd.kubernetes.protobuf;stream=watch" response.
//   - WatchReader.Read returns the next event's type and its object's
//     envelope, for clients and tests.
//
// A frame is a 4-byte big-endian length, then an enveloped meta/v1
// WatchEvent {1: type, 2: RawExtension{1: raw}}, where raw is the object's
// own envelope (EncodeObject). The outer envelope's TypeMeta is empty:
// upstream's WatchEvent has no TypeMeta to fill (apiserver
// endpoints/handlers watchEncoder). The JSON stream of the same events is
// written by stages/02-apiserver/endpoints.
package protobuf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
)

// maxFrame bounds one frame a WatchReader accepts, so a corrupt length
// cannot make it allocate gigabytes. Upstream's apiserver limits an
// object to 3 MiB, well below it.
const maxFrame = 64 << 20

// WatchWriter writes watch events as protobuf frames. It does not flush:
// an HTTP handler flushes after each Write.
type WatchWriter struct {
	w io.Writer
}

// NewWatchWriter returns a WatchWriter writing to w.
func NewWatchWriter(w io.Writer) *WatchWriter { return &WatchWriter{w: w} }

// Write writes one event: eventType is metav1.Added, Modified, Deleted,
// Bookmark or Error; obj is the object (a Status for Error) and gvk its
// kind. The frame is written with a single Write call.
func (ww *WatchWriter) Write(eventType string, obj any, gvk metav1.GroupVersionKind) error {
	object, err := EncodeObject(obj, gvk)
	if err != nil {
		return fmt.Errorf("write watch event: %w", err)
	}
	return ww.writeEncoded(eventType, object)
}

// writeEncoded writes one event whose object is already enveloped.
func (ww *WatchWriter) writeEncoded(eventType string, object []byte) error {
	event, err := Marshal(&metav1.WatchEvent{Type: eventType, Object: object})
	if err != nil {
		return fmt.Errorf("write watch event: %w", err)
	}
	body := envelope(event, metav1.GroupVersionKind{})
	frame := binary.BigEndian.AppendUint32(make([]byte, 0, 4+len(body)), uint32(len(body)))
	if _, err := ww.w.Write(append(frame, body...)); err != nil {
		return fmt.Errorf("write watch event: %w", err)
	}
	return nil
}

// WatchReader reads the frames a WatchWriter (or an upstream API server)
// writes.
type WatchReader struct {
	r io.Reader
}

// NewWatchReader returns a WatchReader reading from r.
func NewWatchReader(r io.Reader) *WatchReader { return &WatchReader{r: r} }

// Read returns the next event's type and its object's envelope, ready for
// DecodeObject. At the end of the stream it returns io.EOF; a frame cut
// short is io.ErrUnexpectedEOF.
func (wr *WatchReader) Read() (eventType string, object []byte, err error) {
	var size [4]byte
	if _, err := io.ReadFull(wr.r, size[:]); err != nil {
		if errors.Is(err, io.EOF) {
			return "", nil, io.EOF
		}
		return "", nil, fmt.Errorf("read watch frame: %w", err)
	}
	n := binary.BigEndian.Uint32(size[:])
	if n > maxFrame {
		return "", nil, fmt.Errorf("read watch frame: length %d exceeds %d bytes", n, maxFrame)
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(wr.r, body); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return "", nil, fmt.Errorf("read watch frame: %w", err)
	}
	_, raw, err := DecodeObject(body)
	if err != nil {
		return "", nil, fmt.Errorf("read watch frame: %w", err)
	}
	var event metav1.WatchEvent
	if err := Unmarshal(raw, &event); err != nil {
		return "", nil, fmt.Errorf("read watch frame: %w", err)
	}
	return event.Type, event.Object, nil
}
