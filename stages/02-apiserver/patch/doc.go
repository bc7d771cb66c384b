// Package patch applies the four kinds of PATCH the API server accepts and
// keeps metadata.managedFields, the record of which manager set which
// field, that server-side apply is built on.
//
// Everything works on JSON documents as []byte: the REST layer reads the
// stored object as bytes, calls one function per Content-Type, and decodes
// the result into the kind's Go type to default and validate it, as it
// would the body of a PUT. Failures are *apierrors.StatusError values
// carrying the metav1.Status to answer with (AsStatus gives it for any
// error).
//
//	res, _ := scheme.ByResource("apps", "deployments")
//	schema := patch.LookupFor(res.New()) // merge keys from the struct tags
//	fm := &patch.FieldManager{Schema: schema, APIVersion: "apps/v1", ResetFields: []string{"status"}}
//
//	pt, err := patch.ParsePatchType(req.Header.Get("Content-Type"), patch.PatchTypes(true)) // 415
//	err = patch.ValidatePatchOptions(pt, query.Get("fieldManager"), force)                  // 422
//	manager := patch.ManagerOrUserAgent(query.Get("fieldManager"), req.UserAgent())
//	if pt == patch.ApplyPatchType {
//		obj, err = fm.Apply(live, body, manager, force) // live nil: obj is to be created
//	} else {
//		obj, err = patch.Apply(pt, live, body, schema)
//		// ... decode, default and validate obj, then
//		obj, err = fm.RecordUpdate(live, obj, manager)
//	}
//	// on error: write apierrors.StatusFor(err), as the REST layer does
//
// Creates and PUTs, which hold the object as a Go value, call
// fm.UpdateManagedFields instead (old nil for a create): the same entries,
// without the object going back to JSON.
//
// What each patch type does:
//
//   - JSON patch (RFC 6902) and JSON merge patch (RFC 7386) come from
//     github.com/evanphx/json-patch/v5, the library upstream uses (patch.go).
//   - Strategic merge patch is implemented here (strategic.go,
//     strategic_list.go): the teaching piece. Lists the Go types tag
//     patchStrategy:"merge" are merged by their patchMergeKey, and
//     directives ($patch, $retainKeys, $setElementOrder,
//     $deleteFromPrimitiveList) say what plain JSON cannot. It is what
//     `kubectl edit` sends (talk 002, the Ghost demo: "kubectl edit deploy
//     ghost") and how client-side `kubectl apply` updates (talk 002,
//     "declarative syntax").
//   - Server-side apply (apply.go, with fieldset.go, ownership.go,
//     managedfields.go) merges a manager's whole configuration, prunes what
//     it stopped applying and refuses, with 409, to change fields another
//     manager owns unless forced (talk 004, step 1: `kubectl apply -f
//     deployment.yaml`, done on the server).
//
// # What upstream does differently
//
//   - Upstream reads merge metadata from generated code and OpenAPI, and
//     server-side apply from structured-merge-diff schemas built from the
//     +listType, +listMapKey and +structType markers. Here both come from
//     the patchStrategy and patchMergeKey tags alone (schema.go), so: a
//     keyed list has one key (container ports are keyed by containerPort;
//     upstream by containerPort and protocol); a struct upstream marks
//     atomic (a LabelSelector) is owned field by field (upstream's entry
//     says f:selector: {}); lists without a merge strategy are atomic.
//   - Upstream refuses strategic merge patches for custom resources (415);
//     here a nil Schema merges every list by replacement, and the REST layer
//     decides what to accept with PatchTypes.
//   - Upstream's 422 for a JSON patch that does not apply has only the
//     generic message; here a cause on the field "patch" adds why (a failed
//     test, a missing path), which kubectl prints. Format errors of a
//     strategic merge patch name the field they are at.
//   - A missing merge key and an unknown $patch value are 500s with an
//     empty reason (apierrors.NewPlainError), as upstream answers its plain
//     errors there, though they are the client's mistakes; an exercise
//     below fixes that.
//   - Server-side apply merges lists in the order strategic merge patch
//     uses; structured-merge-diff interleaves slightly differently.
//     Pruning keeps a field when any manager owns it or anything beneath
//     it, and drops maps the pruning left empty; upstream re-adds owned and
//     dangling items with a more general walk.
//   - Upstream keeps at most ten Update entries (older ones merge into
//     "ancient-changes"), credits fields of objects that predate managed
//     fields to "before-first-apply", and converts field sets between API
//     versions; with one version per kind, this package needs none of that.
//
// Exercises:
//
//  1. Make a list item without its merge key a 422 naming the field, in
//     strategic_list.go:mergeList and interpretMergeError, and change the
//     rows of TestStrategicMergePatchErrors that expect 500.
//  2. Give FieldManager a set of atomic fields (LabelSelector), so that
//     ownership.go:addValueFields owns spec.selector whole as upstream.
//  3. Write CreateTwoWayMergePatch(original, modified, schema): the inverse
//     of StrategicMergePatch, emitting $patch: delete for removed keyed
//     items and $setElementOrder for reordered lists.
package patch
