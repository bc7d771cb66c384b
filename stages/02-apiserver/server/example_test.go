package server_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/server"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/storage/etcdtest"
)

// A server on a free loopback port leaves in its data directory what a
// client needs: the address and an admin kubeconfig, beside the etcd data
// and the certificates.
func ExampleStart() {
	dir, err := os.MkdirTemp("", "kube-apiserver-example-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)

	cfg := server.NewConfig()
	cfg.DataDir = dir
	cfg.SecurePort = 0             // any free port
	cfg.Embed = etcdtest.Options() // no fsync: the data dies with the example
	ctx := context.Background()
	s, err := server.Start(ctx, cfg)
	if err != nil {
		panic(err)
	}
	defer s.Close()
	if err := s.WaitReady(ctx); err != nil { // the system namespaces exist
		panic(err)
	}

	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		fmt.Println(e.Name())
	}
	addr, _ := os.ReadFile(filepath.Join(dir, server.AddressFile))
	fmt.Println(strings.TrimSpace(string(addr)) == s.Addr(), s.KubeconfigPath() == filepath.Join(dir, "admin.kubeconfig"))
	// Output:
	// address
	// admin.kubeconfig
	// etcd
	// pki
	// true true
}
