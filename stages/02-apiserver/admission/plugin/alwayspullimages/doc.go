// Package alwayspullimages is the AlwaysPullImages admission plugin: it
// sets imagePullPolicy Always on every container of every new pod.
//
// Why: once a node has pulled a private image, any pod on that node can
// start it by name with imagePullPolicy IfNotPresent, without the pull
// secret that guards it. Forcing a pull on every start makes the kubelet
// present the pod's own credentials to the registry each time. In a
// cluster shared by tenants that matters; elsewhere it only costs pull
// time, which is why the plugin is off by default
// (admission.DefaultOff).
//
// The mutating pass sets the policy; the validating pass refuses a pod
// whose containers do not have it (a webhook running later may have
// changed it back):
//
//	pods "web" is forbidden: spec.containers[0].imagePullPolicy:
//	Unsupported value: "IfNotPresent": supported values: "Always"
//
// An update that adds no new image is left alone, so status updates and
// label changes of pods created before the plugin was enabled still pass.
//
// Talk 000, "Examples: Admission controllers": AlwaysPullImages is the
// talk's first example of a plugin that modifies a request. The talk's
// other tools for this, Initializers, were replaced by mutating
// admission webhooks.
package alwayspullimages
