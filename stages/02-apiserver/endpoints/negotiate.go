// Content negotiation: which representation the Accept header asks for.
//
// Interface:
//   - output: a media type (JSON or YAML) and, optionally, a meta.k8s.io
//     view of the objects: Table (kubectl get), PartialObjectMetadata or
//     PartialObjectMetadataList (metadata informers, the garbage
//     collector).
//   - negotiate(accept, verb, list) picks the first acceptable entry of
//     the header, in the client's order of preference, or answers 406.
//
// Upstream reads Accept the same way: "application/json;as=Table;v=v1;
// g=meta.k8s.io, application/json" means "a Table if you can, plain JSON
// otherwise". Protobuf and CBOR are not served; a client that lists JSON
// after them (client-go does) gets JSON.
package endpoints

import (
	"fmt"
	"mime"
	"net/http"
	"sort"
	"strconv"
	"strings"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

// The media types this server reads and writes.
const (
	mediaJSON = "application/json"
	mediaYAML = "application/yaml"
)

// supportedMediaTypes are listed in 406 answers: what responses can be.
var supportedMediaTypes = []string{mediaJSON, mediaYAML}

// supportedBodyTypes are listed in 415 answers: what request bodies can
// be (protobuf.go reads protobuf).
var supportedBodyTypes = []string{mediaJSON, mediaYAML, mediaProtobuf}

// The meta.k8s.io views a client may ask for with the "as" parameter.
const (
	asTable        = "Table"
	asPartial      = "PartialObjectMetadata"
	asPartialList  = "PartialObjectMetadataList"
	metaGroup      = "meta.k8s.io"
	metaGroupAlpha = "v1beta1"
)

// output is a negotiated response format.
type output struct {
	// mediaType is mediaJSON or mediaYAML.
	mediaType string
	// as is "", asTable, asPartial or asPartialList; version is its
	// meta.k8s.io version ("v1" or "v1beta1").
	as, version string
}

// contentType is the response's Content-Type: the media type with the
// view's parameters, as upstream answers a Table request.
func (o output) contentType() string {
	if o.as == "" {
		return o.mediaType
	}
	return fmt.Sprintf("%s;as=%s;v=%s;g=%s", o.mediaType, o.as, o.version, metaGroup)
}

// apiVersion is the view's apiVersion, "meta.k8s.io/v1".
func (o output) apiVersion() string { return metaGroup + "/" + o.version }

// shape says what a request returns: an object or a list.
type shape int

const (
	shapeObject shape = iota
	shapeList
)

// shapeOf returns the shape of rq's response.
func shapeOf(rq *request) shape {
	if v := rq.info.Verb; v == "list" || v == "deletecollection" {
		return shapeList
	}
	return shapeObject
}

// acceptEntry is one media range of an Accept header.
type acceptEntry struct {
	mediaType string
	params    map[string]string
	q         float64
}

// parseAccept splits an Accept header into its entries, most preferred
// first (by q, then in the order written). Malformed entries are skipped.
func parseAccept(header string) []acceptEntry {
	var out []acceptEntry
	for _, part := range strings.Split(header, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		mt, params, err := mime.ParseMediaType(part)
		if err != nil {
			continue
		}
		q := 1.0
		if s, ok := params["q"]; ok {
			if q, err = strconv.ParseFloat(s, 64); err != nil {
				continue
			}
		}
		if q > 0 {
			out = append(out, acceptEntry{mediaType: mt, params: params, q: q})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].q > out[j].q })
	return out
}

// negotiate returns the format of the first entry of accept the server can
// write for verb, or a 406. An empty header means JSON. A view that does
// not fit the response's shape (PartialObjectMetadata for a list) is a 406
// with upstream's explanation, not a reason to try the next entry.
func negotiate(accept, verb string, sh shape) (output, error) {
	if strings.TrimSpace(accept) == "" {
		return output{mediaType: mediaJSON}, nil
	}
	for _, e := range parseAccept(accept) {
		var out output
		switch e.mediaType {
		case "*/*", "application/*", mediaJSON:
			out.mediaType = mediaJSON
		case mediaYAML:
			if verb == "watch" {
				continue // YAML has no stream framing
			}
			out.mediaType = mediaYAML
		default:
			continue
		}
		as := e.params["as"]
		if as == "" {
			return out, nil
		}
		if e.params["g"] != metaGroup || (e.params["v"] != "v1" && e.params["v"] != metaGroupAlpha) {
			continue
		}
		out.as, out.version = as, e.params["v"]
		switch {
		case as == asTable:
			return out, nil
		case as == asPartial && sh == shapeList && verb != "watch":
			return out, errNotAcceptable("you requested PartialObjectMetadata, but the requested object is a list")
		case as == asPartialList && (sh != shapeList || verb == "watch"):
			return out, errNotAcceptable("you requested PartialObjectMetadataList, but the requested object is not a list")
		case as == asPartial || as == asPartialList:
			return out, nil
		}
	}
	return output{}, apierrors.NewNotAcceptable(accept, supportedMediaTypes)
}

// errNotAcceptable is a 406 with message.
func errNotAcceptable(message string) error {
	return &apierrors.StatusError{ErrStatus: metav1.Status{
		Status: metav1.StatusFailure, Code: http.StatusNotAcceptable,
		Reason: metav1.StatusReasonNotAcceptable, Message: message,
	}}
}
