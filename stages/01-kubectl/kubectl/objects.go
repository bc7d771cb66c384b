// Objects over REST: the URL of a resource and the six verbs kubectl sends.
//
// Interface:
//   - resourcePath(mapping, namespace, name, subresource) builds
//     /api/v1/namespaces/NS/pods/NAME/log or /apis/apps/v1/deployments.
//   - objectClient wraps a *rest.Client with get, list, create, update,
//     patch and delete of unstructured objects (map[string]any), each
//     returning the server's answer decoded, or the *rest.StatusError.
//
// Every command that touches the server goes through here, so the paths
// and query parameters (dryRun=All, fieldManager, propagationPolicy, ...)
// are written once. Talk 001, "Client Interactions": the last step is the
// HTTP request itself.

package kubectl

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"path"

	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/codec"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/discovery"
	"github.com/kubeworkbook/kubeworkbook/stages/01-kubectl/rest"
)

// The media types of the request bodies kubectl sends.
const (
	mediaJSON       = "application/json"
	mediaMergePatch = "application/merge-patch+json"
	mediaApplyPatch = "application/apply-patch+yaml"
)

// resourcePath returns the URL path of a resource. namespace is ignored
// for cluster-scoped resources; an empty name addresses the collection;
// subresource ("scale", "log", "exec") is appended after the name.
func resourcePath(m discovery.Mapping, namespace, name, subresource string) string {
	p := "/api/" + m.Version
	if m.Group != "" {
		p = "/apis/" + m.Group + "/" + m.Version
	}
	if m.Namespaced && namespace != "" {
		p = path.Join(p, "namespaces", namespace)
	}
	p = path.Join(p, m.Resource)
	if name != "" {
		p = path.Join(p, name)
		if subresource != "" {
			p = path.Join(p, subresource)
		}
	}
	return p
}

// objectClient sends object requests for one command invocation.
type objectClient struct {
	rest *rest.Client
	// dryRun adds dryRun=All to writes (--dry-run=server).
	dryRun bool
	// fieldManager names the writer ("kubectl-create"); empty omits it.
	fieldManager string
	// fieldValidation is --validate's directive ("Strict", "Warn",
	// "Ignore"), sent along so the server checks too; empty omits it.
	fieldValidation string
}

// writeQuery is the query every write carries.
func (c *objectClient) writeQuery() url.Values {
	q := url.Values{}
	if c.dryRun {
		q.Set("dryRun", metav1.DryRunAll)
	}
	if c.fieldManager != "" {
		q.Set("fieldManager", c.fieldManager)
	}
	if c.fieldValidation != "" {
		q.Set("fieldValidation", c.fieldValidation)
	}
	return q
}

// do sends one request and decodes the JSON answer into a map. A 2xx
// answer without a body (rare) gives an empty map.
func (c *objectClient) do(ctx context.Context, r rest.Request) (map[string]any, error) {
	resp, err := c.rest.Do(ctx, r)
	if err != nil {
		return nil, err
	}
	if len(resp.Body) == 0 {
		return map[string]any{}, nil
	}
	obj, err := codec.DecodeUnstructured(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", r.Verb, r.Path, err)
	}
	return obj, nil
}

// get reads one object.
func (c *objectClient) get(ctx context.Context, m discovery.Mapping, ns, name string) (map[string]any, error) {
	return c.do(ctx, rest.Request{Verb: http.MethodGet, Path: resourcePath(m, ns, name, "")})
}

// list reads a collection; opts carries labelSelector, fieldSelector and
// limit. An empty ns with a namespaced resource lists all namespaces.
func (c *objectClient) list(ctx context.Context, m discovery.Mapping, ns string, opts url.Values) (map[string]any, error) {
	return c.do(ctx, rest.Request{Verb: http.MethodGet, Path: resourcePath(m, ns, "", ""), Query: opts})
}

// create POSTs obj to its collection.
func (c *objectClient) create(ctx context.Context, m discovery.Mapping, ns string, obj map[string]any) (map[string]any, error) {
	body, err := json.Marshal(obj)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", m.Kind, err)
	}
	return c.do(ctx, rest.Request{Verb: http.MethodPost, Path: resourcePath(m, ns, "", ""), Query: c.writeQuery(), Body: body, ContentType: mediaJSON})
}

// update PUTs obj (or its subresource) in place.
func (c *objectClient) update(ctx context.Context, m discovery.Mapping, ns, name, subresource string, obj map[string]any) (map[string]any, error) {
	body, err := json.Marshal(obj)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", m.Kind, err)
	}
	return c.do(ctx, rest.Request{Verb: http.MethodPut, Path: resourcePath(m, ns, name, subresource), Query: c.writeQuery(), Body: body, ContentType: mediaJSON})
}

// patch PATCHes one object (or its subresource) with a patch of the given
// media type.
func (c *objectClient) patch(ctx context.Context, m discovery.Mapping, ns, name, subresource, mediaType string, patch []byte, extra url.Values) (map[string]any, error) {
	q := c.writeQuery()
	for k, v := range extra {
		q[k] = v
	}
	return c.do(ctx, rest.Request{Verb: http.MethodPatch, Path: resourcePath(m, ns, name, subresource), Query: q, Body: patch, ContentType: mediaType})
}

// delete DELETEs one object with a DeleteOptions body, as upstream sends.
func (c *objectClient) delete(ctx context.Context, m discovery.Mapping, ns, name string, opts metav1.DeleteOptions) (map[string]any, error) {
	opts.TypeMeta = metav1.TypeMeta{Kind: "DeleteOptions", APIVersion: "v1"}
	if c.dryRun {
		opts.DryRun = []string{metav1.DryRunAll}
	}
	body, err := json.Marshal(opts)
	if err != nil {
		return nil, fmt.Errorf("encode delete options: %w", err)
	}
	return c.do(ctx, rest.Request{Verb: http.MethodDelete, Path: resourcePath(m, ns, name, ""), Body: body, ContentType: mediaJSON})
}
