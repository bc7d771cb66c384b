// The objects a describer needs beside the one it describes: a
// Deployment's ReplicaSets, a ReplicaSet's pods, a Node's pods, a
// Service's endpoints, a Namespace's quotas and limit ranges.
//
// Interface:
//   - (*describer).deployment, replicaSet, node, service, namespace fetch the
//     related objects (through discovery's mapping of their kinds, with
//     label and field selectors) and call the layout functions of
//     describe_workloads.go, describe_node.go, describe_service.go and
//     describe_namespace.go.
//   - ownedBy reports whether metadata names a controller by UID.
//
// A related list that fails to load is shown as empty rather than failing
// the whole describe, as upstream does.

package kubectl

import (
	"net/url"
	"reflect"

	appsv1 "github.com/kubeworkbook/kubeworkbook/shared/api/apps/v1"
	corev1 "github.com/kubeworkbook/kubeworkbook/shared/api/core/v1"
	discoveryv1 "github.com/kubeworkbook/kubeworkbook/shared/api/discovery/v1"
	metav1 "github.com/kubeworkbook/kubeworkbook/shared/api/meta/v1"
	"github.com/kubeworkbook/kubeworkbook/shared/fields"
	"github.com/kubeworkbook/kubeworkbook/shared/labels"
)

// ownedBy reports whether m's controller reference points at uid.
func ownedBy(m metav1.ObjectMeta, uid metav1.UID) bool {
	ref := metav1.GetControllerOf(&metav1.PartialObjectMetadata{ObjectMeta: m})
	return ref != nil && ref.UID == uid
}

// selectorQuery is the labelSelector query of a LabelSelector.
func selectorQuery(s *metav1.LabelSelector) (url.Values, error) {
	sel, err := labels.FromLabelSelector(s)
	if err != nil {
		return nil, err
	}
	return url.Values{"labelSelector": {sel.String()}}, nil
}

func (d *describer) deployment(w *prefixWriter, o describedObject) error {
	var dep appsv1.Deployment
	if err := convert(o.obj, &dep); err != nil {
		return err
	}
	var rsList []appsv1.ReplicaSet
	if q, err := selectorQuery(dep.Spec.Selector); err == nil {
		_ = d.listTyped("apps/v1", "ReplicaSet", dep.Namespace, q, &rsList)
	}
	var newRS *appsv1.ReplicaSet
	var old []appsv1.ReplicaSet
	for i := range rsList {
		rs := &rsList[i]
		switch {
		case !ownedBy(rs.ObjectMeta, dep.UID):
		case newRS == nil && sameTemplate(rs.Spec.Template, dep.Spec.Template):
			newRS = rs
		case rs.Spec.Replicas != nil && *rs.Spec.Replicas > 0:
			old = append(old, *rs)
		}
	}
	describeDeployment(w, &dep, old, newRS, d.events(o), d.now)
	return nil
}

// sameTemplate reports whether a ReplicaSet runs the Deployment's current
// pod template: equal once the controller's pod-template-hash label is
// set aside (upstream's EqualIgnoreHash).
func sameTemplate(rsTemplate, depTemplate corev1.PodTemplateSpec) bool {
	a, b := rsTemplate, depTemplate
	a.Labels = withoutKey(a.Labels, appsv1.DefaultDeploymentUniqueLabelKey)
	b.Labels = withoutKey(b.Labels, appsv1.DefaultDeploymentUniqueLabelKey)
	ma, err1 := toUnstructured(a)
	mb, err2 := toUnstructured(b)
	return err1 == nil && err2 == nil && reflect.DeepEqual(ma, mb)
}

func withoutKey(m map[string]string, key string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		if k != key {
			out[k] = v
		}
	}
	return out
}

func (d *describer) replicaSet(w *prefixWriter, o describedObject) error {
	var rs appsv1.ReplicaSet
	if err := convert(o.obj, &rs); err != nil {
		return err
	}
	var pods []corev1.Pod
	if q, err := selectorQuery(rs.Spec.Selector); err == nil {
		_ = d.listTyped("v1", "Pod", rs.Namespace, q, &pods)
	}
	var owned []corev1.Pod
	for _, p := range pods {
		if ownedBy(p.ObjectMeta, rs.UID) {
			owned = append(owned, p)
		}
	}
	describeReplicaSet(w, &rs, countPods(owned), d.events(o), d.now)
	return nil
}

func (d *describer) node(w *prefixWriter, o describedObject) error {
	var node corev1.Node
	if err := convert(o.obj, &node); err != nil {
		return err
	}
	sel := fields.AndSelectors(
		fields.OneTermEqualSelector("spec.nodeName", node.Name),
		fields.OneTermNotEqualSelector("status.phase", string(corev1.PodSucceeded)),
		fields.OneTermNotEqualSelector("status.phase", string(corev1.PodFailed)),
	)
	var pods []corev1.Pod
	_ = d.listTyped("v1", "Pod", "", url.Values{"fieldSelector": {sel.String()}}, &pods)
	describeNode(w, &node, pods, d.events(o), d.now)
	return nil
}

func (d *describer) service(w *prefixWriter, o describedObject) error {
	var svc corev1.Service
	if err := convert(o.obj, &svc); err != nil {
		return err
	}
	var slices []map[string]any
	q := url.Values{"labelSelector": {discoveryv1.LabelServiceName + "=" + svc.Name}}
	_ = d.listTyped("discovery.k8s.io/v1", "EndpointSlice", svc.Namespace, q, &slices)
	describeService(w, &svc, endpointsFromSlices(slices), d.events(o), d.now)
	return nil
}

// namespace describes a Namespace with the ResourceQuotas and LimitRanges
// inside it; a list the server refuses leaves its section out.
func (d *describer) namespace(w *prefixWriter, o describedObject) error {
	var ns corev1.Namespace
	if err := convert(o.obj, &ns); err != nil {
		return err
	}
	var quotas []corev1.ResourceQuota
	if err := d.listTyped("v1", "ResourceQuota", ns.Name, url.Values{}, &quotas); err == nil && quotas == nil {
		quotas = []corev1.ResourceQuota{}
	}
	var limits []corev1.LimitRange
	if err := d.listTyped("v1", "LimitRange", ns.Name, url.Values{}, &limits); err == nil && limits == nil {
		limits = []corev1.LimitRange{}
	}
	describeNamespace(w, &ns, quotas, limits)
	return nil
}
