// `kubectl get --watch`: the listing, then every change as it happens.
//
// Interface:
//   - (*getOptions).runWatch lists the one resource asked for (unless
//     --watch-only), then sends the same GET with watch=true and the
//     list's resourceVersion, and prints each WatchEvent of the stream as
//     a table row that lines up with the rows before it.
//
// The stream is one JSON WatchEvent after another ({"type":"ADDED",
// "object":{...}}); with a table Accept header each object is a one-row
// Table. A named object is watched through the field selector
// metadata.name=NAME, as upstream does. Talk 000, "informers" are built on
// this same request.

package kubectl

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/codec"
	"github.com/kubeworkbook/kubeworkbook/shared/fields"
	"github.com/kubeworkbook/kubeworkbook/shared/unstructured"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/printers"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/rest"
)

func (o *getOptions) runWatch(ctx context.Context, env *Env, targets []resourceTarget, ns string) error {
	if len(targets) != 1 || len(targets[0].names) > 1 {
		return fmt.Errorf("watch is only supported on individual resources and resource collections, but %d resources were found", max(len(targets), len(targets[0].names)))
	}
	t := targets[0]
	if o.allNamespaces {
		ns = ""
	}
	query := listOptions(o.labelSelector, o.fieldSelector)
	if len(t.names) == 1 {
		nameSel := fields.OneTermEqualSelector("metadata.name", t.names[0]).String()
		if o.fieldSelector != "" {
			nameSel = o.fieldSelector + "," + nameSel
		}
		query.Set("fieldSelector", nameSel)
	}
	client, err := env.RESTClient()
	if err != nil {
		return err
	}
	wp, err := printers.NewWatchPrinter(env.Streams.Out, o.print, t.mapping.GroupVersionKind().GroupKind(), o.allNamespaces && t.mapping.Namespaced, o.watchEvents)
	if err != nil {
		return err
	}
	path := resourcePath(t.mapping, ns, "", "")
	list, err := o.getJSON(ctx, client, path, query)
	if err != nil {
		return err
	}
	if !o.watchOnly {
		if err := wp.PrintInitial(list); err != nil {
			return err
		}
	}
	rv, _ := unstructured.NestedString(list, "metadata", "resourceVersion")
	query.Set("watch", "true")
	query.Set("resourceVersion", rv)
	req := rest.Request{Verb: http.MethodGet, Path: path, Query: query}
	if o.print.IsHumanReadable() {
		req.Accept = tableAccept
	}
	stream, err := client.Stream(ctx, req)
	if err != nil {
		return err
	}
	defer stream.Close()
	return printWatchStream(stream, wp)
}

// printWatchStream decodes WatchEvents until the server ends the stream
// (nil) or sends an ERROR event (its Status as the error).
func printWatchStream(r io.Reader, wp *printers.WatchPrinter) error {
	dec := json.NewDecoder(r)
	for {
		var ev metav1.WatchEvent
		if err := dec.Decode(&ev); err != nil {
			if errors.Is(err, io.EOF) || errors.Is(err, context.Canceled) {
				return nil
			}
			return fmt.Errorf("read watch stream: %w", err)
		}
		obj, err := codec.DecodeUnstructured(ev.Object)
		if err != nil {
			return fmt.Errorf("decode watch event: %w", err)
		}
		switch ev.Type {
		case metav1.Bookmark:
			continue
		case metav1.Error:
			msg, _ := unstructured.NestedString(obj, "message")
			return fmt.Errorf("watch ended with an error: %s", msg)
		}
		if err := wp.PrintEvent(ev.Type, obj); err != nil {
			return err
		}
	}
}
