// Protobuf request bodies: what client-go's typed clients and the upstream
// kubectl's generators (`kubectl create deployment`) send.
//
// Interface:
//   - isProtobuf(contentType): the body is application/vnd.kubernetes.protobuf.
//   - decodeProtobuf(body, want, into): an enveloped object of kind want
//     into into, with the same kind checks and 400s as a JSON body.
//   - decodeProtobufAnyGroup(body, kind, into): the same for a body whose
//     kind may come from any group (DeleteOptions).
//
// The envelope carries apiVersion and kind; the object inside is numbered
// fields (shared/protobuf). There is no field name to misspell, so the
// fieldValidation directive has nothing to judge: upstream applies it to
// JSON and YAML only.
package endpoints

import (
	"mime"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/protobuf"
)

// mediaProtobuf is the media type of protobuf request bodies.
const mediaProtobuf = protobuf.MediaType

// isProtobuf reports whether contentType names a protobuf body.
func isProtobuf(contentType string) bool {
	mediaType, _, err := mime.ParseMediaType(contentType)
	return err == nil && mediaType == mediaProtobuf
}

// decodeProtobuf decodes body, an enveloped object, into into, which must
// be a pointer to the Go type of want. An envelope of another group,
// version or kind is a 400, as for JSON.
func decodeProtobuf(body []byte, want metav1.GroupVersionKind, into metav1.Object) error {
	got, raw, err := openEnvelope(body, want)
	if err != nil {
		return err
	}
	if err := checkKind(got, want); err != nil {
		return err
	}
	if err := protobuf.Unmarshal(raw, into); err != nil {
		return cannotHandle(got, want, err)
	}
	apiVersion, kind := want.ToAPIVersionAndKind()
	*into.GetObjectKind() = metav1.TypeMeta{APIVersion: apiVersion, Kind: kind}
	return nil
}

// decodeProtobufAnyGroup decodes body into into when the envelope's kind
// is want's, whatever its group and version: a DeleteOptions may be
// labelled with any group, as upstream accepts.
func decodeProtobufAnyGroup(body []byte, want metav1.GroupVersionKind, into any) error {
	got, raw, err := openEnvelope(body, want)
	if err != nil {
		return err
	}
	if got.Kind != want.Kind && got.Kind != "" {
		return cannotHandle(got, want, errKindMismatch(got, want))
	}
	if err := protobuf.Unmarshal(raw, into); err != nil {
		return cannotHandle(got, want, err)
	}
	return nil
}

// openEnvelope returns the kind and the message of an enveloped body; an
// envelope that leaves apiVersion or kind out takes want's, as a JSON
// body does.
func openEnvelope(body []byte, want metav1.GroupVersionKind) (metav1.GroupVersionKind, []byte, error) {
	got, raw, err := protobuf.DecodeObject(body)
	if err != nil {
		return got, nil, unrecognized(want, err, body)
	}
	if got.Kind == "" {
		got.Kind = want.Kind
	}
	if got.Version == "" && got.Group == "" {
		got.Group, got.Version = want.Group, want.Version
	}
	return got, raw, nil
}
