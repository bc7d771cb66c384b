// Manifests: the objects in the files -f names, checked before anything is
// sent.
//
// Interface:
//   - manifest is one decoded object and the source it came from.
//   - (*Env).readManifests(opts, verb) reads every source (filenames.go), splits
//     multi-document YAML and JSON streams, opens Lists, and returns the
//     objects in file order.
//   - (*Env).mapManifest finds the REST mapping of a manifest's kind.
//
// create, apply and delete -f share this path. Talk 000, "Client side
// validation": "Manifest (kubectl create -f)".

package kubectl

import (
	"bytes"
	"context"
	"fmt"

	"github.com/kubeworkbook/kubeworkbook/shared/codec"
	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/discovery"
)

// manifest is one object read from a file.
type manifest struct {
	source string // the file name as given, or "STDIN"
	obj    map[string]any
}

// readManifests returns every object the -f flags point at. Finding no
// object at all is an error worded as upstream's: "no objects passed to
// create" (verb is the command: create, apply, delete).
func (e *Env) readManifests(opts FilenameOptions, verb string) ([]manifest, error) {
	sources, err := opts.Sources()
	if err != nil {
		return nil, err
	}
	var out []manifest
	for _, src := range sources {
		data, err := readSource(src, e.Streams.In)
		if err != nil {
			return nil, err
		}
		objs, err := codec.DecodeManifests(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("error parsing %s: %w", src.Name, err)
		}
		for _, obj := range objs {
			out = append(out, manifest{source: src.Name, obj: obj})
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no objects passed to %s", verb)
	}
	return out, nil
}

// mapManifest returns the REST mapping for m's apiVersion and kind, with
// upstream's "resource mapping not found" error when the server lacks it.
func (e *Env) mapManifest(ctx context.Context, m manifest) (discovery.Mapping, error) {
	mapper, err := e.Mapper()
	if err != nil {
		return discovery.Mapping{}, err
	}
	mapping, err := mapper.MappingFor(ctx, unstructured.APIVersion(m.obj), unstructured.Kind(m.obj))
	if err != nil {
		return discovery.Mapping{}, discovery.MappingNotFoundError(unstructured.Name(m.obj), unstructured.Namespace(m.obj), m.source, err)
	}
	return mapping, nil
}

// objectNamespace decides where a manifest goes: its own
// metadata.namespace, else the command's namespace. A manifest whose
// namespace differs from an explicit -n is refused, as upstream does.
func objectNamespace(obj map[string]any, mapping discovery.Mapping, ns string, explicit bool) (string, error) {
	if !mapping.Namespaced {
		return "", nil
	}
	own := unstructured.Namespace(obj)
	switch {
	case own == "":
		return ns, nil
	case explicit && own != ns:
		return "", fmt.Errorf("the namespace from the provided object %q does not match the namespace %q. You must pass '--namespace=%s' to perform this operation.", own, ns, own)
	}
	return own, nil
}
