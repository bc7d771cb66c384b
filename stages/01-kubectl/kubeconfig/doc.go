// Package kubeconfig reads, merges and edits kubeconfig files and resolves
// them, together with kubectl's global flags, into the rest.Config a
// command connects with.
//
//	rules := kubeconfig.NewDefaultLoadingRules() // $KUBECONFIG or ~/.kube/config
//	rules.ExplicitPath = kubeconfigFlag           // --kubeconfig, if given
//	cc := kubeconfig.NewClientConfig(rules, kubeconfig.Overrides{Context: "kind", Namespace: "web"})
//	cfg, err := cc.RESTConfig()           // server, CA, credentials
//	ns, _, err := cc.Namespace()          // "web"
//	client, err := rest.New(cfg)
//
// It implements talk 001, "Client Interactions" (the kubeconfig comes from
// the default location, $KUBECONFIG or --kubeconfig, and says how to
// authenticate: client certificates, bearer tokens, username and password,
// or a plugin), and the first line of talk 000's "kubectl get deployments
// -v 6", "Config loaded from file:  /home/…/.kube/config".
//
// Files hold three lists — clusters (where), users (who) and contexts (a
// cluster, a user and a default namespace under one name) — and
// current-context. The format and the merge rules are upstream client-go's
// clientcmd: files written by kubeadm, kind or a cloud CLI work unchanged.
//
// What upstream does differently: with no configuration at all, kubectl
// falls back to http://localhost:8080 and then fails to connect; here the
// command stops earlier with client-go's "no configuration has been
// provided" error. $KUBERNETES_MASTER, which that message mentions, is
// honoured as the default server. Removed auth-provider plugins (gcp,
// azure, oidc) are refused rather than explained.
package kubeconfig
