// Package storage keeps the API server's objects in etcd: it starts an
// embedded etcd or dials an external cluster, lays out the keys, and reads,
// writes and watches objects as JSON bytes with resourceVersion set to the
// etcd revision.
//
// It is the lowest layer of stages/02-apiserver. The REST layer above it
// decodes requests, validates and defaults objects, and calls the Store;
// the Store knows nothing about kinds, only keys and bytes:
//
//	etcd, err := storage.StartEmbedded(ctx, filepath.Join(dir, "etcd"), storage.EmbedOptions{})
//	if err != nil {
//		return err
//	}
//	defer etcd.Close()
//	client, err := storage.Dial(ctx, etcd.Endpoints(), storage.TLSOptions{})
//	if err != nil {
//		return err
//	}
//	defer client.Close()
//	s := storage.New(client, storage.Options{})
//
//	key := s.Key("deployments", "default", "nginx") // /registry/deployments/default/nginx
//	obj, rv, err := s.Create(ctx, key, body)          // obj has metadata.resourceVersion = rv
//	obj, rv, err = s.GuaranteedUpdate(ctx, key, storage.UpdateOptions{
//		Preconditions: storage.Preconditions{ResourceVersion: clientRV}, // stale → ErrConflict (409)
//	}, func(current []byte, rv int64) ([]byte, error) { return changed, nil })
//	page, err := s.List(ctx, s.Prefix("deployments", ""), storage.ListOptions{Limit: 500})
//	w, err := s.Watch(ctx, s.Prefix("deployments", ""), storage.WatchOptions{ResourceVersion: "42"})
//
// Talk 004, step 2 ("save objects"): after kubectl apply, the API server
// saves the Deployment in etcd; this package is that save, and the reads
// and watches of steps 3, 4 and 6 with which controllers fetch and update
// objects. Talk 003, "etcd": the highly available key-value store holding
// every API object; "Scaled horizontally": API servers keep no state of
// their own, so several of them over one etcd cluster behave as one, which
// the tests check with a three-member cluster.
//
// Talk 003 also mentions swapping etcd for another engine such as SQLite
// (k3s does so through kine); the Store's few methods are where such a
// swap would plug in.
//
// What upstream does differently: the apiserver's storage encodes objects
// as protobuf by default (JSON only for custom resources), can encrypt them
// at rest, and serves most reads and all watches from a watch cache in
// front of etcd. The keys, continue tokens, resourceVersion semantics and
// the compare-and-swap on mod_revision are the same.
package storage
