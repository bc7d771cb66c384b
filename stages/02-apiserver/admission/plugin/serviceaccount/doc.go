// Package serviceaccount is the ServiceAccount admission plugin: it gives
// every new pod an identity and the files it needs to use it.
//
// A process in a pod that calls the API server authenticates as the pod's
// service account (user "system:serviceaccount:<namespace>:<name>"). On
// pod create the plugin:
//
//  1. fills spec.serviceAccountName with "default" when it is empty;
//  2. refuses the pod when that account does not exist:
//     `pods "web" is forbidden: error looking up service account
//     default/builder: serviceaccount "builder" not found`;
//  3. unless automountServiceAccountToken is false (the pod's setting
//     wins over the account's), adds the projected volume
//     kube-api-access-<5 random characters> - a token for the account
//     that the kubelet refreshes (expirationSeconds 3607), the cluster CA
//     from the kube-root-ca.crt ConfigMap, and the namespace name - and
//     mounts it read-only at /var/run/secrets/kubernetes.io/serviceaccount
//     in every container and init container that has nothing mounted
//     there;
//  4. copies the account's imagePullSecrets to a pod that names none.
//
// The validating pass checks the result again (a webhook may have changed
// it), refuses mirror pods (static pods a kubelet reports) that reference
// an account or secrets, and, for an account annotated
// kubernetes.io/enforce-mountable-secrets=true, refuses secrets the
// account does not list.
//
// The "default" accounts are made by the service account controller
// (stage 3); until it runs, a namespace has none and pods using it are
// refused. Upstream retries the lookup of "default" for up to two seconds
// to ride out a namespace that was just created; so does this plugin.
//
// Talk 000, "Admission controllers" (requests are modified, not only
// rejected) and "Server side authentication" (the token this volume
// carries). The talk's Initializers were replaced by mutating webhooks;
// built-in mutation like this one never needed them.
package serviceaccount
