// Package restpath is lab 1.1: from what a user types to the URL kubectl
// sends.
//
// Talk 000, "API discovery": before kubectl can send `get deployment nginx`
// it must learn where deployments live. Discovery says: group "apps",
// version "v1", resource "deployments", namespaced. Your job is the last
// step, turning that into a path:
//
//	/apis/apps/v1/namespaces/default/deployments/nginx
//	/api/v1/nodes/node-1                  (core group, cluster-scoped)
//
// Read stages/01-kubectl/discovery/mapper.go:Mapper.ResourceFor to see where
// the Mapping comes from, then fill in Path in restpath.go until
// `make lab-1` passes. Teachers: `make lab-1-check` runs the same tests
// against the reference solution.
package restpath
