// Package etcdtest starts embedded etcd members for tests and stops them
// when the test ends, so a test of the stage-2 API server needs one line to
// get a real etcd:
//
//	func TestCreate(t *testing.T) {
//		s := etcdtest.NewStore(t) // a Store over a fresh member in t.TempDir()
//		...
//	}
//
// StartCluster(t, 3) starts a three-member cluster on loopback, for the
// tests of --etcd-servers and of several API servers sharing one etcd
// (talk 003, "Scaled horizontally").
package etcdtest
