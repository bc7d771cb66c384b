package protobuf

import (
	"bytes"
	"testing"
)

// The varints of the protobuf documentation's examples.
func TestVarint(t *testing.T) {
	tests := []struct {
		name string
		v    uint64
		want []byte
	}{
		{"one byte", 1, []byte{0x01}},
		{"150", 150, []byte{0x96, 0x01}},
		{"largest one byte", 127, []byte{0x7f}},
		{"minus one as int64", uint64(1<<64 - 1), []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := appendVarint(nil, tc.v)
			if !bytes.Equal(got, tc.want) {
				t.Fatalf("appendVarint(%d) = %x, want %x", tc.v, got, tc.want)
			}
			back, n, err := consumeVarint(got)
			if err != nil || back != tc.v || n != len(got) {
				t.Errorf("consumeVarint(%x) = %d, %d, %v", got, back, n, err)
			}
		})
	}
}

// A field key is number<<3 | wire type: name (1, bytes) is 0x0a, the
// first byte of nearly every Kubernetes message.
func TestReaderFields(t *testing.T) {
	data := appendString(appendTag(nil, 1, wireBytes), "web")
	data = appendVarint(appendTag(data, 3, wireVarint), 2)
	if data[0] != 0x0a {
		t.Errorf("key of field 1 (bytes) = %#x, want 0x0a", data[0])
	}
	r := reader{buf: data}
	first, err := r.next()
	if err != nil || first.num != 1 || first.wire != wireBytes || string(first.bytes) != "web" {
		t.Errorf("first field = %+v, %v", first, err)
	}
	second, err := r.next()
	if err != nil || second.num != 3 || second.wire != wireVarint || second.n != 2 {
		t.Errorf("second field = %+v, %v", second, err)
	}
	if !r.done() {
		t.Error("reader not done after the last field")
	}
}
