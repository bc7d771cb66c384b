// Manifests: the objects in the files -f names, checked before anything is
// sent.
//
// Interface:
//   - manifest is one decoded object and the source it came from.
//   - (*Env).readManifests(opts, verb) reads every source (filenames.go), splits
//     multi-document YAML and JSON streams, opens Lists, and returns the
//     objects in file order.
//   - (*Env).mapManifest finds the REST mapping of a manifest's kind;
//     (*Env).placeManifest adds its namespace (and writes it into the
//     object), refusing one that contradicts -n.
//
// create, apply and delete -f share this path. Talk 000, "Client side
// validation": "Manifest (kubectl create -f)".

package kubectl

import (
	"bytes"
	"context"
	"fmt"
	"strconv"

	"github.com/kubeworkbook/kubeworkbook/shared/codec"
	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/discovery"
)

// manifest is one object read from a file.
type manifest struct {
	source string // the file name as given, "STDIN", or the URL
	obj    map[string]any
	// document is the object's document in the file (1-based), item its
	// place in a List ("items[1]", "" if none), and several says that
	// the file holds more than one object, so messages must say which.
	document int
	item     string
	several  bool
	// duplicates are the keys the text gives twice in this object
	// ("metadata.name"), which the decoded obj cannot show.
	duplicates []string
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
		objs, err := codec.ReadManifests(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("error parsing %s: %w", src.Name, err)
		}
		for _, m := range objs {
			out = append(out, manifest{source: src.Name, obj: m.Object, document: m.Document, item: m.Item,
				several: len(objs) > 1 || m.Item != "", duplicates: m.Duplicates})
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no objects passed to %s", verb)
	}
	return out, nil
}

// describe names the manifest for a message: the file as upstream quotes
// it, and, when the file holds several objects, which one:
// "f.yaml" (document 2: ConfigMap "b"), "f.yaml" (document 1, items[0]:
// Pod "web").
func (m manifest) describe() string {
	quoted := strconv.Quote(m.source)
	if !m.several {
		return quoted
	}
	where := fmt.Sprintf("document %d", m.document)
	if m.item != "" {
		where += ", " + m.item
	}
	kind := unstructured.Kind(m.obj)
	if kind == "" {
		kind = "object"
	}
	name := unstructured.Name(m.obj)
	if name == "" {
		name = "(no name)"
	} else {
		name = strconv.Quote(name)
	}
	return fmt.Sprintf("%s (%s: %s %s)", quoted, where, kind, name)
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

// placeManifest finds where m goes: its REST mapping (a discovery
// request on a cold cache) and its namespace. For a namespaced kind the
// namespace is also written into m.obj, as upstream's resource builder
// does, so a dry run prints it and the last-applied annotation records
// it. Errors name the object: "resource mapping not found for name: ..."
// or the namespace mismatch.
func (e *Env) placeManifest(ctx context.Context, m manifest) (discovery.Mapping, string, error) {
	mapping, err := e.mapManifest(ctx, m)
	if err != nil {
		return discovery.Mapping{}, "", err
	}
	ns, explicit, err := e.Namespace()
	if err != nil {
		return discovery.Mapping{}, "", err
	}
	if ns, err = objectNamespace(m.obj, mapping, ns, explicit); err != nil {
		return discovery.Mapping{}, "", err
	}
	if mapping.Namespaced {
		unstructured.SetNestedField(m.obj, ns, "metadata", "namespace")
	}
	return mapping, ns, nil
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
