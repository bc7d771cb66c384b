package protobuf

import (
	"errors"
	"strings"
	"testing"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
)

// msg joins encoded fields into one message.
func msg(pieces ...[]byte) []byte {
	var b []byte
	for _, p := range pieces {
		b = append(b, p...)
	}
	return b
}

// Talk 000, "-v 6": a malformed request body is the client's error, told
// back with the field that was wrong; the server never panics on it.
func TestUnmarshalBadInput(t *testing.T) {
	// containerPort is field 3 of ContainerPort, inside field 6 (ports)
	// of Container, inside field 2 (containers) of PodSpec.
	portAsBytes := appendBytes(appendTag(nil, 2, wireBytes),
		appendBytes(appendTag(nil, 6, wireBytes), appendString(appendTag(nil, 3, wireBytes), "80")))
	tests := []struct {
		name string
		data []byte
		into any
		want string
	}{
		{"truncated varint", []byte{0x08, 0x80}, &corev1.PodSpec{}, "truncated message"},
		{"truncated key", []byte{0x80}, &corev1.PodSpec{}, "read field key at byte 0: truncated message"},
		{"varint too long", msg([]byte{0x08}, []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}), &corev1.PodSpec{}, "varint longer than 10 bytes"},
		{"length past the end", []byte{0x12, 0x05, 'a'}, &corev1.PodSpec{}, "length runs past the end"},
		{"field number zero", []byte{0x02, 0x00}, &corev1.PodSpec{}, "field number 0 is invalid"},
		{"group wire type", []byte{0x0b}, &corev1.PodSpec{}, "group wire types are not supported"},
		{"wrong wire type names the path", portAsBytes, &corev1.PodSpec{},
			"protobuf: decode corev1.PodSpec: containers[0].ports[0].containerPort: field 3 has wire type bytes, want varint (Go int32)"},
		{"message as varint", []byte{0x12, 0x00, 0x10, 0x01}, &appsv1.Deployment{}, "spec: field 2 has wire type varint, want bytes"},
		{"int32 overflow", msg(appendVarint(appendTag(nil, 1, wireVarint), 1<<40)), &appsv1.DeploymentSpec{}, "replicas: field 1: 1099511627776 overflows Go int32"},
		{"bad quantity", appendBytes(appendTag(nil, 1, wireBytes), msg(
			appendString(appendTag(nil, 1, wireBytes), "cpu"),
			appendBytes(appendTag(nil, 2, wireBytes), appendString(appendTag(nil, 1, wireBytes), "lots")))),
			&corev1.ResourceRequirements{}, `limits["cpu"]: field 2`},
		{"into not a pointer", nil, corev1.Pod{}, "into must be a non-nil pointer"},
		{"into not a struct", nil, new(string), "*string is not a struct"},
		{"type outside shared/api", nil, &struct{ Name string }{}, "is not a type of shared/api"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := Unmarshal(tc.data, tc.into)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Unmarshal() error = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestDecodeObjectBadInput(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"JSON", []byte(`{"kind":"Pod"}`), ErrNotProtobuf.Error()},
		{"wrong magic", []byte("k8s\x01\x0a\x00"), ErrNotProtobuf.Error()},
		{"magic only", []byte("k8s\x00"), "empty body after the magic"},
		{"truncated envelope", []byte("k8s\x00\x0a\x05\x0a"), "length runs past the end"},
		{"content encoding", append([]byte("k8s\x00"), appendString(appendTag(nil, 3, wireBytes), "gzip")...), `content encoding "gzip" is not supported`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := DecodeObject(tc.data)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("DecodeObject() error = %v, want it to contain %q", err, tc.want)
			}
		})
	}
	if _, _, err := DecodeObject([]byte("{}")); !errors.Is(err, ErrNotProtobuf) {
		t.Errorf("DecodeObject(JSON) = %v, want ErrNotProtobuf", err)
	}
}

// Unknown fields are skipped, whatever their wire type, as proto requires
// of a reader older than the writer.
func TestUnmarshalSkipsUnknownFields(t *testing.T) {
	data := msg(
		appendVarint(appendTag(nil, 900, wireVarint), 1),
		appendBytes(appendTag(nil, 901, wireBytes), []byte("new")),
		append(appendTag(nil, 902, wireFixed64), 1, 2, 3, 4, 5, 6, 7, 8),
		append(appendTag(nil, 903, wireFixed32), 1, 2, 3, 4),
		appendString(appendTag(nil, 1, wireBytes), "web"),
	)
	var got corev1.ObjectReference
	if err := Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	if got.Kind != "web" {
		t.Errorf("kind = %q, want web", got.Kind)
	}
}

// Repeated integers may come packed, one bytes field holding the varints.
func TestUnmarshalPackedRepeated(t *testing.T) {
	// PodSecurityContext.supplementalGroups is field 4.
	packed := appendBytes(appendTag(nil, 4, wireBytes), appendVarint(appendVarint(nil, 4000), 5000))
	var got corev1.PodSecurityContext
	if err := Unmarshal(append(packed, appendVarint(appendTag(nil, 4, wireVarint), 6000)...), &got); err != nil {
		t.Fatal(err)
	}
	if want := []int64{4000, 5000, 6000}; len(got.SupplementalGroups) != 3 || got.SupplementalGroups[2] != want[2] || got.SupplementalGroups[0] != want[0] {
		t.Errorf("supplementalGroups = %v, want %v", got.SupplementalGroups, want)
	}
}
