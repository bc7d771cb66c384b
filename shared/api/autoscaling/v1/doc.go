// Package autoscalingv1 holds the one autoscaling/v1 kind this project
// serves: Scale, the body of the "scale" subresource of Deployments and
// ReplicaSets.
//
// `kubectl scale deployment web --replicas=3` reads and writes
// /apis/apps/v1/namespaces/default/deployments/web/scale: a small object
// that carries only the replica count, so a client (or an autoscaler) can
// change it without knowing the Deployment's schema.
//
//	s := autoscalingv1.Scale{Spec: autoscalingv1.ScaleSpec{Replicas: 3}}
//
// Talk 002, "Controllers": the desired number of replicas a controller
// converges to. shared/scheme names Scale as the kind of every scale
// subresource.
package autoscalingv1
