// Graph: what the Node authorizer needs to know about the cluster, and
// what a pod spec references.
//
// Interface:
//   - Graph: PodsOnNode and PersistentVolumeClaim.
//   - StaticGraph: fixed pods and claims, for tests and examples.
//   - references(pod): the secrets, configmaps, claims and service account
//     a pod uses (upstream's graph edges, computed on demand).
package node

import (
	"slices"

	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/stages/02-apiserver/apierrors"
)

// Graph answers the two questions of the Node authorizer. It is called
// for kubelet requests only, but for every one of those, so it should be
// served from a cache. Returned objects are shared and must not be
// modified.
type Graph interface {
	// PodsOnNode returns the pods whose spec.nodeName is nodeName.
	PodsOnNode(nodeName string) ([]*corev1.Pod, error)
	// PersistentVolumeClaim returns the claim namespace/name, or an error
	// (NotFound by convention) when there is none.
	PersistentVolumeClaim(namespace, name string) (*corev1.PersistentVolumeClaim, error)
}

// StaticGraph is a Graph over fixed slices. Fill it before the first
// call; it must not change afterwards.
type StaticGraph struct {
	Pods   []corev1.Pod
	Claims []corev1.PersistentVolumeClaim
}

var _ Graph = (*StaticGraph)(nil)

// PodsOnNode returns the pods bound to nodeName.
func (g *StaticGraph) PodsOnNode(nodeName string) ([]*corev1.Pod, error) {
	var out []*corev1.Pod
	for i := range g.Pods {
		if g.Pods[i].Spec.NodeName == nodeName {
			out = append(out, &g.Pods[i])
		}
	}
	return out, nil
}

// PersistentVolumeClaim returns the claim namespace/name or a NotFound
// error.
func (g *StaticGraph) PersistentVolumeClaim(namespace, name string) (*corev1.PersistentVolumeClaim, error) {
	for i := range g.Claims {
		if g.Claims[i].Namespace == namespace && g.Claims[i].Name == name {
			return &g.Claims[i], nil
		}
	}
	return nil, apierrors.NewNotFound(metav1.GroupResource{Resource: "persistentvolumeclaims"}, name)
}

// podReferences are the objects one pod uses, by name, all in the pod's
// namespace.
type podReferences struct {
	secrets, configMaps, claims []string
	serviceAccount              string
}

// references lists what pod uses: the edges upstream's graph populator
// adds for a pod.
func references(pod *corev1.Pod) podReferences {
	var r podReferences
	spec := &pod.Spec
	r.serviceAccount = spec.ServiceAccountName
	if r.serviceAccount == "" {
		r.serviceAccount = "default"
	}
	for _, s := range spec.ImagePullSecrets {
		r.secrets = append(r.secrets, s.Name)
	}
	for _, v := range spec.Volumes {
		switch {
		case v.Secret != nil:
			r.secrets = append(r.secrets, v.Secret.SecretName)
		case v.ConfigMap != nil:
			r.configMaps = append(r.configMaps, v.ConfigMap.Name)
		case v.PersistentVolumeClaim != nil:
			r.claims = append(r.claims, v.PersistentVolumeClaim.ClaimName)
		case v.Projected != nil:
			for _, p := range v.Projected.Sources {
				if p.Secret != nil {
					r.secrets = append(r.secrets, p.Secret.Name)
				}
				if p.ConfigMap != nil {
					r.configMaps = append(r.configMaps, p.ConfigMap.Name)
				}
			}
		}
	}
	for _, c := range slices.Concat(spec.InitContainers, spec.Containers) {
		for _, e := range c.EnvFrom {
			if e.SecretRef != nil {
				r.secrets = append(r.secrets, e.SecretRef.Name)
			}
			if e.ConfigMapRef != nil {
				r.configMaps = append(r.configMaps, e.ConfigMapRef.Name)
			}
		}
		for _, e := range c.Env {
			if e.ValueFrom == nil {
				continue
			}
			if e.ValueFrom.SecretKeyRef != nil {
				r.secrets = append(r.secrets, e.ValueFrom.SecretKeyRef.Name)
			}
			if e.ValueFrom.ConfigMapKeyRef != nil {
				r.configMaps = append(r.configMaps, e.ValueFrom.ConfigMapKeyRef.Name)
			}
		}
	}
	return r
}
