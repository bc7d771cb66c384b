// Wire: the protocol buffers encoding at the level of bytes.
//
// Interface:
//   - appendTag, appendVarint, appendBytes write a field key, a varint and a
//     length-delimited value.
//   - reader walks a message: next returns each field's number, wire type
//     and value; skip-by-wire-type is built in, so unknown fields cost
//     nothing.
//
// A message is a sequence of fields; each starts with a key, the varint
// number<<3 | wireType. Kubernetes uses two wire types: varint (integers,
// booleans) and bytes (a varint length, then strings, []byte, nested
// messages, packed repeated integers). The other two fixed-width types are
// skipped when met, as proto requires of unknown fields. The messages built
// from these bytes live in encode.go and decode.go.
package protobuf

import (
	"errors"
	"fmt"
)

// wireType is the low three bits of a field key.
type wireType uint8

// The wire types of the protobuf encoding. Groups (3 and 4) are obsolete
// and never written by Kubernetes; they are rejected.
const (
	wireVarint  wireType = 0
	wireFixed64 wireType = 1
	wireBytes   wireType = 2
	wireFixed32 wireType = 5
)

// String names t as the protobuf documentation does.
func (t wireType) String() string {
	switch t {
	case wireVarint:
		return "varint"
	case wireFixed64:
		return "fixed64"
	case wireBytes:
		return "bytes"
	case wireFixed32:
		return "fixed32"
	}
	return fmt.Sprintf("wire type %d", uint8(t))
}

// Errors of malformed input, wrapped with where they were met.
var (
	errTruncated     = errors.New("truncated message")
	errVarint        = errors.New("varint longer than 10 bytes")
	errFieldNumber   = errors.New("field number 0 is invalid")
	errGroup         = errors.New("group wire types are not supported")
	errLengthOverrun = errors.New("length runs past the end of the message")
)

// maxFieldNumber is protobuf's largest field number (2^29-1).
const maxFieldNumber = 1<<29 - 1

// appendVarint appends v in base 128, low groups first, the high bit of
// each byte saying another follows.
func appendVarint(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

// appendTag appends the key of field number n with wire type t.
func appendTag(b []byte, n int32, t wireType) []byte {
	return appendVarint(b, uint64(n)<<3|uint64(t))
}

// appendBytes appends a length-delimited value: its length, then v.
func appendBytes(b []byte, v []byte) []byte {
	b = appendVarint(b, uint64(len(v)))
	return append(b, v...)
}

// consumeVarint reads a varint from the start of b and returns it and its
// length.
func consumeVarint(b []byte) (uint64, int, error) {
	var v uint64
	for i := 0; i < 10; i++ {
		if i >= len(b) {
			return 0, 0, errTruncated
		}
		c := b[i]
		v |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			return v, i + 1, nil
		}
	}
	return 0, 0, errVarint
}

// reader walks the fields of one message.
type reader struct {
	buf []byte
	off int
}

// value is one field as read: its number, wire type, and either the varint
// (varint, fixed64, fixed32) or the bytes (bytes, aliasing the input).
type value struct {
	num   int32
	wire  wireType
	n     uint64
	bytes []byte
}

// done reports whether every field has been read.
func (r *reader) done() bool { return r.off >= len(r.buf) }

// next reads the next field. On error, the reader must not be used again.
func (r *reader) next() (value, error) {
	key, n, err := consumeVarint(r.buf[r.off:])
	if err != nil {
		return value{}, fmt.Errorf("read field key at byte %d: %w", r.off, err)
	}
	r.off += n
	v := value{num: int32(key >> 3), wire: wireType(key & 7)}
	if key>>3 == 0 || key>>3 > maxFieldNumber {
		return value{}, fmt.Errorf("read field key at byte %d: %w", r.off-n, errFieldNumber)
	}
	switch v.wire {
	case wireVarint:
		v.n, n, err = consumeVarint(r.buf[r.off:])
	case wireBytes:
		var length uint64
		length, n, err = consumeVarint(r.buf[r.off:])
		if err == nil && length > uint64(len(r.buf)-r.off-n) {
			err = errLengthOverrun
		}
		if err == nil {
			v.bytes = r.buf[r.off+n : r.off+n+int(length)]
			n += int(length)
		}
	case wireFixed64, wireFixed32:
		size := 8
		if v.wire == wireFixed32 {
			size = 4
		}
		if len(r.buf)-r.off < size {
			err = errTruncated
		}
		for i := size - 1; err == nil && i >= 0; i-- {
			v.n = v.n<<8 | uint64(r.buf[r.off+i])
		}
		n = size
	default:
		err = errGroup
	}
	if err != nil {
		return value{}, fmt.Errorf("read field %d (%s): %w", v.num, v.wire, err)
	}
	r.off += n
	return v, nil
}
