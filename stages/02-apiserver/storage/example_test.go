package storage_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage"
)

// Talk 004, step 2 ("save objects"): start an embedded etcd, save a
// Deployment under its upstream key, update it with compare-and-swap, and
// see a stale update refused.
func Example() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "storage-example")
	defer os.RemoveAll(dir)

	etcd, err := storage.StartEmbedded(ctx, filepath.Join(dir, "etcd"), storage.EmbedOptions{UnsafeNoFsync: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer etcd.Close()
	client, err := storage.Dial(ctx, etcd.Endpoints(), storage.TLSOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer client.Close()
	s := storage.New(client, storage.Options{})

	key := s.Key("deployments", "default", "nginx")
	obj, rv, _ := s.Create(ctx, key, []byte(`{"kind":"Deployment","metadata":{"name":"nginx","namespace":"default"},"spec":{"replicas":1}}`))
	fmt.Println(key)
	fmt.Printf("%s\n", obj)

	scaled, _, _ := s.GuaranteedUpdate(ctx, key, storage.UpdateOptions{}, func(current []byte, _ int64) ([]byte, error) {
		return []byte(`{"kind":"Deployment","metadata":{"name":"nginx","namespace":"default"},"spec":{"replicas":3}}`), nil
	})
	fmt.Printf("%s\n", scaled)

	_, _, err = s.GuaranteedUpdate(ctx, key, storage.UpdateOptions{
		Preconditions: storage.Preconditions{ResourceVersion: fmt.Sprint(rv)}, // the version before the scale
	}, func(current []byte, _ int64) ([]byte, error) { return current, nil })
	fmt.Println(err)
	// Output:
	// /registry/deployments/default/nginx
	// {"kind":"Deployment","metadata":{"name":"nginx","namespace":"default","resourceVersion":"2"},"spec":{"replicas":1}}
	// {"kind":"Deployment","metadata":{"name":"nginx","namespace":"default","resourceVersion":"3"},"spec":{"replicas":3}}
	// conflict "/registry/deployments/default/nginx": the object has been modified; please apply your changes to the latest version and try again
}

// Store.Key and Store.Prefix are the only place keys are made; a few
// resources keep upstream's historical names.
func ExampleStore_Key() {
	s := storage.New(nil, storage.Options{})
	fmt.Println(s.Key("pods", "default", "web"))
	fmt.Println(s.Key("nodes", "", "worker-1"))
	fmt.Println(s.Key("services", "default", "kubernetes"))
	fmt.Println(s.Prefix("pods", ""))
	// Output:
	// /registry/pods/default/web
	// /registry/minions/worker-1
	// /registry/services/specs/default/kubernetes
	// /registry/pods/
}
