// Negotiation: which form of /api and /apis a client gets.
//
// Interface:
//   - negotiate(accept) reads an Accept header and returns formatAggregated,
//     formatLegacy or formatNone (nothing acceptable: 406).
//
// Current clients send the aggregated type first and plain JSON after it,
//
//	Accept: application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json
//
// so an older server that does not know the aggregated type still answers.
// A media range names a form by its parameters: g (group), v (version)
// and as (kind). Ranges are tried by quality (q, default 1), and in the
// order written when qualities tie, as upstream's negotiation does.
// Protobuf is skipped: this server writes JSON only.
package discovery

import (
	"cmp"
	"mime"
	"slices"
	"strconv"
	"strings"
)

// format is a form of the discovery root documents.
type format int

const (
	// formatNone: the client accepts nothing this server writes.
	formatNone format = iota
	// formatLegacy: APIVersions at /api, APIGroupList at /apis.
	formatLegacy
	// formatAggregated: APIGroupDiscoveryList (apidiscovery.k8s.io/v2).
	formatAggregated
)

// negotiate returns the form the Accept header prefers. An empty header
// accepts anything, and gets the legacy form.
func negotiate(accept string) format {
	if strings.TrimSpace(accept) == "" {
		return formatLegacy
	}
	type candidate struct {
		form format
		q    float64
	}
	var candidates []candidate
	for _, rng := range strings.Split(accept, ",") {
		base, params, err := mime.ParseMediaType(strings.TrimSpace(rng))
		if err != nil {
			continue // a malformed range accepts nothing
		}
		q := 1.0
		if s, ok := params["q"]; ok {
			if q, err = strconv.ParseFloat(s, 64); err != nil || q <= 0 {
				continue // q=0 means "not this one"
			}
		}
		if f := formatOf(base, params); f != formatNone {
			candidates = append(candidates, candidate{form: f, q: q})
		}
	}
	if len(candidates) == 0 {
		return formatNone
	}
	// Stable: equal qualities keep the order the client wrote.
	slices.SortStableFunc(candidates, func(a, b candidate) int { return cmp.Compare(b.q, a.q) })
	return candidates[0].form
}

// formatOf is the form one media range selects, or formatNone.
func formatOf(base string, params map[string]string) format {
	switch base {
	case "*/*", "application/*":
		return formatLegacy
	case "application/json":
	default:
		return formatNone
	}
	g, v, as := params["g"], params["v"], params["as"]
	switch {
	case g == "" && v == "" && as == "":
		return formatLegacy
	case g == "apidiscovery.k8s.io" && v == "v2" && as == "APIGroupDiscoveryList":
		return formatAggregated
	}
	// Another kind (Table) or version (v2beta1, which upstream no longer
	// serves either).
	return formatNone
}
